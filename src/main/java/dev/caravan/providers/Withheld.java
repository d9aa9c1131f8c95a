package dev.caravan.providers;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.policy.Action;
import dev.caravan.guardrails.policy.Outcome;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What a completion deny takes away from an answer: the outputs (choices) it hits, and the notice put in their place. */
public final class Withheld {
    private Withheld() {}

    /** The choice (output) indexes with a denied text; all of them when the policy failed closed. */
    public static Set<Integer> choices(GuardTexts texts, Outcome outcome) {
        Set<Integer> denied = new HashSet<>();
        for (int i = 0; i < outcome.textActions().size(); i++) {
            if (outcome.textActions().get(i) == Action.DENY || outcome.failedClosed()) {
                denied.add(texts.choiceOf(i));
            }
        }
        return denied;
    }

    /** The text that replaces a withheld answer, naming the categories denied. */
    public static String notice(Outcome outcome) {
        if (outcome.denied().isEmpty()) {
            return "[This answer was withheld by the gateway: a guardrail failed and the policy fails closed.]";
        }
        return "[This answer was withheld by the gateway's policy: "
                + outcome.denied().stream().map(Category::id).collect(Collectors.joining(", ")) + ".]";
    }
}
