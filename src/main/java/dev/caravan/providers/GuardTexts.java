package dev.caravan.providers;

import dev.caravan.guardrails.policy.ScanText;
import java.util.List;

/** The texts of a request or an answer that guardrails read, each with a way to write a masked version back. */
public interface GuardTexts {
    List<ScanText> texts();

    /** The choice (or output) index a text belongs to; -1 in a request. */
    int choiceOf(int text);

    /** Writes back every text that differs from what was read. */
    void write(List<String> texts);
}
