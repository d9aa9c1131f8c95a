package dev.caravan.guardrails.policy;

import java.util.Objects;

/**
 * One category's rule within a phase: its action, the score from which a finding counts, and optionally another
 * action for findings inside tool-call arguments (where text becomes an action an agent takes).
 */
public record CategoryRule(Action action, double threshold, Action toolCallAction) {
    public CategoryRule {
        Objects.requireNonNull(action, "action");
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("a threshold is a number in [0, 1] (got " + threshold + ")");
        }
    }

    public static CategoryRule of(Action action, double threshold) {
        return new CategoryRule(action, threshold, null);
    }

    /** The action for a finding, given whether it sits inside tool-call arguments. */
    public Action actionFor(boolean inToolCall) {
        return inToolCall && toolCallAction != null ? toolCallAction : action;
    }
}
