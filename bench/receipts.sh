#!/usr/bin/env bash
# Receipt speed on one core: issue() cost on the call's thread, the writer's receipts/s with batched fsync (and,
# for comparison, fsync on every receipt), canonicalise+sign cost, and verify speed. Prints a short report.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-50000}
CPU=${CPU:-1}
JAVA=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
[ -x "$JAVA" ] || JAVA=java
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
echo "# receipts bench, $(date -u '+%Y-%m-%d %H:%M UTC'), pinned to CPU $CPU (taskset), $("$JAVA" -version 2>&1 | head -1)"
for fsync in 200 0; do
  timeout 300 taskset -c "$CPU" "$JAVA" -cp "$cp" dev.caravan.bench.ReceiptBench "$COUNT" 4 "$fsync"
done
