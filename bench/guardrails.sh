#!/usr/bin/env bash
# Guardrail quality and speed.
#   bench/guardrails.sh quality [report|tuning]   precision/recall/FPR per category on the dev set's report half
#   bench/guardrails.sh train [output]            trains the injection n-gram model on the tuning half (5-fold CV picks
#                                                 its settings and threshold); default src/main/resources/guardrails/
#   bench/guardrails.sh corroboration [data dir]  5-fold CV on the tuning half of where the injection model starts to
#                                                 corroborate rule evidence below its threshold (floor and weight grid)
#   bench/guardrails.sh speed [regex]             JMH: the full default policy (1 KB, 100 KB, 1 MB adversarial) and
#                                                 each detector alone; per streamed delta (StreamBench); pinned to one core.
#                                                 JMH_ITERATIONS replaces "-wi 3 -w 2 -i 5 -r 2", e.g. a longer warm-up for
#                                                 the 1 MB case, whose ~100 ms calls are still being compiled after 6 s:
#                                                 JMH_ITERATIONS="-wi 10 -w 3 -i 5 -r 3" ... speed GuardrailsBench.adversarial1Mb
#   bench/guardrails.sh speed-devset [repeated]   the full default policy on the dev set's tuning-half prompts of
#                                                 400-3,000 chars, per KB, beside the ordinary 1 KB prompt; pinned. The
#                                                 prompts take turns (as in a gateway), or with "repeated" each runs
#                                                 many times in a row (as JMH runs its one prompt)
# The dev set lives outside the project (../shared/data/guardrails, or CARAVAN_GUARDRAIL_DATA).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-quality}
source bench/jvm-bench.sh
case "$what" in
  quality)
    "$JAVA" -cp "$cp" dev.caravan.bench.GuardrailQuality "${2:-report}" ;;
  train)
    "$JAVA" -cp "$cp" dev.caravan.bench.TrainInjectionModel "${2:-src/main/resources/guardrails/injection-model.bin}" ;;
  corroboration)
    "$JAVA" -cp "$cp" dev.caravan.bench.TuneCorroboration ${2:+"$2"} ;;
  speed)
    echo "# guardrails JMH, $(date -u '+%Y-%m-%d %H:%M UTC'), pinned to CPU $CPU, $("$JAVA" -version 2>&1 | head -1)"
    # shellcheck disable=SC2086 # JMH_ITERATIONS is a list of arguments
    taskset -c "$CPU" "$JAVA" -cp "$cp" org.openjdk.jmh.Main -f 1 ${JMH_ITERATIONS:--wi 3 -w 2 -i 5 -r 2} -bm sample -tu us \
      "${2:-GuardrailsBench|SecretsBench|PiiBench|InjectionBench|DestructiveBench|StreamBench}" ;;
  speed-devset)
    taskset -c "$CPU" "$JAVA" -cp "$cp" dev.caravan.bench.DevSetSpeed ${2:+"$2"} ;;
  *) echo "usage: $0 quality [report|tuning] | train [output] | corroboration [data dir] | speed [benchmark regex] | speed-devset" >&2; exit 2 ;;
esac
