package dev.caravan.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.Usage;
import dev.caravan.providers.ChatShapes;
import java.util.Locale;

/** Reads Gemini {@code GenerateContentResponse}s, usage, finish reasons and errors in OpenAI chat shape. */
final class GeminiAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeminiAnswers() {}

    static ObjectNode response(JsonNode answer, String model, long created) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", id(answer, created));
        out.put("object", "chat.completion");
        out.put("created", created);
        out.put("model", answer.path("modelVersion").asText(model));
        ArrayNode choices = out.putArray("choices");
        for (JsonNode candidate : answer.path("candidates")) {
            StringBuilder text = new StringBuilder();
            ArrayNode calls = JSON.createArrayNode();
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (part.path("thought").asBoolean(false)) {
                    continue; // thought summaries are not part of the answer
                }
                if (part.has("text")) {
                    text.append(part.get("text").asText());
                } else if (part.has("functionCall")) {
                    JsonNode call = part.get("functionCall");
                    ChatShapes.toolCall(
                            calls, callId(call, calls.size()), call.path("name").asText(), arguments(call));
                }
            }
            choices.add(ChatShapes.choice(
                    candidate.path("index").asInt(choices.size()),
                    text,
                    calls,
                    finishReason(candidate.path("finishReason").asText(null), !calls.isEmpty())));
        }
        out.set("usage", ChatShapes.usage(usage(answer.path("usageMetadata"))));
        return out;
    }

    /** A function call's arguments as the JSON string OpenAI sends. */
    static String arguments(JsonNode call) {
        return call.path("args").isObject() ? call.get("args").toString() : "{}";
    }

    static String id(JsonNode answer, long created) {
        return answer.path("responseId").asText("chatcmpl-gemini-" + created);
    }

    /** Gemini names a call only in newer models; otherwise its place in the answer names it. */
    static String callId(JsonNode call, int index) {
        return call.path("id").asText("call_" + index);
    }

    /** OpenAI's finish reason for a Gemini one (null while the candidate is not finished). */
    static String finishReason(String reason, boolean calledTools) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> calledTools ? "tool_calls" : "stop";
        };
    }

    /** Usage in OpenAI's terms: completion tokens include the thinking tokens, which are also the reasoning tokens. */
    static Usage usage(JsonNode metadata) {
        long prompt = metadata.path("promptTokenCount").asLong(0);
        long thoughts = metadata.path("thoughtsTokenCount").asLong(0);
        long completion = metadata.path("candidatesTokenCount").asLong(0) + thoughts;
        long total = metadata.path("totalTokenCount").asLong(prompt + completion);
        return new Usage(
                prompt,
                completion,
                total,
                metadata.path("cachedContentTokenCount").asLong(0),
                thoughts);
    }

    static ObjectNode error(int status, byte[] body) {
        JsonNode parsed = ChatShapes.parse(body);
        JsonNode error = parsed.isArray() ? parsed.path(0).path("error") : parsed.path("error");
        if (error.path("message").isTextual()) {
            String code = error.path("status").asText(null);
            return ChatShapes.error(
                    error.get("message").asText(),
                    ChatShapes.errorType(status),
                    code == null ? null : code.toLowerCase(Locale.ROOT));
        }
        return ChatShapes.error(ChatShapes.text(body), ChatShapes.errorType(status), null);
    }
}
