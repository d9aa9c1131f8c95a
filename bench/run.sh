#!/usr/bin/env bash
# Caravan benchmark: direct-to-mock vs through the gateway, in one run. See bench/README.md.
#
#   bench/run.sh                         # Caravan (target/caravan.jar), full run (~6.5 min)
#   QUICK=1 bench/run.sh                 # one repetition, short steps (~1.5 min)
#   bench/run.sh --gateway=nginx-proxy   # plain nginx reverse proxy as the "gateway" (stand-in)
#   bench/run.sh --with-nginx-proxy      # Caravan, plus an nginx-proxy comparison column (~8.5 min)
#   GATEWAY_CMD='my-proxy --port $GW_PORT' bench/run.sh   # any other gateway
#
# Only ever talks to 127.0.0.1. Stops everything it started on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
T_START=$(date +%s)

log() { printf '[%4ss] %s\n' "$(($(date +%s) - T_START))" "$*" >&2; }
die() { printf '\nbench: ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'
Options:
  --gateway=caravan|nginx-proxy|custom   what is under test (default caravan; custom if GATEWAY_CMD is set)
  --with-nginx-proxy                     also measure a plain nginx reverse proxy as an extra column
  -h, --help
Environment: QUICK=1, REPS, DURATION (s per wrk run), SSE_DURATION, WARMUP (s),
  BENCH_JAVA_HOME, BENCH_JVM_OPTS, GATEWAY_CMD, GW_READY_TIMEOUT (s, default 90),
  LOAD_CPU (default 0), GW_CPU (default 1), KEEP_TMP=1, NO_INSTALL=1,
  NO_UNGOVERNED=1 (Caravan only: skip the second, ungoverned Caravan in the SSE steps).
EOF
}

# ---------------------------------------------------------------- arguments and settings
GATEWAY=""
WITH_NGINX=0
for arg in "$@"; do
  case "$arg" in
    --gateway=*) GATEWAY=${arg#--gateway=} ;;
    --with-nginx-proxy) WITH_NGINX=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done
if [[ -z $GATEWAY ]]; then
  if [[ -n ${GATEWAY_CMD:-} ]]; then GATEWAY=custom; else GATEWAY=caravan; fi
fi
case "$GATEWAY" in
  caravan|nginx-proxy) ;;
  custom) [[ -n ${GATEWAY_CMD:-} ]] || die "--gateway=custom needs GATEWAY_CMD" ;;
  *) die "unknown --gateway=$GATEWAY (caravan, nginx-proxy or custom)" ;;
esac
[[ $GATEWAY == nginx-proxy ]] && WITH_NGINX=0   # it already is the gateway column
# Caravan only: a second Caravan with the completion guardrails off, measured in the SSE steps.
WITH_UNGOVERNED=0
[[ $GATEWAY == caravan && ${NO_UNGOVERNED:-0} != 1 ]] && WITH_UNGOVERNED=1

QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
  MODE="QUICK"
  REPS=${REPS:-1}; DURATION=${DURATION:-5}; SSE_DURATION=${SSE_DURATION:-3}; WARMUP=${WARMUP:-5}
else
  MODE="full"
  REPS=${REPS:-3}; DURATION=${DURATION:-10}; SSE_DURATION=${SSE_DURATION:-5}; WARMUP=${WARMUP:-20}
fi
for v in REPS DURATION SSE_DURATION WARMUP; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -ge 1 ]] || die "$v must be a positive integer (got '${!v}')"
done
GW_READY_TIMEOUT=${GW_READY_TIMEOUT:-90}
LOAD_CPU=${LOAD_CPU:-0}
GW_CPU=${GW_CPU:-1}
NPROC=$(nproc)
if (( NPROC < 2 )); then LOAD_CPU=0; GW_CPU=0; fi
HOST=127.0.0.1   # the only address this script ever targets
AUTH="Authorization: Bearer sk-bench-not-a-real-key"

