package dev.caravan.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.providers.ChatContent;
import dev.caravan.providers.ChatRequestFields;
import dev.caravan.providers.TranslatedRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Builds a Gemini {@code generateContent} request from an OpenAI Chat Completions request. */
final class GeminiRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HANDLED = Set.of(
            "temperature",
            "top_p",
            "max_tokens",
            "max_completion_tokens",
            "stop",
            "n",
            "presence_penalty",
            "frequency_penalty",
            "seed",
            "response_format",
            "tools",
            "tool_choice");

    private GeminiRequests() {}

    static TranslatedRequest translate(ObjectNode chat, String model) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode contents = body.putArray("contents");
        ArrayNode system = JSON.createArrayNode();
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode message : chat.path("messages")) {
            switch (message.path("role").asText()) {
                case "system", "developer" -> system.addObject().put("text", ChatContent.text(message.path("content")));
                case "assistant" -> append(contents, "model", assistant(message, toolNames));
                case "tool" -> append(contents, "user", toolResult(message, toolNames));
                default -> append(contents, "user", user(message.path("content")));
            }
        }
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").set("parts", system);
        }
        tools(chat, body);
        ObjectNode config = generationConfig(chat);
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        boolean stream = chat.path("stream").asBoolean(false);
        String name = model.startsWith("models/") ? model.substring(7) : model;
        String path = "/v1beta/models/" + name + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        return new TranslatedRequest(body, path, Map.of(), ChatRequestFields.dropped(chat, HANDLED));
    }

    /** Adds parts to the last content when it has the same role (Gemini wants turns to alternate). */
    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode content = contents.addObject();
        content.put("role", role);
        content.set("parts", parts);
    }

    private static ArrayNode user(JsonNode content) {
        ArrayNode parts = JSON.createArrayNode();
        if (content.isTextual()) {
            parts.addObject().put("text", content.asText());
            return parts;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> parts.addObject().put("text", part.path("text").asText());
                case "image_url" -> {
                    ChatContent.Image image = ChatContent.image(part);
                    if (image.inline()) {
                        parts.addObject()
                                .putObject("inlineData")
                                .put("mimeType", image.mediaType())
                                .put("data", image.base64());
                    } else {
                        parts.addObject()
                                .putObject("fileData")
                                .put("mimeType", image.mediaType())
                                .put("fileUri", image.url());
                    }
                }
                default -> {
                    // input_audio and file parts are not translated
                }
            }
        }
        return parts;
    }

    private static ArrayNode assistant(JsonNode message, Map<String, String> toolNames) {
        ArrayNode parts = JSON.createArrayNode();
        String text = ChatContent.text(message.path("content"));
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            String name = call.path("function").path("name").asText();
            toolNames.put(call.path("id").asText(), name);
            ObjectNode functionCall = parts.addObject().putObject("functionCall");
            functionCall.put("name", name);
            functionCall.set("args", ChatContent.arguments(call.path("function"), JSON));
        }
        return parts;
    }

    /** A tool message as a functionResponse: Gemini names the function, OpenAI only the call, so it is looked up. */
    private static ArrayNode toolResult(JsonNode message, Map<String, String> toolNames) {
        ArrayNode parts = JSON.createArrayNode();
        ObjectNode response = parts.addObject().putObject("functionResponse");
        response.put("name", toolNames.getOrDefault(message.path("tool_call_id").asText(), ""));
        String text = ChatContent.text(message.path("content"));
        JsonNode parsed;
        try {
            parsed = JSON.readTree(text);
        } catch (java.io.IOException e) {
            parsed = null;
        }
        response.set(
                "response",
                parsed != null && parsed.isObject()
                        ? parsed
                        : JSON.createObjectNode().put("result", text));
        return parts;
    }

    private static void tools(JsonNode chat, ObjectNode body) {
        JsonNode tools = chat.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (JsonNode tool : tools) {
                JsonNode function = tool.path("function");
                ObjectNode declaration = declarations.addObject();
                declaration.put("name", function.path("name").asText());
                if (function.hasNonNull("description")) {
                    declaration.put("description", function.get("description").asText());
                }
                JsonNode parameters = function.path("parameters");
                if (parameters.isObject()) {
                    declaration.set(fitsOpenApiSubset(parameters) ? "parameters" : "parametersJsonSchema", parameters);
                }
            }
        }
        JsonNode choice = chat.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return;
        }
        ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
        if (choice.isTextual()) {
            config.put(
                    "mode",
                    switch (choice.asText()) {
                        case "none" -> "NONE";
                        case "required" -> "ANY";
                        default -> "AUTO";
                    });
        } else {
            config.put("mode", "ANY");
            config.putArray("allowedFunctionNames")
                    .add(choice.path("function").path("name").asText());
        }
    }

    /** The keys of Gemini's {@code Schema} object, the OpenAPI subset its {@code parameters} field accepts. */
    private static final java.util.Set<String> SCHEMA_KEYS = java.util.Set.of(
            "type",
            "format",
            "title",
            "description",
            "nullable",
            "enum",
            "maxItems",
            "minItems",
            "properties",
            "required",
            "minProperties",
            "maxProperties",
            "minLength",
            "maxLength",
            "pattern",
            "example",
            "anyOf",
            "propertyOrdering",
            "default",
            "items",
            "minimum",
            "maximum");

    /**
     * Whether a tool's JSON Schema stays within that subset, as a single-typed schema throughout; one that does not
     * (a strict tool's {@code additionalProperties}, {@code $ref}, {@code oneOf}, a list of types) goes whole as
     * {@code parametersJsonSchema} instead of being trimmed.
     */
    static boolean fitsOpenApiSubset(JsonNode schema) {
        if (!schema.isObject()) {
            return false;
        }
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) schema::fields) {
            JsonNode value = field.getValue();
            boolean fits =
                    switch (field.getKey()) {
                        case "type" -> value.isTextual();
                        case "items" -> fitsOpenApiSubset(value);
                        case "properties" -> allFit(value.isObject() ? value : null);
                        case "anyOf" -> value.isArray() && allFit(value);
                        default -> SCHEMA_KEYS.contains(field.getKey());
                    };
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFit(JsonNode schemas) {
        if (schemas == null) {
            return false;
        }
        for (JsonNode schema : schemas) {
            if (!fitsOpenApiSubset(schema)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode generationConfig(ObjectNode chat) {
        ObjectNode config = JSON.createObjectNode();
        ChatContent.stopSequences(chat.get("stop"), config, "stopSequences");
        ChatContent.copy(chat, "temperature", config, "temperature");
        ChatContent.copy(chat, "top_p", config, "topP");
        ChatContent.copy(
                chat,
                chat.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens",
                config,
                "maxOutputTokens");
        if (chat.path("n").asInt(1) != 1) {
            config.set("candidateCount", chat.get("n"));
        }
        ChatContent.copy(chat, "presence_penalty", config, "presencePenalty");
        ChatContent.copy(chat, "frequency_penalty", config, "frequencyPenalty");
        ChatContent.copy(chat, "seed", config, "seed");
        JsonNode format = chat.path("response_format");
        switch (format.path("type").asText()) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                if (format.path("json_schema").path("schema").isObject()) {
                    config.set("responseJsonSchema", format.get("json_schema").get("schema"));
                }
            }
            default -> {
                // "text" is Gemini's default
            }
        }
        return config;
    }
}
