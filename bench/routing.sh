#!/usr/bin/env bash
# Routing decision speed (JMH): plan a 3-target route, acquire the primary's breaker permission and record its
# success, once per strategy (failover, weighted, least_latency, cost); pinned to one core.
#   bench/routing.sh [benchmark regex]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
[ -x "$JAVA" ] || JAVA=java
CPU=${CPU:-1}
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
echo "# routing JMH, $(date -u '+%Y-%m-%d %H:%M UTC'), pinned to CPU $CPU, $("$JAVA" -version 2>&1 | head -1)"
taskset -c "$CPU" "$JAVA" -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 3 -w 1 -i 5 -r 1 -bm avgt -tu ns \
  "${1:-RoutingBench}"
