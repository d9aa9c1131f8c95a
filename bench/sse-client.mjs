#!/usr/bin/env node
// SSE load client for bench/run.sh (Node >= 18, no dependencies).
//
// Keeps N streams open concurrently (closed loop: each of the N workers starts a new stream as
// soon as its previous one ended) until --duration seconds have passed or --max-streams streams
// were started. Per stream it measures, from just before the request is sent:
//   ttfe  - time to the first complete `data:` event (the mock's first event carries the role)
//   ttfc  - time to the first event whose choices[0].delta.content is a non-empty string
//   total - time to the end of the response
// and counts the events that carried content (a gateway that holds text back may merge or drop
// events: that is reported, not failed). It FAILS a stream (counted as an error, with the reason) when:
//   - the status is not 200, or the socket errors / times out,
//   - the concatenated content is not the first --chunks tokens of TOKENS (missing, reordered or
//     altered text),
//   - there is no finish_reason, or no `data: [DONE]`,
//   - a usage chunk ("choices":[]) arrives although the request did not ask for include_usage
//     (with --include-usage the usage chunk is required instead),
//   - an event's JSON does not parse.
// Prints one JSON object on stdout.
import http from 'node:http';

function parseArgs(argv) {
  const o = {
    url: null, streams: 1, duration: 10, maxStreams: 0, chunks: 20, includeUsage: false,
    upstream: '', timeoutMs: 15000, auth: 'Bearer sk-bench-not-a-real-key',
  };
  for (let i = 2; i < argv.length; i++) {
    const [k, vInline] = argv[i].split(/=(.*)/s, 2);
    const v = () => (vInline !== undefined ? vInline : argv[++i]);
    switch (k) {
      case '--url': o.url = v(); break;
      case '--streams': o.streams = parseInt(v(), 10); break;
      case '--duration': o.duration = parseFloat(v()); break;
      case '--max-streams': o.maxStreams = parseInt(v(), 10); break;
      case '--chunks': o.chunks = parseInt(v(), 10); break;
      case '--include-usage': o.includeUsage = true; break;
      case '--upstream': o.upstream = v(); break;
      case '--timeout-ms': o.timeoutMs = parseInt(v(), 10); break;
      case '--help': case '-h':
        console.log('usage: sse-client.mjs --url URL [--streams N] [--duration S] [--max-streams M]' +
          ' [--chunks 20] [--include-usage] [--upstream X-Caravan-Upstream] [--timeout-ms MS]');
        process.exit(0);
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!o.url) throw new Error('--url is required');
  const u = new URL(o.url);
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost' && u.hostname !== '[::1]') {
    throw new Error(`refusing to load a non-loopback host: ${u.hostname}`);
  }
  return o;
}

const opt = parseArgs(process.argv);
const url = new URL(opt.url);
// The mock's answer, one token per content event: the same list as M.TOKENS in nginx/mock.lua.
const TOKENS = [
  'Hello', '!', ' Here', ' is', ' a', ' short', ' answer', ' from', ' the', ' mock', ',',
  ' sent', ' one', ' piece', ' at', ' a', ' time', ' for', ' timing', '.',
];
if (!(opt.chunks >= 1 && opt.chunks <= TOKENS.length)) throw new Error(`--chunks must be 1..${TOKENS.length}`);
const expectedText = TOKENS.slice(0, opt.chunks).join('');
const body = JSON.stringify({
  model: 'gpt-4o-mini',
  stream: true,
  ...(opt.includeUsage ? { stream_options: { include_usage: true } } : {}),
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Count to twenty.' },
  ],
  max_tokens: 128,
  temperature: 0,
});
const headers = {
  'Content-Type': 'application/json',
  'Accept': 'text/event-stream',
  'Authorization': opt.auth,
  'Content-Length': Buffer.byteLength(body),
};
if (opt.upstream) headers['X-Caravan-Upstream'] = opt.upstream;

const agent = new http.Agent({ keepAlive: true, maxSockets: opt.streams, maxFreeSockets: opt.streams });

const ns = () => process.hrtime.bigint();
const ttfes = [];
const ttfcs = [];
const totals = [];
const contentCounts = [];
const errors = {};
let ok = 0;
let failed = 0;
let started = 0;

function fail(reason) {
  failed++;
  errors[reason] = (errors[reason] || 0) + 1;
}

