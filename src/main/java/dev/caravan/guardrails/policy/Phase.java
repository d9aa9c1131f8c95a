package dev.caravan.guardrails.policy;

import java.util.Locale;

/** The two moments a call is checked: the prompt before the model sees it, the completion before the client does. */
public enum Phase {
    PROMPT,
    COMPLETION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
