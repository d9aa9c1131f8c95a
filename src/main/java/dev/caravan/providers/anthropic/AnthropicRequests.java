package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ChatContent;
import dev.caravan.providers.ChatRequestFields;
import dev.caravan.providers.TranslatedRequest;
import java.util.Map;
import java.util.Set;

/** Builds an Anthropic Messages request from an OpenAI Chat Completions request. */
final class AnthropicRequests {
    /**
     * Anthropic requires {@code max_tokens}; OpenAI does not. 4096 is the largest output every current Claude model
     * accepts (Claude 3 Haiku's limit), so a request without one never fails for asking too much.
     */
    static final int DEFAULT_MAX_TOKENS = 4096;

    static final String VERSION = "2023-06-01";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HANDLED = Set.of(
            "temperature",
            "top_p",
            "max_tokens",
            "max_completion_tokens",
            "stop",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "user");

    private AnthropicRequests() {}

    static TranslatedRequest translate(ObjectNode chat, String model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode system = JSON.createArrayNode();
        ArrayNode messages = body.putArray("messages");
        for (JsonNode message : chat.path("messages")) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" ->
                    system.addObject().put("type", "text").put("text", ChatContent.text(message.path("content")));
                case "assistant" -> append(messages, "assistant", assistant(message));
                case "tool" -> append(messages, "user", toolResult(message));
                default -> append(messages, "user", user(message.path("content")));
            }
        }
        if (system.size() == 1) {
            body.put("system", system.get(0).path("text").asText());
        } else if (!system.isEmpty()) {
            body.set("system", system);
        }
        JsonNode max =
                chat.hasNonNull("max_completion_tokens") ? chat.get("max_completion_tokens") : chat.get("max_tokens");
        body.put("max_tokens", max != null && max.canConvertToInt() ? max.asInt() : DEFAULT_MAX_TOKENS);
        ChatContent.stopSequences(chat.get("stop"), body, "stop_sequences");
        ChatContent.copy(chat, "temperature", body, "temperature");
        ChatContent.copy(chat, "top_p", body, "top_p");
        if (chat.path("user").isTextual()) {
            body.putObject("metadata").put("user_id", chat.get("user").asText());
        }
        tools(chat, body);
        if (chat.path("stream").asBoolean(false)) {
            body.put("stream", true);
        }
        return new TranslatedRequest(
                body, "/v1/messages", Map.of("anthropic-version", VERSION), ChatRequestFields.dropped(chat, HANDLED));
    }

    /**
     * Adds content to the last message when it has the same role (Anthropic wants roles to alternate); plain text
     * stays a string until something is merged into it.
     */
    private static void append(ArrayNode messages, String role, JsonNode content) {
        ObjectNode last = messages.isEmpty() ? null : (ObjectNode) messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ArrayNode blocks = blocks(last.get("content"));
            blocks.addAll(blocks(content));
            last.set("content", blocks);
            return;
        }
        ObjectNode message = messages.addObject();
        message.put("role", role);
        message.set("content", content);
    }

    private static ArrayNode blocks(JsonNode content) {
        if (content.isArray()) {
            return (ArrayNode) content;
        }
        ArrayNode blocks = JSON.createArrayNode();
        blocks.addObject().put("type", "text").put("text", content.asText());
        return blocks;
    }

    private static JsonNode user(JsonNode content) {
        if (content.isTextual()) {
            return content;
        }
        ArrayNode blocks = JSON.createArrayNode();
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" ->
                    blocks.addObject()
                            .put("type", "text")
                            .put("text", part.path("text").asText());
                case "image_url" -> image(blocks, ChatContent.image(part));
                default -> {
                    // input_audio and file parts have no Messages equivalent the gateway can build safely
                }
            }
        }
        return blocks;
    }

    private static void image(ArrayNode blocks, ChatContent.Image image) {
        ObjectNode source = blocks.addObject().put("type", "image").putObject("source");
        if (image.inline()) {
            source.put("type", "base64").put("media_type", image.mediaType()).put("data", image.base64());
        } else {
            source.put("type", "url").put("url", image.url());
        }
    }

    private static JsonNode assistant(JsonNode message) {
        String text = ChatContent.text(message.path("content"));
        if (message.path("tool_calls").isEmpty()) {
            return JSON.getNodeFactory().textNode(text);
        }
        ArrayNode blocks = JSON.createArrayNode();
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = blocks.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", ChatContent.arguments(call.path("function"), JSON));
        }
        return blocks;
    }

    private static ArrayNode toolResult(JsonNode message) {
        ArrayNode blocks = JSON.createArrayNode();
        ObjectNode result = blocks.addObject();
        result.put("type", "tool_result");
        result.put("tool_use_id", message.path("tool_call_id").asText());
        result.put("content", ChatContent.text(message.path("content")));
        return blocks;
    }

    private static void tools(JsonNode chat, ObjectNode body) {
        JsonNode tools = chat.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            ArrayNode out = body.putArray("tools");
            for (JsonNode tool : tools) {
                JsonNode function = tool.path("function");
                ObjectNode entry = out.addObject();
                entry.put("name", function.path("name").asText());
                if (function.hasNonNull("description")) {
                    entry.put("description", function.get("description").asText());
                }
                entry.set(
                        "input_schema",
                        function.path("parameters").isObject()
                                ? function.get("parameters")
                                : JSON.createObjectNode().put("type", "object"));
            }
        }
        ObjectNode choice = toolChoice(chat.get("tool_choice"));
        if (chat.path("parallel_tool_calls").isBoolean()
                && !chat.get("parallel_tool_calls").asBoolean()) {
            choice = choice == null ? JSON.createObjectNode().put("type", "auto") : choice;
            choice.put("disable_parallel_tool_use", true);
        }
        if (choice != null) {
            body.set("tool_choice", choice);
        }
    }

    private static ObjectNode toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "none" -> JSON.createObjectNode().put("type", "none");
                case "required" -> JSON.createObjectNode().put("type", "any");
                default -> JSON.createObjectNode().put("type", "auto");
            };
        }
        return JSON.createObjectNode()
                .put("type", "tool")
                .put("name", choice.path("function").path("name").asText());
    }
}
