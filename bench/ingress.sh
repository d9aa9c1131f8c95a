#!/usr/bin/env bash
# Time to first event and to first content through each streaming ingress, against the built-in mock, direct and
# through the gateway, in one run: `bench/ingress.sh` (needs target/caravan.jar and node >= 18; ~8 min).
#
# Two gateways run side by side on the same mock: "governed" with the default policy (completion mode redact) and
# "observe" with the completion phase in observe mode. Every ingress is first warmed up on each target with WARMUP
# streams, 16 at a time, of the very streams that are then timed (WARMUP_MODEL=measured, so the gateway's code is
# compiled for that traffic, as under real traffic; WARMUP_MODEL=fast warms up without the mock's pauses, quicker but
# the timed streams then still compile); then N sequential keep-alive streams per target and repetition are timed,
# the targets in turn, REPS times; the table shows the median over the repetitions of each p50. With the default
# warm-up each warm-up stream takes ~50 ms, 16 at a time: WARMUP=10000 is ~30 s per target and ingress.
# The JIT compiles code that runs once per call with C2 only after ~15,000 calls: figures for the issues' targets use
# WARMUP=20000 (~70 s per target and ingress; a full run with REPS=5 N=200 takes ~60 min).
#
# PIN=colocated (the default) runs mock, gateways and client on one vCPU (BENCH_CPU, default 1): on these VMs a round
# trip that crosses vCPUs costs 0.15-0.4 ms against ~40 us on one (../shared/PERFORMANCE.md), and the gateway path
# has two round trips where the direct path has one, so a split layout measures the VM's topology as much as the
# gateway. PIN=split pins the gateways on CPU 1 and mock and client on CPU 0, as bench/run.sh does.
#
# The mock sends a content event every 10 ms. "First event" is the stream's first event (role, response.created,
# message_start): protocol overhead alone. "First content" under the redacting policy includes the stream redactor
# holding the first word until the next delta shows it ended (one inter-event gap, by design: an e-mail address or a
# key could start with it); under an observing completion policy nothing is held.
#
# A last block, "floor" (FLOOR=0 skips it; it compiles the test classes for BareCamelProxy), times the chat stream's
# first event direct, through a plain nginx reverse proxy when nginx is installed (the floor of a proxy hop), through
# NettyFloorProxy three times (plain Netty, no Camel: "event-loop" relays on the ingress event loop with a Netty client, the
# floor of a JVM proxy; "apache-thread" calls the upstream with Apache HttpClient on a thread, as Caravan did before 7889922;
# "apache-minimal" the same with Apache's minimal client, which skips the retry and protocol exec chain), through
# BareCamelProxy (Caravan's netty-http ingress, worker hop and Apache HttpClient with nothing on them, answering with
# the upstream's first event) and through the governed gateway. BASELINE_JAR=<another build's caravan.jar> adds that
# build as one more governed gateway to the floor block ("baseline"), so two builds are compared in the same minutes;
# FLOOR_ONLY=<regex> keeps only the floor targets it matches (direct is always kept).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=$ROOT/bench
N=${N:-100}
REPS=${REPS:-3}
WARMUP=${WARMUP:-2000}
# What the warm-up streams are: "measured" (the default), the very streams that are timed, with the mock's 10 ms
# pauses; or "fast", the same streams without pauses (quicker, but the code paths of a stream that waits between
# events are then still being compiled while the timed streams run: the figures drift down rep after rep).
WARMUP_MODEL=${WARMUP_MODEL:-measured}
PIN=${PIN:-colocated}
GAP_MS=${GAP_MS:-0}      # pause before each timed stream: 2500 leaves every pooled connection idle for 2.5 s
ONLY=${ONLY:-}           # a regex of the rows to run (chat, responses, anthropic, translated, floor); all by default
JAVA=${BENCH_JAVA:-java}
[[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java && -z ${BENCH_JAVA:-} ]] && JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
case $PIN in
  colocated) GW_CPU=${BENCH_CPU:-1}; LOAD_CPU=$GW_CPU ;;
  split) GW_CPU=1; LOAD_CPU=0 ;;
  *) echo "bench/ingress.sh: PIN must be colocated or split" >&2; exit 2 ;;
