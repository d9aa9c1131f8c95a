package dev.caravan.guardrails.policy;

import java.util.Locale;

/** What a category's finding does to a call, weakest first; the strongest action among a phase's findings wins. */
public enum Action {
    ALLOW,
    OBSERVE,
    REDACT,
    HOLD,
    DENY;

    public static Action parse(String value) {
        return Action.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