# ---------------------------------------------------------------- dependencies (idempotent)
APT_UPDATED=0
apt_install() {
  [[ ${NO_INSTALL:-0} == 1 ]] && die "missing packages ($*) and NO_INSTALL=1"
  [[ $(id -u) == 0 ]] || die "missing packages ($*): run as root or install them: apt-get install -y $*"
  command -v apt-get >/dev/null || die "missing packages ($*) and no apt-get"
  log "installing: $*"
  # Keep Debian's nginx package from starting the system nginx service on port 80.
  local made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  local rc=0
  {
    if [[ $APT_UPDATED == 0 ]]; then apt-get update -q; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
  } > "${TMPDIR:-/tmp}/bench-apt.log" 2>&1 || rc=$?
  [[ $made_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d
  [[ $rc == 0 ]] || { tail -20 "${TMPDIR:-/tmp}/bench-apt.log" >&2; die "apt-get install $* failed (log: ${TMPDIR:-/tmp}/bench-apt.log)"; }
}

LUA_MOD=/usr/lib/nginx/modules/ngx_http_lua_module.so
NDK_MOD=/usr/lib/nginx/modules/ndk_http_module.so
ensure_deps() {
  local need=()
  command -v nginx >/dev/null || need+=(nginx)
  [[ -f $LUA_MOD && -f $NDK_MOD ]] || need+=(libnginx-mod-http-lua)
  command -v wrk >/dev/null || need+=(wrk)
  command -v taskset >/dev/null || need+=(util-linux)
  command -v setsid >/dev/null || need+=(util-linux)
  command -v curl >/dev/null || need+=(curl)
  command -v node >/dev/null || need+=(nodejs)
  if ((${#need[@]})); then apt_install $(printf '%s\n' "${need[@]}" | sort -u); fi
  command -v nginx >/dev/null || die "nginx not found after install (apt-get install -y nginx)"
  [[ -f $LUA_MOD ]] || die "nginx Lua module missing ($LUA_MOD): apt-get install -y libnginx-mod-http-lua"
  [[ -f $NDK_MOD ]] || die "nginx NDK module missing ($NDK_MOD): apt-get install -y libnginx-mod-http-ndk"
  command -v wrk >/dev/null || die "wrk not found after install (apt-get install -y wrk)"
  command -v taskset >/dev/null || die "taskset not found (util-linux)"
  command -v node >/dev/null || die "node not found (need Node >= 18)"
  local nodemajor; nodemajor=$(node -p 'process.versions.node.split(".")[0]')
  (( nodemajor >= 18 )) || die "Node >= 18 needed, found $(node -v)"
}
ensure_deps

# ---------------------------------------------------------------- processes and cleanup
TMP=$(mktemp -d "${TMPDIR:-/tmp}/caravan-bench.XXXXXX")
declare -a PIDS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in "${PIDS[@]}"; do
    # Each process was started with setsid, so its PID is its process group: stop the group.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  local deadline=$(( $(date +%s) + 10 ))
  for pid in "${PIDS[@]}"; do
    while kill -0 "$pid" 2>/dev/null && (( $(date +%s) < deadline )); do sleep 0.05; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
    wait "$pid" 2>/dev/null || true
  done
  if [[ ${KEEP_TMP:-0} == 1 || $rc != 0 ]]; then
    echo "bench: logs kept in $TMP" >&2
  else
    rm -rf "$TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true

# start_bg CPU LOGFILE CMD... : start CMD pinned on CPU in its own session; sets LAST_PID.
start_bg() {
  local cpu=$1 logf=$2; shift 2
  setsid taskset -c "$cpu" "$@" > "$logf" 2>&1 < /dev/null &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}

alive() { kill -0 "$1" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# wait_ready NAME PID URL TIMEOUT_S [UPSTREAM]: poll with a POST until the server answers (any HTTP status).
wait_ready() {
  local name=$1 pid=$2 url=$3 timeout=$4 upstream=${5:-} logf=${6:-}
  local deadline=$(( $(date +%s) + timeout )) code
  local hdr=(-H "Content-Type: application/json" -H "$AUTH")
  [[ -n $upstream ]] && hdr+=(-H "X-Caravan-Upstream: $upstream")
  while :; do
    if ! alive "$pid"; then
      [[ -n $logf && -f $logf ]] && { echo "--- last lines of $logf" >&2; tail -30 "$logf" >&2; }
      die "$name exited before it became ready"
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST "${hdr[@]}" \
      -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"ping"}]}' "$url" 2>/dev/null || true)
    [[ $code != 000 && -n $code ]] && return 0
    if (( $(date +%s) >= deadline )); then
      [[ -n $logf && -f $logf ]] && { echo "--- last lines of $logf" >&2; tail -30 "$logf" >&2; }
      die "$name did not answer on $url within ${timeout}s"
    fi
    sleep 0.1
  done
}

# render TEMPLATE OUT PREFIX: fill the @...@ placeholders of an nginx config.
render() {
  sed -e "s#@PREFIX@#$3#g" -e "s#@BENCH_DIR@#$BENCH_DIR#g" -e "s#@MOCK_PORT@#$MOCK_PORT#g" \
      -e "s#@GW_PORT@#${4:-0}#g" "$1" > "$2"
}

# start_nginx NAME TEMPLATE CPU PORT: sets LAST_PID
start_nginx() {
  local name=$1 tpl=$2 cpu=$3 port=${4:-0}
  local dir=$TMP/$name
  mkdir -p "$dir"
  render "$tpl" "$dir/nginx.conf" "$dir" "$port"
  nginx -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g 'daemon off;' 2> "$dir/test.log" \
    || { cat "$dir/test.log" >&2; die "nginx config for $name is invalid"; }
  start_bg "$cpu" "$dir/stdout.log" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g 'daemon off;'
}

# CPU ticks (utime+stime+cutime+cstime) of PID and all its descendants.
cpu_ticks() {
  local root=$1 f line rest pid total=0
  local -a a
  local -A ppid_of=() ticks_of=()
  for f in /proc/[0-9]*/stat; do
    { read -r line < "$f"; } 2>/dev/null || continue
    pid=${line%% *}
    rest=${line##*) }
    read -ra a <<< "$rest"
    ppid_of[$pid]=${a[1]}
    ticks_of[$pid]=$(( a[11] + a[12] + a[13] + a[14] ))
  done
  local -A in_tree=([$root]=1)
  local changed=1
  while (( changed )); do
    changed=0
    for pid in "${!ppid_of[@]}"; do
      if [[ -z ${in_tree[$pid]:-} && -n ${in_tree[${ppid_of[$pid]}]:-} ]]; then in_tree[$pid]=1; changed=1; fi
    done
  done
  for pid in "${!in_tree[@]}"; do total=$(( total + ${ticks_of[$pid]:-0} )); done
  echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)

# VmHWM and VmRSS (kB) summed over PID and its descendants.
mem_kb() {
  local root=$1 hwm=0 rss=0 p
  local -a tree=("$root")
  local kids
  kids=$(pgrep -P "$root" 2>/dev/null || true)
  for p in $kids; do tree+=("$p"); done
  for p in "${tree[@]}"; do
    [[ -r /proc/$p/status ]] || continue
    hwm=$(( hwm + $(awk '/^VmHWM:/{print $2}' "/proc/$p/status") ))
    rss=$(( rss + $(awk '/^VmRSS:/{print $2}' "/proc/$p/status") ))
  done
  echo "$hwm $rss"
}

# ---------------------------------------------------------------- mock
MOCK_PORT=$(free_port)
start_nginx mock "$BENCH_DIR/nginx/mock.conf" "$LOAD_CPU"
MOCK_PID=$LAST_PID
wait_ready "mock" "$MOCK_PID" "http://$HOST:$MOCK_PORT/v1/chat/completions" 15 "" "$TMP/mock/error.log"
DIRECT_BASE="http://$HOST:$MOCK_PORT"
log "mock: nginx+Lua on $HOST:$MOCK_PORT (pid $MOCK_PID, CPU $LOAD_CPU)"

# ---------------------------------------------------------------- gateway(s)
GW_PORT=$(free_port)
export GW_PORT MOCK_PORT BENCH_TMP=$TMP BENCH_DIR
JDK_DESC="(not used)"
JVM_OPTS_DESC=""
GATEWAY_CMDLINE=""
GW_READY_URL="http://$HOST:$GW_PORT/v1/chat/completions"

pick_java() {
  local jh=${BENCH_JAVA_HOME:-}
  if [[ -z $jh && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then jh=/usr/lib/jvm/temurin-25-jdk-amd64; fi
  if [[ -n $jh ]]; then
    [[ -x $jh/bin/java ]] || die "BENCH_JAVA_HOME=$jh has no bin/java"
    JAVA=$jh/bin/java; export JAVA_HOME=$jh
  else
    JAVA=$(command -v java) || die "no java found (set BENCH_JAVA_HOME)"
  fi
  JDK_DESC="$("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/  */ /g; s/ $//') ($JAVA)"
}

case "$GATEWAY" in
  caravan)
    pick_java
    JAR=$ROOT/target/caravan.jar
    if [[ ! -f $JAR ]]; then
      log "target/caravan.jar missing: building with mvn -B -q -DskipTests package"
      command -v mvn >/dev/null || die "target/caravan.jar is missing and mvn is not installed"
      (cd "$ROOT" && mvn -B -q -DskipTests package) >&2 || die "build failed"
      [[ -f $JAR ]] || die "build finished but $JAR does not exist"
    fi
    # Run a private copy: others may rebuild target/ while the benchmark runs.
    cp "$JAR" "$TMP/caravan.jar"
    GATEWAY_DESC="Caravan (target/caravan.jar built $(stat -c %y "$JAR" | cut -d. -f1), sha256 $(sha256sum "$TMP/caravan.jar" | cut -c1-12))"
    read -ra JVM_OPTS <<< "${BENCH_JVM_OPTS:-}"
    JVM_OPTS_DESC=${BENCH_JVM_OPTS:-}
    mkdir -p "$TMP/data"
    # Route aliases for step f (failover): the primary of bench/failover is the mock's /flaky path,
    # which answers 503 to every second call. Circuit-breaker settings are left at their defaults.
    cat > "$TMP/caravan.yaml" <<EOF
routes:
  - alias: bench/healthy
    targets:
      - { upstream: "http://$HOST:$MOCK_PORT/v1", model: gpt-4o-mini }
  - alias: bench/failover
    targets:
      - { upstream: "http://$HOST:$MOCK_PORT/flaky/v1", model: gpt-4o-mini }
      - { upstream: "http://$HOST:$MOCK_PORT/v1", model: gpt-4o-mini }
  - alias: bench/down
    breaker: { enabled: false }
    targets:
      - { upstream: "http://$HOST:$MOCK_PORT/down/v1", model: gpt-4o-mini }
  - alias: bench/always-failover
    breaker: { enabled: false }
    targets:
      - { upstream: "http://$HOST:$MOCK_PORT/down/v1", model: gpt-4o-mini }
      - { upstream: "http://$HOST:$MOCK_PORT/v1", model: gpt-4o-mini }
EOF
    GW_ARGV=("$JAVA" ${JVM_OPTS[@]+"${JVM_OPTS[@]}"} -jar "$TMP/caravan.jar" serve --config "$TMP/caravan.yaml"
      --port "$GW_PORT" --data-dir "$TMP/data")
    GATEWAY_CMDLINE="${GW_ARGV[*]}"
    GATEWAY_LABEL="gateway (Caravan)"
    start_bg "$GW_CPU" "$TMP/gateway.log" "${GW_ARGV[@]}"
    GW_PID=$LAST_PID; GW_LOG=$TMP/gateway.log
    ;;
  nginx-proxy)
    start_nginx gateway "$BENCH_DIR/nginx/proxy.conf" "$GW_CPU" "$GW_PORT"
    GW_PID=$LAST_PID; GW_LOG=$TMP/gateway/error.log
    GATEWAY_CMDLINE="nginx -c bench/nginx/proxy.conf (rendered) -g 'daemon off;'"
    GATEWAY_DESC="stand-in: plain nginx reverse proxy (bench/nginx/proxy.conf)"
    GATEWAY_LABEL="gateway (nginx-proxy stand-in)"
    ;;
  custom)
    GATEWAY_CMDLINE=$GATEWAY_CMD
    GATEWAY_DESC="custom (GATEWAY_CMD)"
    GATEWAY_LABEL="gateway (custom)"
    if [[ -n ${BENCH_JAVA_HOME:-} ]]; then pick_java; fi
    start_bg "$GW_CPU" "$TMP/gateway.log" bash -c "exec $GATEWAY_CMD"
    GW_PID=$LAST_PID; GW_LOG=$TMP/gateway.log
    ;;
esac
GW_BASE="http://$HOST:$GW_PORT"
log "gateway: $GATEWAY_DESC on $HOST:$GW_PORT (pid $GW_PID, CPU $GW_CPU); waiting up to ${GW_READY_TIMEOUT}s"
T_GW=$(date +%s%N)
wait_ready "gateway" "$GW_PID" "$GW_READY_URL" "$GW_READY_TIMEOUT" "$DIRECT_BASE/v1" "$GW_LOG"
log "gateway ready after $(( ($(date +%s%N) - T_GW) / 1000000 )) ms"

# The ungoverned Caravan: same jar, JVM, flags and CPU, its own port and data dir, and a config that
# switches the completion phase off (streamed events are relayed untouched). Started once the first
# gateway is ready, so the two JVMs do not share the CPU while booting.
UG_PID=""
UG_PORT=""
UNGOVERNED_CMDLINE=""
if [[ $WITH_UNGOVERNED == 1 ]]; then
  UG_PORT=$(free_port)
  mkdir -p "$TMP/data-ungoverned"
  printf 'guardrails:\n  completion:\n    mode: off\n' > "$TMP/ungoverned.yaml"
  UG_ARGV=("$JAVA" ${JVM_OPTS[@]+"${JVM_OPTS[@]}"} -jar "$TMP/caravan.jar" serve --config "$TMP/ungoverned.yaml"
    --port "$UG_PORT" --data-dir "$TMP/data-ungoverned")
  UNGOVERNED_CMDLINE="${UG_ARGV[*]}"
  start_bg "$GW_CPU" "$TMP/ungoverned.log" "${UG_ARGV[@]}"
  UG_PID=$LAST_PID
  log "ungoverned Caravan (guardrails.completion.mode: off) on $HOST:$UG_PORT (pid $UG_PID, CPU $GW_CPU)"
  T_UG=$(date +%s%N)
  wait_ready "ungoverned Caravan" "$UG_PID" "http://$HOST:$UG_PORT/v1/chat/completions" "$GW_READY_TIMEOUT" \
    "$DIRECT_BASE/v1" "$TMP/ungoverned.log"
  log "ungoverned Caravan ready after $(( ($(date +%s%N) - T_UG) / 1000000 )) ms"
fi

NGX_PID=""
if [[ $WITH_NGINX == 1 ]]; then
  NGX_PORT=$(free_port)
  start_nginx nginx-proxy "$BENCH_DIR/nginx/proxy.conf" "$GW_CPU" "$NGX_PORT"
  NGX_PID=$LAST_PID
  wait_ready "nginx-proxy" "$NGX_PID" "http://$HOST:$NGX_PORT/v1/chat/completions" 15 "" "$TMP/nginx-proxy/error.log"
  log "nginx-proxy comparison: $HOST:$NGX_PORT (pid $NGX_PID, CPU $GW_CPU)"
fi

# base URL and pid per target
target_base() {
  case $1 in
    direct) echo "$DIRECT_BASE" ;; gateway) echo "$GW_BASE" ;;
    nginx-proxy) echo "http://$HOST:$NGX_PORT" ;; ungoverned) echo "http://$HOST:$UG_PORT" ;;
  esac
}
target_pid() {
  case $1 in direct) echo "" ;; gateway) echo "$GW_PID" ;; nginx-proxy) echo "$NGX_PID" ;; ungoverned) echo "$UG_PID" ;; esac
}
target_log() {
  case $1 in gateway) echo "${GW_LOG:-}" ;; ungoverned) echo "$TMP/ungoverned.log" ;; *) echo "" ;; esac
}
# URL for a target and path kind (fast|slow); direct goes straight to the mock's path.
target_url() {
  local t=$1 kind=$2
  if [[ $t == direct ]]; then
    [[ $kind == slow ]] && echo "$DIRECT_BASE/slow/v1/chat/completions" || echo "$DIRECT_BASE/v1/chat/completions"
  else
    echo "$(target_base "$t")/v1/chat/completions"
  fi
}
upstream_for() { [[ $1 == slow ]] && echo "$DIRECT_BASE/slow/v1" || echo "$DIRECT_BASE/v1"; }

