package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.providers.Withheld;
import java.util.Set;

/** Applies a completion deny to a Chat Completions answer: each denied choice's content is replaced by a notice. */
public final class ChatCompletionVerdicts {
    private ChatCompletionVerdicts() {}

    /**
     * Replaces denied choices' content by a notice, drops their tool calls, refusal and reasoning text, and sets
     * {@code finish_reason: content_filter}.
     */
    public static void withhold(ObjectNode answer, dev.caravan.providers.GuardTexts texts, Outcome outcome) {
        Set<Integer> denied = Withheld.choices(texts, outcome);
        String notice = Withheld.notice(outcome);
        JsonNode choices = answer.path("choices");
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i) instanceof ObjectNode choice
                    && denied.contains(choice.path("index").asInt(i))) {
                choice.put("finish_reason", "content_filter");
                if (choice.path("message") instanceof ObjectNode message) {
                    message.put("content", notice);
                    message.remove("tool_calls");
                    message.remove("function_call");
                    for (String field : ChatTexts.OTHER_ANSWER_TEXTS) {
                        if (message.path(field).isTextual()) {
                            message.putNull(field);
                        }
                    }
                }
            }
        }
    }
}
