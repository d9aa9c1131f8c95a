#!/usr/bin/env bash
# Routing decision speed (JMH): plan a 3-target route, acquire the primary's breaker permission and record its
# success, once per strategy (failover, weighted, least_latency, cost); and the SSRF check of a client-chosen upstream
# URL with an IP-literal host (clientChosenUpstream); pinned to one core.
#   bench/routing.sh [benchmark regex]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jvm-bench.sh
echo "# routing JMH, $(date -u '+%Y-%m-%d %H:%M UTC'), pinned to CPU $CPU, $("$JAVA" -version 2>&1 | head -1)"
taskset -c "$CPU" "$JAVA" -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 3 -w 1 -i 5 -r 1 -bm avgt -tu ns \
  "${1:-RoutingBench}"
