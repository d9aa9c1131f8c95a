#!/usr/bin/env node
// Sequential streams against one URL (Node >= 18, no dependencies), for bench/ingress.sh.
// Per stream, from just before the request is sent:
//   ttfe - time to the first complete server-sent event (whatever its type)
//   ttfc - time to the first event whose text matches --content (a content delta of that API)
// Before them, --warmup streams (of --warmup-body if given, e.g. a model without pauses) run --warmup-parallel at a
// time, so the gateway's code is compiled as it would be under real traffic; they are not measured. --gap-ms pauses
// before each measured stream (connections then sit idle, as between the calls of a quiet client).
// A stream FAILS (counted, with the reason) when the status is not 200, the socket errors, or no event matches
// --content. Prints one JSON object: {ok, errors, reasons, ttfe_p50_ms, ttfe_p99_ms, ttfc_p50_ms, ttfc_p99_ms}.
import http from 'node:http';

const o = { url: null, body: null, warmupBody: null, headers: {}, n: 200, warmup: 100, warmupParallel: 1, gapMs: 0, content: null };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i], v = process.argv[++i];
  if (k === '--url') o.url = v;
  else if (k === '--body') o.body = v;
  else if (k === '--warmup-body') o.warmupBody = v;
  else if (k === '--warmup-parallel') o.warmupParallel = parseInt(v, 10);
  else if (k === '--header') { const at = v.indexOf(':'); o.headers[v.slice(0, at).trim()] = v.slice(at + 1).trim(); }
  else if (k === '--n') o.n = parseInt(v, 10);
  else if (k === '--gap-ms') o.gapMs = parseInt(v, 10);
  else if (k === '--warmup') o.warmup = parseInt(v, 10);
  else if (k === '--content') o.content = new RegExp(v);
  else throw new Error(`unknown argument ${k}`);
}
if (!o.url || !o.body || !o.content) throw new Error('--url, --body and --content are required');
const url = new URL(o.url);
if (!['127.0.0.1', 'localhost'].includes(url.hostname)) throw new Error('loopback only');
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(1, o.warmupParallel) });
const body = Buffer.from(o.body);
const warmupBody = Buffer.from(o.warmupBody ?? o.body);

function one(body) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    let ttfe = null, ttfc = null, buf = '';
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const req = http.request(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': body.length, ...o.headers },
    }, (res) => {
      if (res.statusCode !== 200) { res.resume(); return resolve({ error: `status ${res.statusCode}` }); }
      res.setEncoding('utf8');
      res.on('data', (d) => {
        buf += d;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const event = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (event.startsWith(':')) continue; // a comment line (the receipt)
          if (ttfe === null) ttfe = ms();
          if (ttfc === null && o.content.test(event)) ttfc = ms();
        }
      });
      res.on('end', () => resolve(ttfc === null ? { error: 'no content event' } : { ttfe, ttfc }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: e.message }));
    req.end(body);
  });
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : null; };
const ttfes = [], ttfcs = [], reasons = {};
let warmed = 0, warmupErrors = 0;
await Promise.all(Array.from({ length: Math.max(1, o.warmupParallel) }, async () => {
  while (warmed < o.warmup) {
    warmed++;
    if ((await one(warmupBody)).error) warmupErrors++;
  }
}));
if (o.warmup > 0 && warmupErrors === o.warmup) throw new Error('every warm-up stream failed');
for (let i = 0; i < o.n; i++) {
  if (o.gapMs > 0) await new Promise((done) => setTimeout(done, o.gapMs)); // idle connections, as between real calls
  const r = await one(body);
  if (r.error) { reasons[r.error] = (reasons[r.error] || 0) + 1; continue; }
  ttfes.push(r.ttfe); ttfcs.push(r.ttfc);
}
const round = (x) => x === null ? null : Math.round(x * 1000) / 1000;
console.log(JSON.stringify({
  ok: ttfes.length, errors: o.n - ttfes.length, reasons,
  ttfe_p50_ms: round(pct(ttfes, 0.5)), ttfe_p99_ms: round(pct(ttfes, 0.99)),
  ttfc_p50_ms: round(pct(ttfcs, 0.5)), ttfc_p99_ms: round(pct(ttfcs, 0.99)),
}));
agent.destroy();
