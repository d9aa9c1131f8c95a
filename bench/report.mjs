#!/usr/bin/env node
// Turns the JSON lines written by bench/run.sh into the Markdown report.
// usage: node report.mjs RESULTS.jsonl > report.md
// Run facts come from BENCH_META_* environment variables set by run.sh.
import fs from 'node:fs';

const file = process.argv[2];
if (!file) { console.error('usage: report.mjs RESULTS.jsonl'); process.exit(2); }
const recs = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const env = (k, d = '') => process.env[`BENCH_META_${k}`] ?? d;

const gwLabel = env('GATEWAY_LABEL', 'gateway');
const hasTarget = (t) => recs.some((r) => r.target === t);
// Main table: every step. Streaming table: also the ungoverned Caravan (completion guardrails off).
const mainTargets = ['direct', 'gateway'];
if (hasTarget('nginx-proxy')) mainTargets.push('nginx-proxy');
const withUngoverned = hasTarget('ungoverned');
const sseTargets = ['direct', 'gateway'];
if (withUngoverned) sseTargets.push('ungoverned');
if (hasTarget('nginx-proxy')) sseTargets.push('nginx-proxy');
const governedLabel = /\)$/.test(gwLabel) ? gwLabel.replace(/\)$/, ', governed)') : `${gwLabel} (governed)`;
const colName = {
  direct: 'direct', gateway: gwLabel, 'nginx-proxy': 'nginx-proxy', ungoverned: 'ungoverned (completion off)',
  'gateway-healthy': 'model bench/healthy', 'gateway-failover': 'model bench/failover',
  'gateway-down': 'model bench/down (503)', 'gateway-always-failover': 'model bench/always-failover',
};
const sseColName = { ...colName, gateway: withUngoverned ? governedLabel : gwLabel };
// The mock's gap between content events (bench/nginx/mock.lua CHUNK_INTERVAL). Its first token ("Hello")
// does not end at a word boundary, so a redactor may hold it until the second one: the added time to first
// content may be one gap + 1 ms.
const UPSTREAM_GAP_MS = 10;
const TTFC_TARGET_MS = UPSTREAM_GAP_MS + 1;

const median = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const sel = (kind, step, target) => recs.filter((r) => r.kind === kind && r.step === step && r.target === target);
const med = (kind, step, target, key) => median(sel(kind, step, target).map((r) => r[key]));
const sum = (kind, step, target, key) => {
  const rs = sel(kind, step, target);
  return rs.length ? rs.reduce((a, r) => a + (r[key] || 0), 0) : null;
};
const has = (kind, step) => recs.some((r) => r.kind === kind && r.step === step);

