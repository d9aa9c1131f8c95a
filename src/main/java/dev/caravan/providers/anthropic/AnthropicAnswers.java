package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.Usage;
import dev.caravan.providers.ChatShapes;

/** Reads Anthropic Messages answers, usage, stop reasons and errors in OpenAI chat shape. */
final class AnthropicAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicAnswers() {}

    static ObjectNode response(JsonNode answer, String model, long created) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", answer.path("id").asText());
        out.put("object", "chat.completion");
        out.put("created", created);
        out.put("model", answer.path("model").asText(model));
        StringBuilder text = new StringBuilder();
        ArrayNode calls = JSON.createArrayNode();
        for (JsonNode block : answer.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" ->
                    ChatShapes.toolCall(
                            calls,
                            block.path("id").asText(),
                            block.path("name").asText(),
                            block.path("input").toString());
                default -> {
                    // thinking and server-tool blocks have no Chat Completions equivalent
                }
            }
        }
        out.putArray("choices")
                .add(ChatShapes.choice(
                        0, text, calls, finishReason(answer.path("stop_reason").asText(null))));
        out.set("usage", ChatShapes.usage(usage(answer.path("usage"), 0)));
        return out;
    }

    /** OpenAI's finish reason for a stop reason; null while the message is not over. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /**
     * Usage in OpenAI's terms: prompt tokens include the tokens read from and written to the prompt cache (Anthropic
     * counts them apart), and the cache reads are the cached tokens. {@code outputTokens} stands in when the object
     * carries none.
     */
    static Usage usage(JsonNode usage, long outputTokens) {
        long read = usage.path("cache_read_input_tokens").asLong(0);
        long prompt = usage.path("input_tokens").asLong(0)
                + read
                + usage.path("cache_creation_input_tokens").asLong(0);
        long completion = usage.path("output_tokens").asLong(outputTokens);
        return new Usage(prompt, completion, prompt + completion, read, 0);
    }

    static ObjectNode error(int status, byte[] body) {
        JsonNode error = ChatShapes.parse(body).path("error");
        if (error.path("message").isTextual()) {
            return ChatShapes.error(
                    error.get("message").asText(), error.path("type").asText(ChatShapes.errorType(status)), null);
        }
        return ChatShapes.error(ChatShapes.text(body), ChatShapes.errorType(status), null);
    }
}
