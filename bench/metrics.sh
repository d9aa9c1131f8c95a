#!/usr/bin/env bash
# JMH: what the Prometheus metrics cost at the end of every call (MetricsBench), pinned to one core.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jvm-bench.sh
echo "# metrics JMH, $(date -u '+%Y-%m-%d %H:%M UTC'), pinned to CPU $CPU, $("$JAVA" -version 2>&1 | head -1)"
taskset -c "$CPU" "$JAVA" -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 3 -w 1 -i 5 -r 1 -bm avgt -tu ns "${1:-MetricsBench}"
