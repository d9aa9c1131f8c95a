#!/usr/bin/env bash
# Bedrock adapter speed (JMH), pinned to one core: an OpenAI chat request translated to Converse and its answer back
# (issue 9 budget: <= 30 us per call), one ConverseStream frame decoded and translated to a chunk (<= 5 us per event),
# and one SigV4 signature over a 1 KB body.
#   bench/bedrock.sh [benchmark regex]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jvm-bench.sh
echo "# bedrock JMH, $(date -u '+%Y-%m-%d %H:%M UTC'), pinned to CPU $CPU, $("$JAVA" -version 2>&1 | head -1)"
taskset -c "$CPU" "$JAVA" -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 3 -w 1 -i 5 -r 1 -bm avgt -tu ns \
  "${1:-BedrockBench}"
