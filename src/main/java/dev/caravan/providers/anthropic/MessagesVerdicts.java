package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.policy.Action;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.providers.Withheld;

/**
 * Applies a completion deny to a Messages answer: its whole content becomes one text block with a notice and its
 * {@code stop_reason} becomes {@code refusal}, the value Anthropic itself uses when it declines to go on.
 */
public final class MessagesVerdicts {
    /** The stop reason of an answer or a stream the gateway's policy withheld. */
    public static final String REFUSAL = "refusal";

    private MessagesVerdicts() {}

    /** Withholds the answer when any of its texts was denied, or when the policy failed closed. */
    public static void withhold(ObjectNode answer, Outcome outcome) {
        if (!outcome.failedClosed() && !outcome.textActions().contains(Action.DENY)) {
            return;
        }
        answer.putArray("content").addObject().put("type", "text").put("text", Withheld.notice(outcome));
        answer.put("stop_reason", REFUSAL);
        answer.putNull("stop_sequence");
    }
}