esac
JAR=$ROOT/target/caravan.jar
[[ -f $JAR ]] || { echo "bench/ingress.sh: build target/caravan.jar first (mvn -B -q -DskipTests package)" >&2; exit 1; }
TMP=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cp "$JAR" "$TMP/caravan.jar"
MOCK_PORT=$(free_port)
taskset -c "$LOAD_CPU" "$JAVA" -jar "$TMP/caravan.jar" mock --port "$MOCK_PORT" > "$TMP/mock.log" 2>&1 & PIDS+=($!)
MODEL='mock?chunks=5&chunk_delay_ms=10'
FAST='mock?chunks=5'

# A route alias whose one target speaks Anthropic Messages (the mock's /v1/messages): an OpenAI chat client's call is
# translated on the way out and its stream translated back (the "translated" row).
declare -A GW_PORT=()
for gw in governed observe; do
  GW_PORT[$gw]=$(free_port)
  {
    echo "routes:"
    echo "  - alias: bench/claude"
    echo "    targets:"
    echo "      - { upstream: \"http://127.0.0.1:$MOCK_PORT\", api: anthropic, model: \"$MODEL\" }"
    echo "  - alias: bench/claude-fast"
    echo "    targets:"
    echo "      - { upstream: \"http://127.0.0.1:$MOCK_PORT\", api: anthropic, model: \"$FAST\" }"
    [[ $gw == observe ]] && printf 'guardrails:\n  completion:\n    mode: observe\n'
  } > "$TMP/$gw.yaml"
  taskset -c "$GW_CPU" "$JAVA" -jar "$TMP/caravan.jar" serve --config "$TMP/$gw.yaml" --port "${GW_PORT[$gw]}" \
    --data-dir "$TMP/data-$gw" > "$TMP/gateway-$gw.log" 2>&1 & PIDS+=($!)
done
# The floor (FLOOR=0 skips it): the same chat stream through a plain nginx reverse proxy (when nginx is installed),
# the practical floor of a proxy hop; through NettyFloorProxy (src/test/.../bench) on the event loop and with Apache
# HttpClient on a thread; and through BareCamelProxy, Caravan's stack with nothing on it: the same netty-http ingress,
# worker hop and Apache HttpClient, answering with the upstream's first event.
FLOOR=${FLOOR:-1}
[[ -n $ONLY && ! floor =~ ^($ONLY)$ ]] && FLOOR=0
FLOOR_TARGETS="direct"
if [[ $FLOOR == 1 ]]; then
  (cd "$ROOT" && source bench/jvm-bench.sh && echo "$cp" > "$TMP/test-classpath.txt")
  TEST_CP=$(sed "s|target/|$ROOT/target/|g" "$TMP/test-classpath.txt")
  GW_PORT[bare]=$(free_port)
  taskset -c "$GW_CPU" "$JAVA" -cp "$TEST_CP" \
    dev.caravan.bench.BareCamelProxy "${GW_PORT[bare]}" "http://127.0.0.1:$MOCK_PORT" > "$TMP/bare.log" 2>&1 & PIDS+=($!)
  for floor in event-loop apache-thread apache-minimal; do
    GW_PORT[$floor]=$(free_port)
    taskset -c "$GW_CPU" "$JAVA" -cp "$TEST_CP" dev.caravan.bench.NettyFloorProxy "${GW_PORT[$floor]}" \
      "http://127.0.0.1:$MOCK_PORT" "$floor" > "$TMP/$floor.log" 2>&1 & PIDS+=($!)
  done
  if command -v nginx > /dev/null; then
    GW_PORT[nginx]=$(free_port)
    mkdir -p "$TMP/nginx"
    sed -e "s|@PREFIX@|$TMP/nginx|g; s|@MOCK_PORT@|$MOCK_PORT|g; s|@GW_PORT@|${GW_PORT[nginx]}|g" \
      "$BENCH_DIR/nginx/proxy.conf" > "$TMP/nginx/nginx.conf"
    taskset -c "$GW_CPU" nginx -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' \
      > "$TMP/nginx.log" 2>&1 & PIDS+=($!)
    FLOOR_TARGETS+=" nginx"
  fi
  FLOOR_TARGETS+=" event-loop apache-thread apache-minimal bare governed"
  if [[ -n ${BASELINE_JAR:-} ]]; then
    cp "$BASELINE_JAR" "$TMP/baseline.jar"
    GW_PORT[baseline]=$(free_port)
    taskset -c "$GW_CPU" "$JAVA" -jar "$TMP/baseline.jar" serve --config "$TMP/governed.yaml" \
      --port "${GW_PORT[baseline]}" --data-dir "$TMP/data-baseline" > "$TMP/gateway-baseline.log" 2>&1 & PIDS+=($!)
    FLOOR_TARGETS+=" baseline"
  fi
  if [[ -n ${FLOOR_ONLY:-} ]]; then
    kept="direct"
    for t in $FLOOR_TARGETS; do [[ $t != direct && $t =~ ^($FLOOR_ONLY)$ ]] && kept+=" $t"; done
    FLOOR_TARGETS=$kept
  fi
