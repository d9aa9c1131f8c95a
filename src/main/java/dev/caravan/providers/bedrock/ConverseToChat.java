package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.Usage;
import dev.caravan.providers.ChatShapes;

/**
 * Translates a Converse response into an OpenAI {@code chat.completion}: text blocks into the message content,
 * {@code toolUse} blocks into tool calls, the stop reason into a finish reason, token usage into usage.
 */
public final class ConverseToChat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConverseToChat() {}

    /** The chat completion for this Converse response; id, model and created are the gateway's. */
    public static ObjectNode translate(JsonNode converse, String id, String model, long created) {
        ObjectNode chat = JSON.createObjectNode();
        chat.put("id", id);
        chat.put("object", "chat.completion");
        chat.put("created", created);
        chat.put("model", model);
        StringBuilder text = new StringBuilder();
        ArrayNode calls = JSON.createArrayNode();
        for (JsonNode block : converse.path("output").path("message").path("content")) {
            if (block.path("text").isTextual()) {
                text.append(block.get("text").asText());
            } else if (block.get("toolUse") instanceof ObjectNode use) {
                ChatShapes.toolCall(
                        calls,
                        use.path("toolUseId").asText(),
                        use.path("name").asText(),
                        use.path("input").toString());
            }
        }
        chat.putArray("choices")
                .add(ChatShapes.choice(
                        0, text, calls, finishReason(converse.path("stopReason").asText("end_turn"))));
        Usage usage = usage(converse.path("usage"));
        if (usage != null) {
            chat.set("usage", ChatShapes.usage(usage));
        }
        return chat;
    }

    /** The OpenAI finish reason for a Converse stop reason. */
    public static String finishReason(String stopReason) {
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "content_filtered", "guardrail_intervened" -> "content_filter";
            default -> "stop";
        };
    }

    /** Converse token usage ({@code inputTokens}, {@code outputTokens}, {@code totalTokens}), or null. */
    public static Usage usage(JsonNode usage) {
        if (!usage.isObject() || !usage.has("inputTokens")) {
            return null;
        }
        long in = usage.path("inputTokens").asLong();
        long out = usage.path("outputTokens").asLong();
        return new Usage(
                in,
                out,
                usage.path("totalTokens").asLong(in + out),
                usage.path("cacheReadInputTokens").asLong(0),
                0);
    }
}
