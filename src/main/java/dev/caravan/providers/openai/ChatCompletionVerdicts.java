package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.policy.Action;
import dev.caravan.guardrails.policy.Outcome;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Applies a completion deny to a Chat Completions answer: each denied choice's content is replaced by a notice. */
public final class ChatCompletionVerdicts {
    private ChatCompletionVerdicts() {}

    /** Replaces denied choices' content and tool calls by a notice and sets {@code finish_reason: content_filter}. */
    public static void withhold(ObjectNode answer, dev.caravan.providers.GuardTexts texts, Outcome outcome) {
        Set<Integer> denied = new HashSet<>();
        for (int i = 0; i < outcome.textActions().size(); i++) {
            if (outcome.textActions().get(i) == Action.DENY) {
                denied.add(texts.choiceOf(i));
            }
        }
        if (outcome.failedClosed()) {
            for (int i = 0; i < outcome.textActions().size(); i++) {
                denied.add(texts.choiceOf(i));
            }
        }
        String notice = notice(outcome);
        JsonNode choices = answer.path("choices");
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i) instanceof ObjectNode choice
                    && denied.contains(choice.path("index").asInt(i))) {
                choice.put("finish_reason", "content_filter");
                if (choice.path("message") instanceof ObjectNode message) {
                    message.put("content", notice);
                    message.remove("tool_calls");
                    message.remove("function_call");
                }
            }
        }
    }

    /** The text that stands in for a withheld answer: which categories the policy denied, never the evidence. */
    public static String notice(Outcome outcome) {
        if (outcome.denied().isEmpty()) {
            return "[This answer was withheld by the gateway: a guardrail failed and the policy fails closed.]";
        }
        return "[This answer was withheld by the gateway's policy: "
                + outcome.denied().stream().map(Category::id).collect(Collectors.joining(", ")) + ".]";
    }
}