function oneStream() {
  return new Promise((resolve) => {
    const t0 = ns();
    let done = false;
    let firstEvent = null;
    let firstContent = null;
    let buf = '';
    let contentEvents = 0;
    let text = '';
    let sawDone = false;
    let sawFinish = false;
    let usageChunks = 0;
    let afterDone = false;
    let problem = null;

    const finish = (reason) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (reason) {
        fail(reason);
      } else {
        ok++;
        ttfes.push(Number(firstEvent - t0) / 1e6);
        ttfcs.push(Number(firstContent - t0) / 1e6);
        totals.push(Number(ns() - t0) / 1e6);
        contentCounts.push(contentEvents);
      }
      resolve();
    };

    const handleEvent = (raw) => {
      // One SSE event: lines; collect the data: lines.
      const lines = raw.split('\n');
      const data = [];
      for (const line of lines) {
        if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
      }
      if (data.length === 0) return; // comment / keep-alive / event: only
      if (firstEvent === null) firstEvent = ns();
      const payload = data.join('\n');
      if (afterDone) { problem ??= 'event after [DONE]'; return; }
      if (payload.trim() === '[DONE]') { sawDone = true; afterDone = true; return; }
      let obj;
      try { obj = JSON.parse(payload); } catch { problem ??= 'event is not JSON'; return; }
      if (obj.error) { problem ??= 'error event in stream'; return; }
      if (!Array.isArray(obj.choices)) { problem ??= 'chunk without choices'; return; }
      if (obj.choices.length === 0) {
        if (obj.usage) usageChunks++;
        return;
      }
      const c = obj.choices[0];
      if (c.delta && typeof c.delta.content === 'string' && c.delta.content.length > 0) {
        if (firstContent === null) firstContent = ns();
        contentEvents++;
        text += c.delta.content;
      }
      if (c.finish_reason) sawFinish = true;
    };

    const req = http.request({
      host: url.hostname, port: url.port || 80, path: url.pathname + url.search,
      method: 'POST', headers, agent,
    }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        res.on('end', () => finish(`HTTP ${res.statusCode}`));
        res.on('error', () => finish(`HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (d) => {
        buf += d;
        if (buf.includes('\r')) buf = buf.replace(/\r\n?/g, '\n');
        let idx;
        while ((idx = buf.indexOf('\n\n')) >= 0) {
          const ev = buf.slice(0, idx);
          buf = buf.slice(idx + 2);
          handleEvent(ev);
        }
      });
      res.on('end', () => {
        if (buf.trim().length > 0) handleEvent(buf);
        if (problem) return finish(problem);
        if (firstEvent === null) return finish('no data event');
        if (text !== expectedText) {
          return finish(text.length < expectedText.length && expectedText.startsWith(text)
            ? 'content text truncated' : 'content text altered');
        }
        if (!sawFinish) return finish('no finish_reason');
        if (!sawDone) return finish('no [DONE]');
        if (!opt.includeUsage && usageChunks > 0) return finish('usage chunk leaked (include_usage not requested)');
        if (opt.includeUsage && usageChunks !== 1) return finish(`usage chunks: got ${usageChunks}, want 1`);
        finish(null);
      });
      res.on('error', (e) => finish(`response error: ${e.code || e.message}`));
    });
    req.on('socket', (s) => s.setNoDelay(true));
    req.on('error', (e) => finish(`request error: ${e.code || e.message}`));
    const timer = setTimeout(() => {
      req.destroy(new Error('timeout'));
      finish('timeout');
    }, opt.timeoutMs);
    req.end(body);
  });
}

function pct(arr, p) {
  if (arr.length === 0) return null;
  const s = [...arr].sort((a, b) => a - b);
  const k = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return Math.round(s[k] * 1000) / 1000;
}
const minOf = (arr) => (arr.length ? arr.reduce((a, b) => Math.min(a, b)) : null);
const maxOf = (arr) => (arr.length ? arr.reduce((a, b) => Math.max(a, b)) : null);

const tStart = ns();
const deadline = tStart + BigInt(Math.round(opt.duration * 1e9));
async function worker() {
  while (ns() < deadline && (opt.maxStreams === 0 || started < opt.maxStreams)) {
    started++;
    await oneStream();
  }
}
await Promise.all(Array.from({ length: opt.streams }, worker));
const elapsed = Number(ns() - tStart) / 1e9;
agent.destroy();

const out = {
  streams: opt.streams,
  include_usage: opt.includeUsage,
  started,
  ok,
  errors: failed,
  error_reasons: errors,
  elapsed_s: Math.round(elapsed * 1000) / 1000,
  streams_per_s: Math.round((ok / elapsed) * 100) / 100,
  ttfe_p50_ms: pct(ttfes, 50),
  ttfe_p99_ms: pct(ttfes, 99),
  ttfc_p50_ms: pct(ttfcs, 50),
  ttfc_p99_ms: pct(ttfcs, 99),
  content_events_p50: pct(contentCounts, 50),
  content_events_min: minOf(contentCounts),
  content_events_max: maxOf(contentCounts),
  total_p50_ms: pct(totals, 50),
  total_p99_ms: pct(totals, 99),
};
process.stdout.write(JSON.stringify(out) + '\n');
