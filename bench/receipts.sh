#!/usr/bin/env bash
# Receipt speed on one core: issue() cost on the call's thread, the writer's receipts/s with batched fsync (and,
# for comparison, fsync on every receipt), canonicalise+sign cost, and verify speed. Prints a short report.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-50000}
source bench/jvm-bench.sh
echo "# receipts bench, $(date -u '+%Y-%m-%d %H:%M UTC'), pinned to CPU $CPU (taskset), $("$JAVA" -version 2>&1 | head -1)"
for fsync in 200 0; do
  timeout 300 taskset -c "$CPU" "$JAVA" -cp "$cp" dev.caravan.bench.ReceiptBench "$COUNT" 4 "$fsync"
done
