package dev.caravan.guardrails.policy;

import java.util.Locale;

/** How a phase applies its categories' actions: {@code block} turns redact into deny, {@code observe} never acts. */
public enum Mode {
    BLOCK,
    REDACT,
    OBSERVE,
    OFF;

    public static Mode parse(String value) {
        return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
