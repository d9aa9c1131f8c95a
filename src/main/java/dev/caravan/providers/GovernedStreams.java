package dev.caravan.providers;

import dev.caravan.call.CallRecord;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.StreamGuard;

/** What a governed stream leaves in its call's record, whatever its format. */
public final class GovernedStreams {
    private GovernedStreams() {}

    /** Puts the completion phase's verdict, signals, risk and redaction counts into the call's record. */
    public static void recordInto(StreamGuard guard, CallRecord record) {
        Outcome outcome = guard.outcome();
        record.guarded(
                false,
                outcome.verdict(),
                Category.ids(outcome.signals()),
                outcome.risk(),
                Category.idCounts(outcome.redactions()),
                outcome.failedOpen(),
                guard.micros());
    }
}
