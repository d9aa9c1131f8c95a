-- OpenAI Chat Completions mock for the Caravan benchmark (nginx + lua-nginx-module).
-- Every response is pre-rendered at load time so the mock spends almost no CPU per call.
local M = {}

local ngx = ngx
local find = string.find

local ID = "chatcmpl-bench000000000000000000000001"
local CREATED = 1700000000
local MODEL = "gpt-4o-mini-2024-07-18"
local FP = "fp_bench0001"

M.CHUNK_COUNT = 20
M.CHUNK_INTERVAL = 0.01 -- seconds between content events

-- ~1 KB non-streaming chat.completion (valid JSON, with usage).
local ANSWER = "Hello! This is a fixed answer from the Caravan benchmark mock. " ..
  "It is long enough to make the whole response about one kilobyte, which is close to a " ..
  "typical short chat completion: a couple of paragraphs of plain text. The mock never " ..
  "looks at the prompt; it only checks whether the request asked for streaming and, if so, " ..
  "whether it asked for usage in the stream. Nothing here is generated, so every response " ..
  "is byte-for-byte identical and costs the mock next to no CPU. Numbers measured against it " ..
  "show the cost of the hop itself, not of any model."

M.COMPLETION = '{"id":"' .. ID .. '","object":"chat.completion","created":' .. CREATED ..
  ',"model":"' .. MODEL .. '","choices":[{"index":0,"message":{"role":"assistant","content":"' ..
  ANSWER .. '","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],' ..
  '"usage":{"prompt_tokens":19,"completion_tokens":104,"total_tokens":123,' ..
  '"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},' ..
  '"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,' ..
  '"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},' ..
  '"service_tier":"default","system_fingerprint":"' .. FP .. '"}'

local function chunk(delta, finish)
  return 'data: {"id":"' .. ID .. '","object":"chat.completion.chunk","created":' .. CREATED ..
    ',"model":"' .. MODEL .. '","system_fingerprint":"' .. FP ..
    '","choices":[{"index":0,"delta":' .. delta .. ',"logprobs":null,"finish_reason":' ..
    finish .. '}]}\n\n'
end

-- The streamed answer, one token per content event, shaped like OpenAI's deltas: a word carries its
-- leading space and never a trailing one, punctuation is a token of its own, the first token has no
-- space. So an event's text usually ends inside a word that the next event may still extend, which is
-- what a streaming redactor has to hold back (chunks ending in a space would never make it hold).
-- Plain prose: no digits, e-mail, key names or other text a detector acts on.
-- bench/sse-client.mjs checks the same list (TOKENS); keep the two identical.
M.TOKENS = {
  "Hello", "!", " Here", " is", " a", " short", " answer", " from", " the", " mock", ",",
  " sent", " one", " piece", " at", " a", " time", " for", " timing", ".",
}
assert(#M.TOKENS == M.CHUNK_COUNT, "mock.lua: TOKENS must have CHUNK_COUNT entries")

-- Content event i carries TOKENS[i]; the first one also carries the role.
M.CHUNKS = {}
for i = 1, M.CHUNK_COUNT do
  local role = (i == 1) and '"role":"assistant",' or ''
  M.CHUNKS[i] = chunk('{' .. role .. '"content":"' .. M.TOKENS[i] .. '"}', 'null')
end
M.FINISH = chunk('{}', '"stop"')
M.USAGE = 'data: {"id":"' .. ID .. '","object":"chat.completion.chunk","created":' .. CREATED ..
  ',"model":"' .. MODEL .. '","system_fingerprint":"' .. FP .. '","choices":[],' ..
  '"usage":{"prompt_tokens":19,"completion_tokens":20,"total_tokens":39,' ..
  '"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},' ..
  '"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,' ..
  '"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}\n\n'
M.DONE = 'data: [DONE]\n\n'

local function read_body()
  ngx.req.read_body()
  local body = ngx.req.get_body_data()
  if body then return body end
  local path = ngx.req.get_body_file() -- only if the body did not fit in the buffer
  if path then
    local f = io.open(path, "rb")
    if f then
      body = f:read("*a")
      f:close()
      return body
    end
  end
  return ""
end

-- delay: seconds to wait before answering (0 for the instant path, 0.05 for /slow).
function M.handle(delay)
  if ngx.req.get_method() ~= "POST" then
    ngx.status = 405
    ngx.header["Content-Type"] = "application/json"
    ngx.print('{"error":{"message":"use POST","type":"invalid_request_error"}}')
    return
  end
  local body = read_body()
  if delay > 0 then ngx.sleep(delay) end

  if find(body, '"stream"%s*:%s*true') then
    local with_usage = find(body, '"include_usage"%s*:%s*true') ~= nil
    ngx.status = 200
    ngx.header["Content-Type"] = "text/event-stream"
    ngx.header["Cache-Control"] = "no-cache"
    local n = M.CHUNK_COUNT
    for i = 1, n do
      ngx.print(M.CHUNKS[i])
      ngx.flush(true)
      if i < n then ngx.sleep(M.CHUNK_INTERVAL) end
    end
    ngx.print(M.FINISH)
    if with_usage then ngx.print(M.USAGE) end
    ngx.print(M.DONE)
    ngx.flush(true)
    return
  end

  ngx.status = 200
  ngx.header["Content-Type"] = "application/json"
  ngx.header["Content-Length"] = #M.COMPLETION
  ngx.print(M.COMPLETION)
end

-- /flaky/v1: a primary that fails half its calls. Calls 2, 4, 6 ... (counted per worker, and the mock
-- runs one) get HTTP 503 with an OpenAI-shaped error; the others are answered like /v1.
M.UNAVAILABLE = '{"error":{"message":"mock: the flaky upstream is overloaded (every second call fails)",' ..
  '"type":"server_error","param":null,"code":"service_unavailable"}}'
M.flaky_calls = 0

function M.handle_flaky()
  M.flaky_calls = M.flaky_calls + 1
  if M.flaky_calls % 2 == 0 then
    ngx.req.discard_body()
    ngx.status = 503
    ngx.header["Content-Type"] = "application/json"
    ngx.header["Content-Length"] = #M.UNAVAILABLE
    ngx.print(M.UNAVAILABLE)
    return
  end
  -- /down/v1: a primary that is always down (HTTP 503), for the failover-cost step g.
function M.handle_down()
  ngx.req.discard_body()
  ngx.status = 503
  ngx.header["Content-Type"] = "application/json"
  ngx.header["Content-Length"] = #M.UNAVAILABLE
  ngx.print(M.UNAVAILABLE)
end

return M.handle(0)
end

return M