fi
for port in "${GW_PORT[@]}" "$MOCK_PORT"; do
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
done
MOCK=http://127.0.0.1:$MOCK_PORT

# measure NAME DIRECT_PATH GATEWAY_PATH BODY CONTENT_REGEX HEADER...
# BODY has @MODEL@ where the mock's model goes; GATEWAY_BODY, if set, replaces it through the gateways, with @ALIAS@
# where a route alias goes (bench/claude, and its pause-free twin bench/claude-fast for the warm-up).
measure() {
  local name=$1 direct=$2 gateway=$3 body=$4 content=$5; shift 5
  [[ -n $ONLY && ! $name =~ ^($ONLY)$ ]] && return 0
  local args=() h rep target url sent warm out
  for h in "$@"; do args+=(--header "$h"); done
  for rep in $(seq 1 "$REPS"); do
    for target in ${TARGETS:-direct governed observe}; do
      if [[ $target == direct ]]; then url=$MOCK$direct; sent=$body; else
        url=http://127.0.0.1:${GW_PORT[$target]}$gateway; sent=${GATEWAY_BODY:-$body}; fi
      warm=0; [[ $rep == 1 ]] && warm=$WARMUP
      local measured=${sent//@MODEL@/"$MODEL"} warmed=${sent//@MODEL@/"$FAST"} warm_alias=bench/claude-fast
      [[ $WARMUP_MODEL == measured ]] && { warmed=$measured; warm_alias=bench/claude; }
      out=$(taskset -c "$LOAD_CPU" node "$BENCH_DIR/ingress-ttfe.mjs" --url "$url" --content "$content" \
        --body "${measured//@ALIAS@/bench/claude}" --warmup-body "${warmed//@ALIAS@/$warm_alias}" \
        --n "$N" --warmup "$warm" --warmup-parallel 16 --gap-ms "$GAP_MS" "${args[@]}")
      echo "$name $target $rep $out" | tee -a "$TMP/results.txt"
    done
  done
}

echo "# ingress first-event figures, $(date -u '+%Y-%m-%d %H:%M:%S UTC'), PIN=$PIN (gateways on CPU $GW_CPU," \
  "mock and client on CPU $LOAD_CPU), N=$N x $REPS after $WARMUP warm-up streams ($WARMUP_MODEL), ${GAP_MS} ms idle before each," \
  "$($JAVA -version 2>&1 | head -1)"
measure chat /v1/chat/completions /v1/chat/completions \
  '{"model":"@MODEL@","stream":true,"messages":[{"role":"user","content":"hello"}]}' \
  '"content":"[^"]' "authorization: Bearer sk-bench" "x-caravan-upstream: $MOCK/v1"
measure responses /v1/responses /v1/responses \
  '{"model":"@MODEL@","stream":true,"input":"hello"}' \
  'response.output_text.delta' "authorization: Bearer sk-bench" "x-caravan-upstream: $MOCK/v1"
measure anthropic /v1/messages /anthropic/v1/messages \
  '{"model":"@MODEL@","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hello"}]}' \
  'content_block_delta' "x-api-key: sk-ant-bench" "anthropic-version: 2023-06-01" "x-caravan-upstream: $MOCK"
GATEWAY_BODY='{"model":"@ALIAS@","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hello"}]}' measure translated /v1/messages /v1/chat/completions \
  '{"model":"@MODEL@","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hello"}]}' \
  'content_block_delta|"content":"[^"]' "x-api-key: sk-ant-bench" "authorization: Bearer sk-ant-bench" \
  "anthropic-version: 2023-06-01"

[[ $FLOOR == 1 ]] && TARGETS=$FLOOR_TARGETS ONLY= measure floor /v1/chat/completions /v1/chat/completions \
  '{"model":"@MODEL@","stream":true,"messages":[{"role":"user","content":"hello"}]}' \
  '^data: ' "authorization: Bearer sk-bench" "x-caravan-upstream: $MOCK/v1"

echo
echo "| ingress | first event p50, direct → governed (added) | first content p50, completion observe: direct → gateway (added) | first content p50, completion redact (added; holds the first word) |"
echo "|---|---|---|---|"
node -e '
const rows = {};
for (const line of require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")) {
  const [name, target, rep, ...json] = line.split(" ");
  ((rows[name] ??= {})[target] ??= []).push(JSON.parse(json.join(" ")));
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const f = (x) => x.toFixed(2);
for (const [name, r] of Object.entries(rows)) {
  if (name === "floor") continue;
  const failed = Object.entries(r).filter(([, runs]) => runs.some((x) => x.errors > 0 || x.ok === 0));
  if (failed.length) { console.log(`| ${name} | failed: ${JSON.stringify(failed.map(([t, runs]) => [t, runs.map((x) => x.reasons)]))} | | |`); continue; }
  const m = (t, k) => median(r[t].map((x) => x[k]));
  const d = { e: m("direct", "ttfe_p50_ms"), c: m("direct", "ttfc_p50_ms") };
  const ge = m("governed", "ttfe_p50_ms"), gc = m("governed", "ttfc_p50_ms"), oc = m("observe", "ttfc_p50_ms");
  console.log(`| ${name} | ${f(d.e)} → ${f(ge)} ms (+${f(ge - d.e)}) | ${f(d.c)} → ${f(oc)} ms (+${f(oc - d.c)}) | ${f(d.c)} → ${f(gc)} ms (+${f(gc - d.c)}) |`);
}
const floor = rows.floor;
if (floor) {
  console.log("\n| chat stream, first event p50 | ms | added over direct |\n|---|---|---|");
  const d = median(floor.direct.map((x) => x.ttfe_p50_ms));
  const label = { direct: "direct to the mock", nginx: "nginx reverse proxy",
    "event-loop": "NettyFloorProxy event-loop (JVM, Netty client on the ingress event loop)",
    "apache-thread": "NettyFloorProxy apache-thread (Apache HttpClient on a thread, no Camel)",
    "apache-minimal": "NettyFloorProxy apache-minimal (the minimal Apache client on a thread, no Camel)",
    bare: "BareCamelProxy (the stack, nothing on it)", governed: "Caravan, default policy",
    baseline: "Caravan, default policy, BASELINE_JAR" };
  for (const [t, runs] of Object.entries(floor)) {
    if (runs.some((x) => x.errors > 0 || x.ok === 0)) { console.log(`| ${label[t]} | failed: ${JSON.stringify(runs.map((x) => x.reasons))} | |`); continue; }
    const v = median(runs.map((x) => x.ttfe_p50_ms));
    console.log(`| ${label[t]} | ${f(v)} | ${t === "direct" ? "" : "+" + f(v - d)} |`);
  }
}' "$TMP/results.txt"
