package dev.caravan.guardrails.policy;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import java.util.Map;
import java.util.Objects;

/** One phase's mode and per-category rules, and the precedence that turns a finding into the action taken. */
public record PhasePolicy(Mode mode, Map<Category, CategoryRule> rules) {
    /** A custom guardrail bean's category that the policy does not name is observed, so it shows in the signals. */
    static final CategoryRule CUSTOM_DEFAULT = CategoryRule.of(Action.OBSERVE, 0.5);

    public PhasePolicy {
        Objects.requireNonNull(mode, "mode");
        rules = Map.copyOf(rules);
    }

    /**
     * The action a finding triggers in this phase, or {@code null} when it does not count at all (phase off, category
     * unknown or allowed, score under the threshold). {@code observe} mode only records; {@code block} turns redact into
     * deny; observe and allow are never escalated.
     */
    public Action actionFor(Finding finding, Source source) {
        CategoryRule rule =
                rules.getOrDefault(finding.category(), finding.category().isCustom() ? CUSTOM_DEFAULT : null);
        if (mode == Mode.OFF || rule == null || finding.score() < rule.threshold()) {
            return null;
        }
        Action action = rule.actionFor(source == Source.TOOL_ARGUMENTS);
        if (action == Action.ALLOW) {
            return null;
        }
        if (mode == Mode.OBSERVE) {
            return Action.OBSERVE;
        }
        if (mode == Mode.BLOCK && action == Action.REDACT) {
            return Action.DENY;
        }
        return action;
    }
}
