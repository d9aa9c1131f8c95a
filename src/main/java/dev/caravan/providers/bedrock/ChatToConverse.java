package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates an OpenAI Chat Completions request into a Converse request: system and developer messages into
 * {@code system}, turns into {@code messages} (tool calls as {@code toolUse}, tool messages as {@code toolResult},
 * data-URL images as image blocks), tools and tool choice into {@code toolConfig}, sampling into
 * {@code inferenceConfig}. What Converse cannot express is dropped and named.
 */
public final class ChatToConverse {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields this translation reads; every other top-level field is dropped and named. */
    private static final Set<String> TRANSLATED = Set.of(
            "model",
            "messages",
            "stream",
            "stream_options",
            "max_tokens",
            "max_completion_tokens",
            "temperature",
            "top_p",
            "stop",
            "tools",
            "tool_choice");

    private static final Map<String, String> IMAGE_FORMATS = Map.of(
            "image/png", "png", "image/jpeg", "jpeg", "image/jpg", "jpeg", "image/gif", "gif", "image/webp", "webp");

    private ChatToConverse() {}

    /** The Converse call for this chat request; a request Converse cannot carry throws IllegalArgumentException. */
    public static ConverseCall translate(JsonNode chat) {
        if (!(chat.get("messages") instanceof ArrayNode messages) || messages.isEmpty()) {
            throw new IllegalArgumentException("'messages' must be a non-empty array");
        }
        List<String> dropped = new ArrayList<>();
        chat.fieldNames().forEachRemaining(name -> {
            if (!TRANSLATED.contains(name) && !chat.get(name).isNull()) {
                dropped.add(name);
            }
        });
        ObjectNode body = JSON.createObjectNode();
        ArrayNode system = JSON.createArrayNode();
        ArrayNode turns = body.putArray("messages");
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> texts(message.get("content"), system);
                case "user" -> append(turns, "user", userContent(message.get("content")));
                case "assistant" -> append(turns, "assistant", assistantContent(message));
                case "tool" -> append(turns, "user", toolResult(message));
                default -> throw new IllegalArgumentException("unsupported message role '" + role + "'");
            }
        }
        if (!system.isEmpty()) {
            body.set("system", system);
        }
        ObjectNode inference = inferenceConfig(chat);
        if (!inference.isEmpty()) {
            body.set("inferenceConfig", inference);
        }
        toolConfig(chat, dropped).ifPresent(config -> body.set("toolConfig", config));
        boolean stream = chat.path("stream").asBoolean(false);
        boolean includeUsage =
                stream && chat.path("stream_options").path("include_usage").asBoolean(false);
        return new ConverseCall(body, stream, includeUsage, List.copyOf(dropped));
    }

    private static ObjectNode inferenceConfig(JsonNode chat) {
        ObjectNode inference = JSON.createObjectNode();
        JsonNode max =
                chat.hasNonNull("max_completion_tokens") ? chat.get("max_completion_tokens") : chat.get("max_tokens");
        if (max != null && max.isNumber()) {
            inference.put("maxTokens", max.asInt());
        }
        if (chat.path("temperature").isNumber()) {
            inference.set("temperature", chat.get("temperature"));
        }
        if (chat.path("top_p").isNumber()) {
            inference.set("topP", chat.get("top_p"));
        }
        JsonNode stop = chat.get("stop");
        if (stop != null && stop.isTextual()) {
            inference.putArray("stopSequences").add(stop.asText());
        } else if (stop instanceof ArrayNode list && !list.isEmpty()) {
            inference.set("stopSequences", list);
        }
        return inference;
    }

    private static java.util.Optional<ObjectNode> toolConfig(JsonNode chat, List<String> dropped) {
        if (!(chat.get("tools") instanceof ArrayNode tools) || tools.isEmpty()) {
            return java.util.Optional.empty();
        }
        ObjectNode config = JSON.createObjectNode();
        ArrayNode specs = config.putArray("tools");
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            ObjectNode spec = specs.addObject().putObject("toolSpec");
            spec.put("name", function.path("name").asText());
            if (function.hasNonNull("description")) {
                spec.put("description", function.get("description").asText());
            }
            JsonNode parameters = function.hasNonNull("parameters")
                    ? function.get("parameters")
                    : JSON.createObjectNode().put("type", "object");
            spec.putObject("inputSchema").set("json", parameters);
        }
        JsonNode choice = chat.get("tool_choice");
        if (choice != null && choice.isTextual()) {
            switch (choice.asText()) {
                case "auto" -> config.putObject("toolChoice").putObject("auto");
                case "required" -> config.putObject("toolChoice").putObject("any");
                default -> dropped.add("tool_choice"); // "none": Converse has no way to forbid the tools it was given
            }
        } else if (choice != null && choice.isObject()) {
            config.putObject("toolChoice")
                    .putObject("tool")
                    .put("name", choice.path("function").path("name").asText());
        }
        return java.util.Optional.of(config);
    }

    /** Adds a turn, merged into the previous one when it has the same role (Converse needs roles to alternate). */
    private static void append(ArrayNode turns, String role, ArrayNode content) {
        if (content.isEmpty()) {
            return;
        }
        JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.path("role").asText().equals(role)) {
            ((ArrayNode) last.get("content")).addAll(content);
            return;
        }
        ObjectNode turn = turns.addObject();
        turn.put("role", role);
        turn.set("content", content);
    }

    private static void texts(JsonNode content, ArrayNode into) {
        if (content != null && content.isTextual()) {
            into.addObject().put("text", content.asText());
        } else if (content instanceof ArrayNode parts) {
            for (JsonNode part : parts) {
                if (part.path("type").asText().equals("text")) {
                    into.addObject().put("text", part.path("text").asText());
                }
            }
        }
    }

    private static ArrayNode userContent(JsonNode content) {
        ArrayNode blocks = JSON.createArrayNode();
        if (content instanceof ArrayNode parts) {
            for (JsonNode part : parts) {
                switch (part.path("type").asText()) {
                    case "text" ->
                        blocks.addObject().put("text", part.path("text").asText());
                    case "image_url" ->
                        blocks.add(image(part.path("image_url").path("url").asText()));
                    default ->
                        throw new IllegalArgumentException(
                                "content part '" + part.path("type").asText() + "' has no Converse equivalent");
                }
            }
        } else {
            texts(content, blocks);
        }
        return blocks;
    }

    /** An image block from a base64 data URL; Converse takes image bytes, not links. */
    private static ObjectNode image(String url) {
        int comma = url.indexOf(',');
        String head = comma > 0 ? url.substring(0, comma) : "";
        if (!url.startsWith("data:") || !head.endsWith(";base64")) {
            throw new IllegalArgumentException("Bedrock takes images as base64 data URLs, not links");
        }
        String format = IMAGE_FORMATS.get(head.substring(5, head.length() - 7));
        if (format == null) {
            throw new IllegalArgumentException("Bedrock takes png, jpeg, gif or webp images");
        }
        ObjectNode block = JSON.createObjectNode();
        ObjectNode image = block.putObject("image");
        image.put("format", format);
        image.putObject("source").put("bytes", url.substring(comma + 1));
        return block;
    }

    private static ArrayNode assistantContent(JsonNode message) {
        ArrayNode blocks = JSON.createArrayNode();
        texts(message.get("content"), blocks);
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = blocks.addObject().putObject("toolUse");
            use.put("toolUseId", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", arguments(call.path("function").path("arguments").asText("{}")));
        }
        return blocks;
    }

    private static JsonNode arguments(String text) {
        try {
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tool call arguments must be JSON", e);
        }
    }

    private static ArrayNode toolResult(JsonNode message) {
        ArrayNode blocks = JSON.createArrayNode();
        ObjectNode result = blocks.addObject().putObject("toolResult");
        result.put("toolUseId", message.path("tool_call_id").asText());
        ArrayNode content = result.putArray("content");
        texts(message.get("content"), content);
        if (content.isEmpty()) {
            content.addObject().put("text", "");
        }
        return blocks;
    }
}
