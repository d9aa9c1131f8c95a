#!/usr/bin/env bash
# Cross-provider translation speed (JMH): per non-streamed call (request out, answer back) and per streamed event,
# for the Anthropic and Gemini translators; pinned to one core. Targets: <= 30 us per call, <= 5 us per event.
#   bench/translation.sh [benchmark regex]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jvm-bench.sh
echo "# translation JMH, $(date -u '+%Y-%m-%d %H:%M UTC'), pinned to CPU $CPU, $("$JAVA" -version 2>&1 | head -1)"
taskset -c "$CPU" "$JAVA" -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 3 -w 1 -i 5 -r 1 -bm avgt -tu us \
  "${1:-TranslationBench}"
