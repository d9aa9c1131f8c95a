#!/usr/bin/env bash
# Audit speed: (1) JMH, pinned to one core: building the event from a completed call record, and building it plus
# offering it to the bounded audit queue (what a call's thread pays); (2) the Kafka sink's sustained events/s through
# the real audit routes (JSONL file + spool + shipping) to an in-process KRaft broker, with a no-loss check.
#   COUNT=100000 bench/audit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jvm-bench.sh
COUNT=${COUNT:-100000}
echo "# audit bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $("$JAVA" -version 2>&1 | head -1)"
echo "## call-path cost (JMH, pinned to CPU $CPU)"
CARAVAN_LOG_LEVEL=ERROR taskset -c "$CPU" "$JAVA" -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 3 -w 1 -i 5 -r 1 -bm avgt -tu ns AuditBench
echo "## Kafka sink, $COUNT events, all cores (broker in the same JVM)"
timeout 600 "$JAVA" -Dlogback.configurationFile=src/main/resources/logback.xml -cp "$cp" \
  dev.caravan.bench.AuditKafkaThroughput "$COUNT" 2>&1 | grep -E "^(warm-up|measured):|Exception"
