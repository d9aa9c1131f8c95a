package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.providers.GuardTexts;
import dev.caravan.providers.Withheld;
import java.util.Set;

/**
 * Applies a completion deny to a response: each denied output item becomes an incomplete assistant message whose only
 * text is the gateway's notice, and the response is {@code status: incomplete} with reason {@code content_filter}.
 */
public final class ResponsesVerdicts {
    private ResponsesVerdicts() {}

    public static void withhold(ObjectNode response, GuardTexts texts, Outcome outcome) {
        Set<Integer> denied = Withheld.choices(texts, outcome);
        if (denied.isEmpty() || !(response.get("output") instanceof ArrayNode output)) {
            return;
        }
        String notice = Withheld.notice(outcome);
        for (int i = 0; i < output.size(); i++) {
            if (denied.contains(i)) {
                output.set(i, notice(output.get(i), notice));
            }
        }
        incomplete(response);
    }

    /** Marks a response incomplete because the gateway's content filter stopped it. */
    static void incomplete(ObjectNode response) {
        response.put("status", "incomplete");
        response.putObject("incomplete_details").put("reason", "content_filter");
    }

    /** The assistant message that takes a withheld item's place, under the item's id. */
    private static ObjectNode notice(JsonNode item, String notice) {
        ObjectNode message = ResponsesStreamTap.JSON
                .createObjectNode()
                .put("type", "message")
                .put("id", item.path("id").asText(""))
                .put("status", "incomplete")
                .put("role", "assistant");
        ObjectNode part = message.putArray("content").addObject();
        part.put("type", "output_text").put("text", notice).putArray("annotations");
        return message;
    }
}