# TARGETS: every step; SSE_TARGETS: the streaming steps, which also measure the ungoverned Caravan.
TARGETS=(direct gateway)
[[ $WITH_NGINX == 1 ]] && TARGETS+=(nginx-proxy)
SSE_TARGETS=(direct gateway)
[[ $WITH_UNGOVERNED == 1 ]] && SSE_TARGETS+=(ungoverned)
[[ $WITH_NGINX == 1 ]] && SSE_TARGETS+=(nginx-proxy)

# ---------------------------------------------------------------- sanity check through the gateway
sanity() {
  local t=$1 body code logf
  body=$(curl -s --max-time 10 -w '\n%{http_code}' -X POST -H "Content-Type: application/json" -H "$AUTH" \
    -H "X-Caravan-Upstream: $(upstream_for fast)" \
    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}' "$(target_url "$t" fast)" || true)
  code=${body##*$'\n'}; body=${body%$'\n'*}
  if [[ $code != 200 || $body != *'"chat.completion"'* ]]; then
    echo "--- $t answered HTTP $code: ${body:0:600}" >&2
    logf=$(target_log "$t")
    [[ -n $logf && -f $logf ]] && { echo "--- last lines of $logf" >&2; tail -30 "$logf" >&2; }
    die "$t does not proxy a plain chat completion to the mock; not benchmarking it"
  fi
}
for t in "${SSE_TARGETS[@]}"; do sanity "$t"; done

# Step f (Caravan only): the two route aliases of $TMP/caravan.yaml, sent as "model" without
# X-Caravan-Upstream. Both must answer a plain completion (the first call to /flaky is answered 200).
WITH_FAILOVER=0
[[ $GATEWAY == caravan ]] && WITH_FAILOVER=1
# Calls the mock's /flaky path has received so far (every second one was answered 503).
flaky_calls() { curl -s --max-time 5 "$DIRECT_BASE/flaky/stats" | sed -n 's/.*"calls":\([0-9]*\).*/\1/p'; }
sanity_alias() {
  local alias=$1 body code
  body=$(curl -s --max-time 10 -w '\n%{http_code}' -X POST -H "Content-Type: application/json" -H "$AUTH" \
    -d "{\"model\":\"$alias\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}" "$GW_BASE/v1/chat/completions" || true)
  code=${body##*$'\n'}; body=${body%$'\n'*}
  if [[ $code != 200 || $body != *'"chat.completion"'* ]]; then
    echo "--- gateway, model $alias, answered HTTP $code: ${body:0:600}" >&2
    [[ -f $GW_LOG ]] && { echo "--- last lines of $GW_LOG" >&2; tail -30 "$GW_LOG" >&2; }
    die "the gateway does not serve route alias $alias; not benchmarking step f"
  fi
}
if [[ $WITH_FAILOVER == 1 ]]; then
  sanity_alias bench/healthy
  sanity_alias bench/failover
  [[ -n $(flaky_calls) ]] || die "the mock does not answer GET /flaky/stats"
fi

# ---------------------------------------------------------------- measurement helpers
RESULTS=$TMP/results.jsonl
: > "$RESULTS"
mkdir -p "$TMP/raw"

# run_wrk STEP TARGET CONNS KIND REP [MODEL LABEL]
# With MODEL (a route alias) the request carries it as "model" and no X-Caravan-Upstream header, and
# the result is recorded under target LABEL (e.g. gateway-failover) instead of TARGET.
run_wrk() {
  local step=$1 t=$2 conns=$3 kind=$4 rep=$5 model=${6:-} label=${7:-$2}
  local url pid before=0 after=0 out line raw=$TMP/raw/wrk-$step-$label-$rep.txt upstream
  url=$(target_url "$t" "$kind"); pid=$(target_pid "$t")
  if [[ -n $model ]]; then upstream=""; else upstream=$(upstream_for "$kind"); fi
  [[ -n $pid ]] && before=$(cpu_ticks "$pid")
  BENCH_MODEL=$model BENCH_UPSTREAM=$upstream timeout -k 5 $((DURATION + 30)) \
    taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"${DURATION}s" --timeout 5s --latency \
    -s "$BENCH_DIR/wrk/chat.lua" "$url" > "$raw" 2>&1 || { cat "$raw" >&2; die "wrk failed (step $step, $t)"; }
  [[ -n $pid ]] && { alive "$pid" || die "$t (pid $pid) died during step $step"; after=$(cpu_ticks "$pid"); }
  line=$(grep '^BENCH_RESULT' "$raw") || { cat "$raw" >&2; die "wrk printed no result (step $step, $t)"; }
  local json
  json=$(awk -v step="$step" -v t="$label" -v rep="$rep" -v conns="$conns" -v pid="$pid" \
             -v dticks="$((after - before))" -v hz="$CLK_TCK" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      dur = v["duration_us"] / 1e6; errs = v["err_connect"] + v["err_read"] + v["err_write"] + v["err_status"] + v["err_timeout"]
      ok = v["requests"]
      cpu = (pid == "" || ok == 0) ? "null" : sprintf("%.1f", dticks * 1e6 / hz / ok)
      printf "{\"kind\":\"wrk\",\"step\":\"%s\",\"target\":\"%s\",\"rep\":%d,\"conns\":%d,\"requests\":%d,\"duration_s\":%.3f,", step, t, rep, conns, ok, dur
      printf "\"rps\":%.1f,\"p50_ms\":%.4f,\"p90_ms\":%.4f,\"p99_ms\":%.4f,\"mean_ms\":%.4f,\"max_ms\":%.3f,", ok / dur, v["p50_us"] / 1000, v["p90_us"] / 1000, v["p99_us"] / 1000, v["mean_us"] / 1000, v["max_us"] / 1000
      printf "\"errors\":%d,\"error_detail\":\"connect %d, read %d, write %d, status %d, timeout %d\",\"cpu_ticks\":%d,\"cpu_us_per_req\":%s}\n", errs, v["err_connect"], v["err_read"], v["err_write"], v["err_status"], v["err_timeout"], dticks, cpu
      printf "step %s rep %d %-11s %8.0f req/s  p50 %.3f ms  p99 %.3f ms  errors %d  cpu/req %s us\n", step, rep, t, ok / dur, v["p50_us"] / 1000, v["p99_us"] / 1000, errs, cpu
    }' <<< "$line")
  head -1 <<< "$json" >> "$RESULTS"
  log "$(tail -1 <<< "$json")"
}

# run_sse STEP TARGET STREAMS REP [extra sse-client args...]
run_sse() {
  local step=$1 t=$2 n=$3 rep=$4; shift 4
  local url pid before=0 after=0 out dticks
  url=$(target_url "$t" fast); pid=$(target_pid "$t")
  [[ -n $pid ]] && before=$(cpu_ticks "$pid")
  out=$(timeout -k 5 $((SSE_DURATION + 40)) taskset -c "$LOAD_CPU" node "$BENCH_DIR/sse-client.mjs" \
    --url "$url" --upstream "$(upstream_for fast)" --streams "$n" --duration "$SSE_DURATION" "$@" \
    2> "$TMP/raw/sse-$step-$t-$rep.err") || { cat "$TMP/raw/sse-$step-$t-$rep.err" >&2; die "sse-client failed (step $step, $t)"; }
  [[ -n $pid ]] && { alive "$pid" || die "$t (pid $pid) died during step $step"; after=$(cpu_ticks "$pid"); }
  dticks=$((after - before))
  node -e '
    const [r, step, t, rep, pid, dticks, hz] = process.argv.slice(1);
    const o = JSON.parse(r);
    const cpu = pid && o.ok > 0 ? Math.round(Number(dticks) * 1e6 / Number(hz) / o.started) : null;
    console.log(JSON.stringify({ kind: "sse", step, target: t, rep: Number(rep), ...o, cpu_ticks: pid ? Number(dticks) : null, cpu_us_per_stream: cpu }));
  ' "$out" "$step" "$t" "$rep" "$pid" "$dticks" "$CLK_TCK" >> "$RESULTS"
  log "$(node -e 'const o=JSON.parse(process.argv[1]);console.log(`step ${process.argv[2]} rep ${process.argv[4]} ${process.argv[3].padEnd(11)} ${o.ok}/${o.started} streams ok  TTFE p50 ${o.ttfe_p50_ms} ms p99 ${o.ttfe_p99_ms} ms  TTFC p50 ${o.ttfc_p50_ms} ms  content events ${o.content_events_p50}  total p50 ${o.total_p50_ms} ms` + (o.errors ? `  ERRORS ${JSON.stringify(o.error_reasons)}` : ""))' "$out" "$step" "$t" "$rep")"
}

# order_for_rep REP TARGET...: the targets rotated by one place per repetition, so that over as many
# repetitions as targets each one runs in each position once (2 targets: a b, then b a).
order_for_rep() {
  local rep=$1 i n; shift
  n=$#
  local -a ts=("$@")
  for (( i=0; i<n; i++ )); do echo "${ts[(i + rep - 1) % n]}"; done
}

# ---------------------------------------------------------------- warm-up (JIT, pools)
for t in "${SSE_TARGETS[@]}"; do
  [[ $t == direct ]] && continue
  W1=$(( WARMUP / 2 )); (( W1 >= 1 )) || W1=1
  W2=$(( WARMUP - W1 )); (( W2 >= 1 )) || W2=1
  # nginx has no JIT to warm: a short warm-up is enough for its connection pool.
  if [[ $t == nginx-proxy || ( $t == gateway && $GATEWAY == nginx-proxy ) ]]; then W1=1; W2=1; fi
  # The ungoverned Caravan gets the gateway's warm-up, but at least 20 s: by the SSE steps the
  # gateway has also served steps a-c, which in QUICK mode is most of its JIT warm-up.
  if [[ $t == ungoverned ]] && (( WARMUP < 20 )); then W1=10; W2=10; fi
  log "warm-up $t: ${W1}s non-stream (32 connections), ${W2}s SSE (16 streams)"
  BENCH_UPSTREAM=$(upstream_for fast) timeout -k 5 $((W1 + 30)) taskset -c "$LOAD_CPU" \
    wrk -t1 -c32 -d"${W1}s" --timeout 5s -s "$BENCH_DIR/wrk/chat.lua" "$(target_url "$t" fast)" > "$TMP/raw/warmup-$t.txt" 2>&1 \
    || { cat "$TMP/raw/warmup-$t.txt" >&2; die "warm-up wrk failed for $t"; }
  timeout -k 5 $((W2 + 40)) taskset -c "$LOAD_CPU" node "$BENCH_DIR/sse-client.mjs" --url "$(target_url "$t" fast)" \
    --upstream "$(upstream_for fast)" --streams 16 --duration "$W2" > "$TMP/raw/warmup-sse-$t.txt" 2>&1 \
    || { cat "$TMP/raw/warmup-sse-$t.txt" >&2; die "warm-up SSE failed for $t"; }
done

# ---------------------------------------------------------------- steps
# Machine-wide CPU accounting over the measured steps, to tell how much other processes (a build,
# someone else's tests) competed with this run: busy = user+nice+system from /proc/stat, minus
# what this script's own process tree used (mock, gateway, and every wrk/node it ran and reaped).
sys_ticks() { awk '/^cpu /{print $2 + $3 + $4, $9}' /proc/stat; }
read -r SYS_BUSY0 SYS_STEAL0 <<< "$(sys_ticks)"
OWN0=$(cpu_ticks $$)
T_STEPS0=$(date +%s%N)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
# The ungoverned Caravan idles on the gateway's CPU during steps a-c: say how much CPU it took there.
[[ -n $UG_PID ]] && { UG_IDLE0=$(cpu_ticks "$UG_PID"); T_UG_IDLE0=$(date +%s%N); }
for rep in $(seq 1 "$REPS"); do for t in $(order_for_rep "$rep" "${TARGETS[@]}"); do run_wrk a "$t" 1 fast "$rep"; done; done
for rep in $(seq 1 "$REPS"); do for t in $(order_for_rep "$rep" "${TARGETS[@]}"); do run_wrk b "$t" 32 fast "$rep"; done; done
for rep in $(seq 1 "$REPS"); do for t in $(order_for_rep "$rep" "${TARGETS[@]}"); do run_wrk c "$t" 256 slow "$rep"; done; done
UG_IDLE_DESC=""
if [[ -n $UG_PID ]]; then
  UG_IDLE_DESC=$(awk -v d=$(( $(cpu_ticks "$UG_PID") - UG_IDLE0 )) -v hz="$CLK_TCK" \
    -v ms=$(( ($(date +%s%N) - T_UG_IDLE0) / 1000000 )) \
    'BEGIN { printf "%.0f ms CPU over %.0f s (%.2f%% of one CPU)", d * 1000 / hz, ms / 1000, 100 * d * 1000 / hz / ms }')
  log "ungoverned Caravan, idle during steps a-c: $UG_IDLE_DESC"
fi
# f: failover (Caravan only). 32 connections to the gateway, twice per repetition: model bench/healthy
# (one target, the mock's /v1) and model bench/failover (primary /flaky/v1, which answers 503 to every
# second call, then /v1). The circuit breaker keeps its defaults and its state carries over between
# runs; the calls that reached the flaky primary in each failover run are recorded next to it.
# warm_alias MODEL CONNS: an unrecorded run through a route alias, so that the alias's code paths are compiled
# before its measured runs (otherwise the step's first runs are slower and the ratio is read off a warm-up trend).
warm_alias() {
  BENCH_MODEL=$1 BENCH_UPSTREAM="" timeout -k 5 $((DURATION + 30)) taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$2" -d"${DURATION}s" --timeout 5s -s "$BENCH_DIR/wrk/chat.lua" "$GW_BASE/v1/chat/completions" \
    > "$TMP/raw/warm-alias-${1//\//_}.txt" 2>&1 || { cat "$TMP/raw/warm-alias-${1//\//_}.txt" >&2; die "warm-up of $1 failed"; }
}
if [[ $WITH_FAILOVER == 1 ]]; then
  log "warm-up of the route aliases: ${DURATION}s each"
  warm_alias bench/healthy 32
  warm_alias bench/failover 32
  for rep in $(seq 1 "$REPS"); do
    for v in $(order_for_rep "$rep" healthy failover); do
      f0=$(flaky_calls)
      run_wrk f gateway 32 fast "$rep" "bench/$v" "gateway-$v"
      f1=$(flaky_calls)
      if [[ $v == failover ]]; then
        echo "{\"kind\":\"flaky\",\"step\":\"f\",\"target\":\"gateway-failover\",\"rep\":$rep,\"primary_calls\":$((f1 - f0)),\"primary_503\":$(( f1 / 2 - f0 / 2 ))}" >> "$RESULTS"
        log "step f rep $rep: the flaky primary got $((f1 - f0)) calls ($(( f1 / 2 - f0 / 2 )) answered 503)"
      fi
    done
  done
fi
# g: the cost of one failover (Caravan only), 1 connection: direct to the mock; the gateway with model
# bench/down (its one target, /down/v1, always answers 503, passed through); and model
# bench/always-failover (/down/v1 first, then /v1; breakers off on both routes, so every call fails over).
# A failover's cost beyond the failed attempt = p50(always-failover) - p50(down) - p50(direct).
if [[ $WITH_FAILOVER == 1 ]]; then
  warm_alias bench/down 1
  warm_alias bench/always-failover 1
  for rep in $(seq 1 "$REPS"); do
    for v in $(order_for_rep "$rep" direct down always-failover); do
      if [[ $v == direct ]]; then run_wrk g direct 1 fast "$rep"
      else run_wrk g gateway 1 fast "$rep" "bench/$v" "gateway-$v"; fi
    done
  done
fi
for rep in $(seq 1 "$REPS"); do for t in $(order_for_rep "$rep" "${SSE_TARGETS[@]}"); do run_sse d1 "$t" 1 "$rep"; done; done
for rep in $(seq 1 "$REPS"); do for t in $(order_for_rep "$rep" "${SSE_TARGETS[@]}"); do run_sse d64 "$t" 64 "$rep"; done; done
# correctness: with include_usage requested, the usage chunk must arrive (count-bounded, not timed)
for t in "${SSE_TARGETS[@]}"; do run_sse usage "$t" 4 1 --include-usage --max-streams 12; done

for t in "${SSE_TARGETS[@]}"; do
  [[ $t == direct ]] && continue
  read -r hwm rss <<< "$(mem_kb "$(target_pid "$t")")"
  echo "{\"kind\":\"rss\",\"target\":\"$t\",\"vmhwm_kb\":$hwm,\"vmrss_kb\":$rss}" >> "$RESULTS"
done

read -r SYS_BUSY1 SYS_STEAL1 <<< "$(sys_ticks)"
OWN1=$(cpu_ticks $$)
T_STEPS1=$(date +%s%N)
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
FOREIGN=$(awk -v b=$((SYS_BUSY1 - SYS_BUSY0)) -v o=$((OWN1 - OWN0)) -v st=$((SYS_STEAL1 - SYS_STEAL0)) \
  -v dt=$(( (T_STEPS1 - T_STEPS0) / 1000000 )) -v hz="$CLK_TCK" -v n="$NPROC" 'BEGIN {
    secs = dt / 1000; f = (b - o) / hz / secs; if (f < 0) f = 0
    printf "%.2f %.1f", f, 100 * st / hz / secs / n }')
read -r FOREIGN_CPUS STEAL_PCT <<< "$FOREIGN"
log "other processes used ~$FOREIGN_CPUS CPUs during the steps; steal ${STEAL_PCT}%; load average $LOAD0 -> $LOAD1"

# ---------------------------------------------------------------- report
TS=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$BENCH_DIR/results"
OUT=$BENCH_DIR/results/$TS.md
export BENCH_META_DATE; BENCH_META_DATE=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
export BENCH_META_MODE=$MODE BENCH_META_REPS=$REPS BENCH_META_DURATION=$DURATION
export BENCH_META_SSE_DURATION=$SSE_DURATION BENCH_META_WARMUP=$WARMUP
export BENCH_META_NPROC=$NPROC
export BENCH_META_CPU_MODEL; BENCH_META_CPU_MODEL=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
export BENCH_META_MEM; BENCH_META_MEM="$(awk '/^MemTotal/{printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo)"
export BENCH_META_KERNEL; BENCH_META_KERNEL=$(uname -r)
export BENCH_META_OS; BENCH_META_OS=$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || echo unknown)
if (( NPROC < 2 )); then
  export BENCH_META_PINNING="only 1 CPU: everything on CPU 0 (cross-process numbers are not comparable to 2-CPU runs)"
else
  export BENCH_META_PINNING="gateway on CPU $GW_CPU (taskset -c $GW_CPU); mock (nginx, 1 worker) and load generators (wrk -t1, node) on CPU $LOAD_CPU (taskset -c $LOAD_CPU)"
fi
export BENCH_META_GATEWAY_LABEL=$GATEWAY_LABEL BENCH_META_GATEWAY_DESC=$GATEWAY_DESC
export BENCH_META_GATEWAY_CMDLINE=$GATEWAY_CMDLINE
export BENCH_META_JDK=$JDK_DESC BENCH_META_JVM_OPTS=$JVM_OPTS_DESC
if [[ $WITH_NGINX == 1 ]]; then
  export BENCH_META_NGINX_PROXY_DESC="plain nginx reverse proxy (bench/nginx/proxy.conf), 1 worker on CPU $GW_CPU, upstream keepalive, proxy_buffering off"
fi
if [[ $WITH_UNGOVERNED == 1 ]]; then
  export BENCH_META_UNGOVERNED_DESC="a second Caravan (same jar, JVM and flags, CPU $GW_CPU, own port and data dir) with guardrails.completion.mode: off, measured in the SSE steps only"
  export BENCH_META_UNGOVERNED_CMDLINE=$UNGOVERNED_CMDLINE
  export BENCH_META_UNGOVERNED_IDLE="$UG_IDLE_DESC while idle on CPU $GW_CPU during steps a–c"
fi
export BENCH_META_MOCK_DESC="nginx + Lua (bench/nginx/mock.conf), 1 worker on CPU $LOAD_CPU: ~1.1 KB chat.completion; /slow adds 50 ms; /flaky answers 503 to every second call; SSE = 20 content chunks 10 ms apart, one OpenAI-shaped token each (\"Hello\", \"!\", \" Here\", \" is\" … \".\": leading space, none trailing; the first also carries the role) + finish (+ usage if asked) + [DONE]"
export BENCH_META_TOOLS; BENCH_META_TOOLS="$(nginx -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -1 | awk '{print "wrk", $2}'), node $(node -v)"
BENCH_META_NOISE="other processes used ~$FOREIGN_CPUS CPUs on average during the measured steps (from /proc/stat minus this run's own processes); steal ${STEAL_PCT}%; load average $LOAD0 at the start, $LOAD1 at the end"
if awk -v f="$FOREIGN_CPUS" 'BEGIN { exit !(f > 0.1) }'; then
  BENCH_META_NOISE="**WARNING: the machine was not quiet** — $BENCH_META_NOISE; numbers from this run are suspect, rerun when it is idle"
fi
export BENCH_META_NOISE
export BENCH_META_ELAPSED=$(( $(date +%s) - T_START ))
node "$BENCH_DIR/report.mjs" "$RESULTS" > "$OUT"
cp "$RESULTS" "${OUT%.md}.jsonl"
echo
cat "$OUT"
echo
log "report written to ${OUT#"$ROOT"/} (raw data: ${OUT%.md}.jsonl)"
