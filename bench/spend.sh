#!/usr/bin/env bash
# Spend work on a call (JMH): price lookup, worst-case estimate of a 1 KB prompt, budget reservation, metering
# and settlement; pinned to one core.
#   bench/spend.sh [benchmark regex]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jvm-bench.sh
echo "# spend JMH, $(date -u '+%Y-%m-%d %H:%M UTC'), pinned to CPU $CPU, $("$JAVA" -version 2>&1 | head -1)"
taskset -c "$CPU" "$JAVA" -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 3 -w 1 -i 5 -r 1 -bm avgt -tu ns \
  "${1:-SpendBench}"
