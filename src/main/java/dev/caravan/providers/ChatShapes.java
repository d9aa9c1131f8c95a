package dev.caravan.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.Usage;
import java.nio.charset.StandardCharsets;

/** The OpenAI chat shapes every translator writes: the usage object, the error body, the error type of a status. */
public final class ChatShapes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONGEST_MESSAGE = 2000;

    private ChatShapes() {}

    /** A {@code usage} object; {@code prompt_tokens} includes cached prompt tokens, as OpenAI reports them. */
    public static ObjectNode usage(Usage usage) {
        ObjectNode node = JSON.createObjectNode();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.totalTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return node;
    }

    /**
     * A {@code chat.completion} choice: the assistant's text (null when it only called tools), its tool calls (each
     * {@code {id, type: function, function: {name, arguments}}}), and the finish reason.
     */
    public static ObjectNode choice(
            int index, CharSequence text, com.fasterxml.jackson.databind.node.ArrayNode calls, String finishReason) {
        ObjectNode choice = JSON.createObjectNode();
        choice.put("index", index);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return choice;
    }

    /** Adds one tool call, its arguments a JSON string, to a message's {@code tool_calls}. */
    public static void toolCall(
            com.fasterxml.jackson.databind.node.ArrayNode calls, String id, String name, String arguments) {
        ObjectNode call = calls.addObject();
        call.put("id", id);
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
    }

    /** {@code {"error":{"message","type","code","param"}}}; a null code is written as null. */
    public static ObjectNode error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        error.putNull("param");
        return root;
    }

    /** The OpenAI error type of an HTTP status, for providers whose error bodies carry none that fits. */
    public static String errorType(int status) {
        return switch (status) {
            case 400, 404, 409, 413, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /** A body that is not the provider's error JSON, as an error message (cut short). */
    public static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > LONGEST_MESSAGE ? text.substring(0, LONGEST_MESSAGE) : text;
    }

    /** Parses an event's data leniently: a missing tree for anything that is not JSON. */
    public static com.fasterxml.jackson.databind.JsonNode parse(String data) {
        return parse(data.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a JSON body leniently: a missing tree for anything that is not JSON. */
    public static com.fasterxml.jackson.databind.JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
        } catch (java.io.IOException e) {
            return JSON.missingNode();
        }
    }
}
