package dev.caravan.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Builds the OpenAI-shaped JSON the mock answers one chat request with. */
final class ChatReply {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOL_CALL_ID = "call_mock_1";
    // Appended when the echo is shorter than the chunk count, so no content delta is empty.
    private static final String PAD_WORD = " mock";

    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    private final String toolName;
    private final String text;
    private final int promptTokens;

    /** A reply (the echo, or the given text) padded to at least {@code minLength} code points. */
    ChatReply(JsonNode request, String model, long sequence, int minLength, String reply) {
        this.id = "chatcmpl-mock-" + sequence;
        this.model = model;
        this.created = System.currentTimeMillis() / 1000;
        this.includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
        JsonNode tools = request.path("tools");
        this.toolName = tools.isArray() && !tools.isEmpty()
                ? tools.get(0).path("function").path("name").asText("")
                : null;
        String userText = lastUserText(request.path("messages"));
        // A tool call's arguments carry the user's text too, so tests can steer what an agent would run.
        String said = reply != null ? reply : userText;
        this.text = toolName == null
                ? padded(reply != null ? reply : "echo: " + userText, minLength)
                : JSON.createObjectNode().put("echo", said).toString();
        this.promptTokens = Math.max(1, promptWords(request.path("messages")));
    }

    /** The three parts of a stream: events before the N pieces, the pieces, and the events after. */
    record StreamPlan(List<ObjectNode> opening, List<ObjectNode> pieces, List<ObjectNode> closing) {}

    ObjectNode completion() {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        if (toolName == null) {
            message.put("content", text);
        } else {
            message.putNull("content");
            message.set("tool_calls", JSON.createArrayNode().add(toolCall(true, text)));
        }
        message.putNull("refusal");
        ObjectNode choice = JSON.createObjectNode().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason());
        ObjectNode completion = envelope("chat.completion");
        completion.set("choices", JSON.createArrayNode().add(choice));
        completion.set("usage", usage());
        return completion;
    }

    StreamPlan stream(int chunks) {
        List<ObjectNode> opening = new ArrayList<>();
        opening.add(chunk(JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        if (toolName != null) {
            opening.add(chunk(toolDelta(true, ""), null));
        }
        List<ObjectNode> pieces = new ArrayList<>(chunks);
        for (String piece : split(text, chunks)) {
            pieces.add(chunk(
                    toolName == null ? JSON.createObjectNode().put("content", piece) : toolDelta(false, piece), null));
        }
        List<ObjectNode> closing = new ArrayList<>();
        closing.add(chunk(JSON.createObjectNode(), finishReason()));
        if (includeUsage) {
            ObjectNode usageChunk = envelope("chat.completion.chunk");
            usageChunk.set("choices", JSON.createArrayNode());
            usageChunk.set("usage", usage());
            closing.add(usageChunk);
        }
        return new StreamPlan(opening, pieces, closing);
    }

    static ObjectNode error(String message, String type, String code) {
        ObjectNode error = JSON.createObjectNode()
                .put("message", message)
                .put("type", type)
                .put("code", code);
        error.putNull("param");
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return body;
    }

    static ObjectNode models() {
        ObjectNode mock =
                JSON.createObjectNode().put("id", "mock").put("object", "model").put("created", 0);
        mock.put("owned_by", "caravan");
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.set("data", JSON.createArrayNode().add(mock));
        return list;
    }

    /** Splits by code points into {@code parts} nearly equal pieces; none is empty if the text is long enough. */
    static List<String> split(String text, int parts) {
        int[] codePoints = text.codePoints().toArray();
        List<String> pieces = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            int from = (int) ((long) codePoints.length * i / parts);
            int to = (int) ((long) codePoints.length * (i + 1) / parts);
            pieces.add(new String(codePoints, from, to - from));
        }
        return pieces;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode choice = JSON.createObjectNode().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode chunk = envelope("chat.completion.chunk");
        chunk.set("choices", JSON.createArrayNode().add(choice));
        if (includeUsage) {
            // OpenAI marks every chunk but the last with usage null once usage was asked for.
            chunk.putNull("usage");
        }
        return chunk;
    }

    private ObjectNode toolDelta(boolean first, String arguments) {
        ObjectNode delta = JSON.createObjectNode();
        delta.set("tool_calls", JSON.createArrayNode().add(toolCall(first, arguments)));
        return delta;
    }

    private ObjectNode toolCall(boolean withName, String arguments) {
        ObjectNode function = JSON.createObjectNode();
        ObjectNode call = JSON.createObjectNode().put("index", 0);
        if (withName) {
            call.put("id", TOOL_CALL_ID).put("type", "function");
            function.put("name", toolName);
        }
        function.put("arguments", arguments);
        call.set("function", function);
        return call;
    }

    private ObjectNode envelope(String object) {
        return JSON.createObjectNode()
                .put("id", id)
                .put("object", object)
                .put("created", created)
                .put("model", model);
    }

    private ObjectNode usage() {
        int completionTokens = words(text);
        return JSON.createObjectNode()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    private String finishReason() {
        return toolName == null ? "stop" : "tool_calls";
    }

    static String padded(String text, int minLength) {
        StringBuilder padded = new StringBuilder(text);
        while (padded.codePointCount(0, padded.length()) < minLength) {
            padded.append(PAD_WORD);
        }
        return padded.toString();
    }

    private static String lastUserText(JsonNode messages) {
        String last = "";
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText())) {
                last = text(message.path("content"));
            }
        }
        return last;
    }

    private static int promptWords(JsonNode messages) {
        int words = 0;
        for (JsonNode message : messages) {
            words += words(text(message.path("content")));
        }
        return words;
    }

    /** The text of a message content, which is either a string or an array of typed parts. */
    private static String text(JsonNode content) {
        return content.isTextual() ? content.asText() : partsText(content);
    }

    /** The texts of typed content parts ({@code text}, {@code input_text}), joined by spaces. */
    static String partsText(JsonNode content) {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                texts.add(part.path("text").asText(""));
            }
        }
        return String.join(" ", texts);
    }

    static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
