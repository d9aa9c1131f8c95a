#!/usr/bin/env bash
# Time to first event (and to first content) through each streaming ingress, against the built-in mock, direct and
# through the gateway, in one run: `bench/ingress.sh` (needs target/caravan.jar and node >= 18; ~2 min).
# Sequential streams (one at a time), the gateway pinned on CPU 1, the mock and the client on CPU 0. The mock sends a
# content event every 10 ms, so "content" through a governed stream includes the redactor holding the first word
# until the next delta shows it ended (one inter-event gap), while "first event" is the protocol overhead alone.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=$ROOT/bench
N=${N:-300}
WARMUP=${WARMUP:-300}
JAVA=${BENCH_JAVA:-java}
[[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java && -z ${BENCH_JAVA:-} ]] && JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=$ROOT/target/caravan.jar
[[ -f $JAR ]] || { echo "bench/ingress.sh: build target/caravan.jar first (mvn -B -q -DskipTests package)" >&2; exit 1; }
TMP=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cp "$JAR" "$TMP/caravan.jar"
MOCK_PORT=$(free_port); GW_PORT=$(free_port)
taskset -c 0 "$JAVA" -jar "$TMP/caravan.jar" mock --port "$MOCK_PORT" > "$TMP/mock.log" 2>&1 & PIDS+=($!)
# A route alias whose one target speaks Anthropic Messages (the mock's /v1/messages): an OpenAI chat client's call is
# translated on the way out and its stream translated back (the "translated" row).
cat > "$TMP/caravan.yaml" <<YAML
routes:
  - alias: bench/claude
    targets:
      - { upstream: "http://127.0.0.1:$MOCK_PORT", api: anthropic, model: "mock?chunks=20&chunk_delay_ms=10" }
YAML
taskset -c 1 "$JAVA" -jar "$TMP/caravan.jar" serve --config "$TMP/caravan.yaml" --port "$GW_PORT" --data-dir "$TMP/data" \
  > "$TMP/gateway.log" 2>&1 & PIDS+=($!)
for port in "$MOCK_PORT" "$GW_PORT"; do
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
done
MOCK=http://127.0.0.1:$MOCK_PORT
GW=http://127.0.0.1:$GW_PORT
MODEL='mock?chunks=20&chunk_delay_ms=10'

# measure NAME DIRECT_URL GATEWAY_URL BODY CONTENT_REGEX HEADER...  (GATEWAY_BODY, if set, replaces BODY through the gateway)
measure() {
  local name=$1 direct=$2 gateway=$3 body=$4 content=$5; shift 5
  local args=() h
  for h in "$@"; do args+=(--header "$h"); done
  for target in direct gateway; do
    local url=$direct sent=$body
    [[ $target == gateway ]] && { url=$gateway; sent=${GATEWAY_BODY:-$body}; }
    local out
    out=$(taskset -c 0 node "$BENCH_DIR/ingress-ttfe.mjs" --url "$url" --body "$sent" --content "$content" \
      --n "$N" --warmup "$WARMUP" "${args[@]}")
    echo "$name $target $out" | tee -a "$TMP/results.txt"
  done
}

echo "# ingress first-event figures, $(date -u '+%Y-%m-%d %H:%M:%S UTC'), N=$N after $WARMUP warm-up streams, $($JAVA -version 2>&1 | head -1)"
measure chat "$MOCK/v1/chat/completions" "$GW/v1/chat/completions" \
  "{\"model\":\"$MODEL\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}" \
  '"content":"[^"]' "authorization: Bearer sk-bench" "x-caravan-upstream: $MOCK/v1"
measure anthropic "$MOCK/v1/messages" "$GW/anthropic/v1/messages" \
  "{\"model\":\"$MODEL\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}" \
  'content_block_delta' "x-api-key: sk-ant-bench" "anthropic-version: 2023-06-01" "x-caravan-upstream: $MOCK"
GATEWAY_BODY='{"model":"bench/claude","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hello"}]}' \
  measure translated "$MOCK/v1/messages" "$GW/v1/chat/completions" \
  "{\"model\":\"$MODEL\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}" \
  'content_block_delta|"content":"[^"]' "x-api-key: sk-ant-bench" "authorization: Bearer sk-ant-bench" \
  "anthropic-version: 2023-06-01"
if curl -s -o /dev/null -w '%{http_code}' -X POST "$MOCK/v1/responses" -d '{}' | grep -qv 404; then
  measure responses "$MOCK/v1/responses" "$GW/v1/responses" \
    "{\"model\":\"$MODEL\",\"stream\":true,\"input\":\"hello\"}" \
    'response.output_text.delta' "authorization: Bearer sk-bench" "x-caravan-upstream: $MOCK/v1"
fi

echo
echo "| ingress | first event p50, direct → gateway (added) | first content p50, direct → gateway (added) |"
echo "|---|---|---|"
node -e '
const rows = {};
for (const line of require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")) {
  const [name, target, ...json] = line.split(" ");
  (rows[name] ??= {})[target] = JSON.parse(json.join(" "));
}
const f = (x) => x === null || x === undefined ? "n/a" : x.toFixed(2);
for (const [name, r] of Object.entries(rows)) {
  const d = r.direct, g = r.gateway;
  if (!g || g.ok === 0) { console.log(`| ${name} | failed: ${JSON.stringify(g && g.reasons)} | |`); continue; }
  console.log(`| ${name} | ${f(d.ttfe_p50_ms)} → ${f(g.ttfe_p50_ms)} ms (+${f(g.ttfe_p50_ms - d.ttfe_p50_ms)}) | ${f(d.ttfc_p50_ms)} → ${f(g.ttfc_p50_ms)} ms (+${f(g.ttfc_p50_ms - d.ttfc_p50_ms)}) |`);
}' "$TMP/results.txt"
