package dev.caravan.providers;

import dev.caravan.call.CallRecord;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.StreamGuard;
import java.util.Map;
import java.util.stream.Collectors;

/** Records what a governed stream's guard decided into the call's record, for every stream format alike. */
public final class StreamVerdicts {
    private StreamVerdicts() {}

    /** Puts the completion phase's verdict, signals, risk and redaction counts into the call's record. */
    public static void recordInto(StreamGuard guard, CallRecord record) {
        Outcome outcome = guard.outcome();
        record.guarded(
                false,
                outcome.verdict(),
                outcome.signals().stream().map(Category::id).toList(),
                outcome.risk(),
                outcome.redactions().entrySet().stream()
                        .collect(Collectors.toMap(e -> e.getKey().id(), Map.Entry::getValue)),
                outcome.failedOpen(),
                guard.micros());
    }
}