const fmtMs = (x) => (x === null ? 'n/a' : Math.abs(x) < 1 ? x.toFixed(3) : Math.abs(x) < 100 ? x.toFixed(2) : x.toFixed(1));
const fmtAdd = (x) => (x === null ? 'n/a' : `${x >= 0 ? '+' : '−'}${fmtMs(Math.abs(x))}`);
const fmtInt = (x) => (x === null ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const fmtRatio = (x) => (x === null ? 'n/a' : x.toFixed(3));
// CPU figures come from clock ticks (usually 10 ms): flag the ones resting on few ticks.
const fmtCpu = (x, ticks) => (x === null ? 'n/a' : ticks !== null && ticks < 20 ? `~${fmtInt(x)} (${ticks} ticks, coarse)` : fmtInt(x));
const fmtMb = (kb) => (kb === null || kb === undefined ? 'n/a' : (kb / 1024).toFixed(1));

// Each row: label, per-target cell function, target text, check(gatewayValue) -> bool, raw value getter.
// Rows go to the current table (main or streaming), whose columns are `targets`.
let rows = [];
let targets = mainTargets;
let anyFail = false;
function row(label, cell, target = '–', check = null) {
  const cells = targets.map((t) => {
    const v = cell(t);
    return v === undefined ? '–' : v;
  });
  let verdict = '–';
  if (check) {
    const r = check();
    if (r === null) verdict = 'n/a';
    else { verdict = r ? 'PASS' : '**FAIL**'; if (!r) anyFail = true; }
  }
  rows.push(`| ${label} | ${cells.join(' | ')} | ${target} | ${verdict} |`);
}
function section(title) {
  rows.push(`| **${title}** | ${targets.map(() => '').join(' | ')} |  |  |`);
}
const notDirect = (f) => (t) => (t === 'direct' ? undefined : f(t));

function wrkSection(step, title, { ratioTarget = null, addedP50 = false } = {}) {
  if (!has('wrk', step)) return;
  section(title);
  const rps = (t) => med('wrk', step, t, 'rps');
  const p50 = (t) => med('wrk', step, t, 'p50_ms');
  const p99 = (t) => med('wrk', step, t, 'p99_ms');
  row('req/s', (t) => fmtInt(rps(t)));
  row('p50 latency (ms)', (t) => fmtMs(p50(t)));
  row('p99 latency (ms)', (t) => fmtMs(p99(t)));
  if (addedP50) {
    row('added p50 vs direct (ms)', notDirect((t) => fmtAdd(p50(t) === null ? null : p50(t) - p50('direct'))));
    row('added p99 vs direct (ms)', notDirect((t) => fmtAdd(p99(t) === null ? null : p99(t) - p99('direct'))));
  }
  const ratio = (t) => (rps(t) === null || !rps('direct') ? null : rps(t) / rps('direct'));
  if (ratioTarget !== null) {
    row('req/s × direct', notDirect((t) => fmtRatio(ratio(t))), `≥ ${ratioTarget}`,
      () => (ratio('gateway') === null ? null : ratio('gateway') >= ratioTarget));
  } else {
    row('req/s × direct', notDirect((t) => fmtRatio(ratio(t))));
  }
  const cpu = (t) => med('wrk', step, t, 'cpu_us_per_req');
  row('gateway CPU per request (µs)', notDirect((t) => fmtCpu(cpu(t), med('wrk', step, t, 'cpu_ticks'))), '≤ 250',
    () => (cpu('gateway') === null ? null : cpu('gateway') <= 250));
  const errs = (t) => sum('wrk', step, t, 'errors');
  row('errors (non-2xx, socket, timeout; all reps)', (t) => fmtInt(errs(t)), '0',
    () => (errs('gateway') === null ? null : errs('gateway') === 0));
}

function sseSection(step, title, addTarget) {
  if (!has('sse', step)) return;
  section(title);
  const m = (t, k) => med('sse', step, t, k);
  row('streams/s completed', (t) => fmtInt(m(t, 'streams_per_s')));
  row('time to first event p50 (ms)', (t) => fmtMs(m(t, 'ttfe_p50_ms')));
  row('time to first event p99 (ms)', (t) => fmtMs(m(t, 'ttfe_p99_ms')));
  row('time to first content p50 (ms)', (t) => fmtMs(m(t, 'ttfc_p50_ms')));
  row('time to first content p99 (ms)', (t) => fmtMs(m(t, 'ttfc_p99_ms')));
  row('content events per stream (median; mock sends 20)', (t) => (m(t, 'content_events_p50') === null ? 'n/a' : String(m(t, 'content_events_p50'))));
  row('stream total p50 (ms)', (t) => fmtMs(m(t, 'total_p50_ms')));
  row('stream total p99 (ms)', (t) => fmtMs(m(t, 'total_p99_ms')));
  const added = (t) => (m(t, 'ttfe_p50_ms') === null || m('direct', 'ttfe_p50_ms') === null
    ? null : m(t, 'ttfe_p50_ms') - m('direct', 'ttfe_p50_ms'));
  row('added TTFE p50 vs direct (ms)', notDirect((t) => fmtAdd(added(t))), `≤ ${addTarget}`,
    () => (added('gateway') === null ? null : added('gateway') <= addTarget));
  const addedP99 = (t) => (m(t, 'ttfe_p99_ms') === null || m('direct', 'ttfe_p99_ms') === null
    ? null : m(t, 'ttfe_p99_ms') - m('direct', 'ttfe_p99_ms'));
  row('added TTFE p99 vs direct (ms)', notDirect((t) => fmtAdd(addedP99(t))));
  const addedC = (t) => addedTtfc(step, t, 'direct');
  row('added TTFC p50 vs direct (ms)', notDirect((t) => fmtAdd(addedC(t))), `≤ ${TTFC_TARGET_MS}`,
    () => (addedC('gateway') === null ? null : addedC('gateway') <= TTFC_TARGET_MS));
  const addedCP99 = (t) => (m(t, 'ttfc_p99_ms') === null || m('direct', 'ttfc_p99_ms') === null
    ? null : m(t, 'ttfc_p99_ms') - m('direct', 'ttfc_p99_ms'));
  row('added TTFC p99 vs direct (ms)', notDirect((t) => fmtAdd(addedCP99(t))));
  const cpu = (t) => m(t, 'cpu_us_per_stream');
  row('gateway CPU per stream (µs)', notDirect((t) => fmtCpu(cpu(t), m(t, 'cpu_ticks'))));
  const errs = (t) => sum('sse', step, t, 'errors');
  const started = (t) => sum('sse', step, t, 'started');
  row('failed streams / started (all reps)', (t) => (errs(t) === null ? 'n/a' : `${fmtInt(errs(t))} / ${fmtInt(started(t))}`), '0',
    () => (errs('gateway') === null ? null : errs('gateway') === 0));
}

// median TTFC p50 of target t minus that of target base, for one SSE step
function addedTtfc(step, t, base) {
  const a = med('sse', step, t, 'ttfc_p50_ms');
  const b = med('sse', step, base, 'ttfc_p50_ms');
  return a === null || b === null ? null : a - b;
}

wrkSection('a', 'a. non-stream, 1 connection', { addedP50: true });
wrkSection('b', 'b. non-stream, 32 connections', { addedP50: true });
wrkSection('c', 'c. 50 ms upstream, 256 connections', { ratioTarget: 0.95 });
const rss = (t) => recs.find((r) => r.kind === 'rss' && r.target === t) || null;
if (targets.some((t) => rss(t))) {
  section('memory (gateway process, at the end)');
  row('VmHWM, peak RSS (MiB)', notDirect((t) => fmtMb(rss(t)?.vmhwm_kb)), '≤ 300',
    () => (rss('gateway') ? rss('gateway').vmhwm_kb / 1024 <= 300 : null));
  row('VmRSS (MiB)', notDirect((t) => fmtMb(rss(t)?.vmrss_kb)));
}
const mainRows = rows;

rows = [];
targets = sseTargets;
sseSection('d1', 'd. SSE, 1 stream at a time', 1);
sseSection('d64', 'd. SSE, 64 concurrent streams', 5);
if (has('sse', 'usage')) {
  section('SSE with stream_options.include_usage');
  const errs = (t) => sum('sse', 'usage', t, 'errors');
  const started = (t) => sum('sse', 'usage', t, 'started');
  row('streams failing (usage chunk must arrive exactly once)', (t) => (errs(t) === null ? 'n/a' : `${fmtInt(errs(t))} / ${fmtInt(started(t))}`), '0',
    () => (errs('gateway') === null ? null : errs('gateway') === 0));
}
const sseRows = rows;

const tableHead = (ts, names) => [
  `| ${['metric', ...ts.map((t) => names[t]), 'target', 'pass/fail'].join(' | ')} |`,
  `|${['---', ...ts.map(() => '---:'), '---', '---'].join('|')}|`,
];

// Step f (Caravan only): the gateway with route aliases, healthy vs a primary that fails half its calls.
const FAILOVER_RATIO_TARGET = 0.9;
const failoverTargets = ['gateway-healthy', 'gateway-failover'];
const failoverOut = [];
if (has('wrk', 'f')) {
  rows = [];
  targets = failoverTargets;
  const rps = (t) => med('wrk', 'f', t, 'rps');
  const errs = (t) => sum('wrk', 'f', t, 'errors');
  const reqs = (t) => sum('wrk', 'f', t, 'requests');
  row('req/s', (t) => fmtInt(rps(t)));
  row('p50 latency (ms)', (t) => fmtMs(med('wrk', 'f', t, 'p50_ms')));
  row('p99 latency (ms)', (t) => fmtMs(med('wrk', 'f', t, 'p99_ms')));
  row('gateway CPU per request (µs)', (t) => fmtCpu(med('wrk', 'f', t, 'cpu_us_per_req'), med('wrk', 'f', t, 'cpu_ticks')));
  row('errors (non-2xx, socket, timeout; all reps)', (t) => fmtInt(errs(t)), '0',
    () => (errs('gateway-failover') === null ? null : errs('gateway-failover') === 0));
  const flaky = recs.filter((r) => r.kind === 'flaky' && r.step === 'f');
  const pCalls = flaky.length ? flaky.reduce((a, r) => a + r.primary_calls, 0) : null;
  const p503 = flaky.length ? flaky.reduce((a, r) => a + r.primary_503, 0) : null;
  row('calls that reached the flaky primary (503s); all reps', (t) => (t !== 'gateway-failover' ? undefined
    : pCalls === null ? 'n/a' : `${fmtInt(pCalls)} (${fmtInt(p503)})`));
  row('requests completed (all reps)', (t) => fmtInt(reqs(t)));
  const ratio = rps('gateway-failover') === null || !rps('gateway-healthy') ? null : rps('gateway-failover') / rps('gateway-healthy');
  row('req/s failover / healthy', (t) => (t === 'gateway-failover' ? fmtRatio(ratio) : undefined), `≥ ${FAILOVER_RATIO_TARGET}`,
    () => (ratio === null ? null : ratio >= FAILOVER_RATIO_TARGET));
  failoverOut.push('### Failover (step f)');
  failoverOut.push('');
  failoverOut.push('The same gateway, 32 connections, non-stream, the route alias sent as `model` (no `X-Caravan-Upstream`). `bench/healthy` has one target, the mock\'s `/v1`; `bench/failover` has the mock\'s `/flaky/v1` as primary (HTTP 503 to every second call) and `/v1` as second target. The circuit breaker keeps its defaults (opens at 50 % failures over a 20-call window after 10 calls, or after 5 consecutive failures; open 30 s, then 2 half-open probes). Once it is open the primary only gets the half-open probes every 30 s and the other calls go straight to the second target, so the ratio mostly measures the gateway with an open breaker, not a primary that keeps failing half the time. The breaker\'s state carries over from one run (and repetition) to the next.');
  failoverOut.push('');
  failoverOut.push(...tableHead(failoverTargets, colName), ...rows, '');
  if (pCalls !== null && reqs('gateway-failover')) {
    const share = pCalls / reqs('gateway-failover');
    const what = share < 0.05
      ? 'the rest went straight to the second target (the breaker was open for almost the whole run)'
      : 'so the breaker did **not** keep the primary out for most of the run';
    failoverOut.push(`- the flaky primary received ${fmtInt(pCalls)} calls for ${fmtInt(reqs('gateway-failover'))} completed failover requests (${(100 * share).toFixed(2)} %), ${fmtInt(p503)} of them answered 503; ${what}.`, '');
  }
}

// Step g (Caravan only): what one failover costs beyond the failed attempt, at 1 connection.
const FAILOVER_COST_TARGET_MS = 1;
const costTargets = ['direct', 'gateway-down', 'gateway-always-failover'];
if (has('wrk', 'g')) {
  rows = [];
  targets = costTargets;
  const p50 = (t) => med('wrk', 'g', t, 'p50_ms');
  row('req/s', (t) => fmtInt(med('wrk', 'g', t, 'rps')));
  row('p50 latency (ms)', (t) => fmtMs(p50(t)));
  row('p99 latency (ms)', (t) => fmtMs(med('wrk', 'g', t, 'p99_ms')));
  row('non-2xx answers (all reps)', (t) => fmtInt(sum('wrk', 'g', t, 'errors')), 'all for bench/down, 0 otherwise',
    () => (sum('wrk', 'g', 'gateway-always-failover', 'errors') === null ? null
      : sum('wrk', 'g', 'gateway-always-failover', 'errors') === 0));
  const cost = p50('gateway-always-failover') === null || p50('gateway-down') === null || p50('direct') === null
    ? null : p50('gateway-always-failover') - p50('gateway-down') - p50('direct');
  row('failover cost beyond the failed attempt, p50 (ms)', (t) => (t === 'gateway-always-failover' ? fmtMs(cost) : undefined),
    `≤ ${FAILOVER_COST_TARGET_MS}`, () => (cost === null ? null : cost <= FAILOVER_COST_TARGET_MS));
  failoverOut.push('### Failover cost (step g)');
  failoverOut.push('');
  failoverOut.push('1 connection, non-stream. `bench/down` has one target, the mock\'s `/down/v1`, which always answers 503 (passed through: the failed attempt plus the gateway\'s own work); `bench/always-failover` tries `/down/v1`, then the mock\'s `/v1`; both routes turn their breakers off, so every call fails over. The cost of a failover beyond the failed attempt is p50(always-failover) − p50(down) − p50(direct): what is left once the failed attempt (with the gateway around it) and the second upstream call are taken away.');
  failoverOut.push('');
  failoverOut.push(...tableHead(costTargets, colName), ...rows, '');
}

// Derived lines under the streaming table.
const derived = [];
const fmtMsOpt = (x) => (x === null ? 'n/a' : `${fmtAdd(x)} ms`);
const cpuDiff = (step) => {
  const g = med('sse', step, 'gateway', 'cpu_us_per_stream');
  const u = med('sse', step, 'ungoverned', 'cpu_us_per_stream');
  if (g === null || u === null) return 'n/a';
  const ticks = Math.min(med('sse', step, 'gateway', 'cpu_ticks') ?? 0, med('sse', step, 'ungoverned', 'cpu_ticks') ?? 0);
  const d = g - u;
  return `${d >= 0 ? '+' : '−'}${fmtInt(Math.abs(d))} µs${ticks < 20 ? ' (coarse: few clock ticks)' : ''}`;
};
if (withUngoverned && (has('sse', 'd1') || has('sse', 'd64'))) {
  derived.push(`- **governed vs ungoverned** (the same Caravan with \`guardrails.completion.mode: off\`): added TTFC p50 = ${fmtMsOpt(addedTtfc('d1', 'gateway', 'ungoverned'))} at 1 stream, ${fmtMsOpt(addedTtfc('d64', 'gateway', 'ungoverned'))} at 64 streams; CPU per stream ${cpuDiff('d1')} at 1 stream (mostly the JVM's own background work at that rate), ${cpuDiff('d64')} at 64 streams.`);
}
if (has('sse', 'd1') || has('sse', 'd64')) {
  const verdict = (x) => (x === null ? '' : x <= TTFC_TARGET_MS ? ' (met)' : ' (**missed**)');
  const g1 = addedTtfc('d1', 'gateway', 'direct');
  const g64 = addedTtfc('d64', 'gateway', 'direct');
  derived.push(`- **${withUngoverned ? 'gateway (governed)' : 'gateway'} vs direct**: added TTFC p50 = ${fmtMsOpt(g1)} at 1 stream${verdict(g1)}, ${fmtMsOpt(g64)} at 64 streams${verdict(g64)}; target ≤ ${TTFC_TARGET_MS} ms (one upstream gap of ${UPSTREAM_GAP_MS} ms + 1 ms).`);
  const u = rss('ungoverned');
  if (u) derived.push(`- ungoverned Caravan memory at the end: VmHWM ${fmtMb(u.vmhwm_kb)} MiB, VmRSS ${fmtMb(u.vmrss_kb)} MiB (it served only the SSE steps).`);
}

// Error reasons, if any.
const reasons = [];
for (const r of recs) {
  if (r.kind === 'sse' && r.errors > 0) {
    reasons.push(`- step ${r.step}, ${sseColName[r.target]}, rep ${r.rep}: ${Object.entries(r.error_reasons).map(([k, v]) => `${v}× ${k}`).join('; ')}`);
  }
  if (r.kind === 'wrk' && r.errors > 0) {
    reasons.push(`- step ${r.step}, ${colName[r.target]}, rep ${r.rep}: ${r.errors} errors (${r.error_detail})`);
  }
}

const out = [];
out.push(`# Caravan benchmark — ${env('DATE')}`);
out.push('');
out.push(`Mode: **${env('MODE')}** — ${env('REPS')} repetition(s) per measurement, median reported; wrk ${env('DURATION')} s per run, SSE ${env('SSE_DURATION')} s per run, warm-up ${env('WARMUP')} s.`);
out.push('Load is **closed-loop** (a fixed number of connections / streams, each sending its next request when the previous one finished), so tail latency under saturation is understated (coordinated omission).');
if (env('NOISE').includes('WARNING')) out.push('', env('NOISE') + '.');
out.push('');
if (mainRows.length) {
  out.push(...tableHead(mainTargets, colName), ...mainRows, '');
}
if (sseRows.length) {
  out.push('### Streaming');
  out.push('');
  out.push(`TTFE: time to the first event (the role). TTFC: time to the first event with non-empty \`delta.content\`. The mock streams 20 OpenAI-shaped tokens ${UPSTREAM_GAP_MS} ms apart, the first one "Hello" (no trailing space), so a governing gateway may hold it until the next token; the ≤ 1 ms case (a first delta ending at a boundary no detector can extend) is not measured here. Fewer content events than 20 mean the gateway merged held text into later events.`);
  out.push('');
  out.push(...tableHead(sseTargets, sseColName), ...sseRows, '');
  if (derived.length) out.push(...derived, '');
}
if (failoverOut.length) out.push(...failoverOut);
out.push(`Overall: ${anyFail ? '**some targets missed**' : 'all checked targets met'} (targets apply to the \`${gwLabel}\` column${failoverOut.length ? ', and in the failover table to `model bench/failover`' : ''}).`);
out.push('');
out.push('## Run facts');
out.push('');
const facts = [
  ['date (UTC)', env('DATE')],
  ['machine', `${env('NPROC')} CPUs (${env('CPU_MODEL')}), ${env('MEM')}, kernel ${env('KERNEL')}, ${env('OS')}`],
  ['pinning', env('PINNING')],
  ['gateway under test', env('GATEWAY_DESC')],
  ['gateway command', '`' + env('GATEWAY_CMDLINE') + '`'],
  ['JDK', env('JDK')],
  ['JVM flags (BENCH_JVM_OPTS)', env('JVM_OPTS') || '(none)'],
  ['nginx-proxy column', env('NGINX_PROXY_DESC')],
  ['ungoverned column', env('UNGOVERNED_DESC')],
  ['ungoverned command', env('UNGOVERNED_CMDLINE') ? '`' + env('UNGOVERNED_CMDLINE') + '`' : ''],
  ['ungoverned Caravan, idle', env('UNGOVERNED_IDLE')],
  ['mock', env('MOCK_DESC')],
  ['tools', env('TOOLS')],
  ['background load', env('NOISE')],
  ['wall time of this run', `${env('ELAPSED')} s`],
];
for (const [k, v] of facts) if (v) out.push(`- **${k}**: ${v}`);
out.push('');
out.push('How to read it: "direct" is the load generator talking to the mock; the other columns go through a proxy hop to the same mock in the same run, alternating with direct. "added" rows are median(gateway) − median(direct). CPU per request is the gateway process\'s own utime+stime (/proc/PID/stat) over the measured run divided by the requests completed in it.');
if (reasons.length) {
  out.push('');
  out.push('## Errors');
  out.push('');
  out.push(...reasons);
}
process.stdout.write(out.join('\n') + '\n');
