-- wrk script for bench/run.sh: a small non-streaming chat request, and one machine-readable
-- result line at the end (latencies in microseconds, from wrk's own histogram).
-- BENCH_UPSTREAM (env): value of the X-Caravan-Upstream header (sent to direct runs too, where
-- the mock ignores it, so both sides see byte-identical requests).
-- BENCH_MODEL (env): the request's "model" (default gpt-4o-mini); the failover step sends a route alias.
local model = os.getenv("BENCH_MODEL")
if not model or model == "" then model = "gpt-4o-mini" end
wrk.method = "POST"
wrk.body = '{"model":"' .. model .. '","messages":[{"role":"system","content":"You are a helpful assistant."},' ..
  '{"role":"user","content":"Say hello in one short sentence."}],"max_tokens":128,"temperature":0}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench-not-a-real-key"
local upstream = os.getenv("BENCH_UPSTREAM")
if upstream and upstream ~= "" then
  wrk.headers["X-Caravan-Upstream"] = upstream
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d mean_us=%.1f max_us=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.mean, latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
