package dev.caravan.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Builds the Anthropic Messages JSON and stream events the mock answers one {@code /v1/messages} request with. */
final class MessagesReply {
    private static final String TOOL_USE_ID = "toolu_mock_1";

    /** One named server-sent event of a Messages stream. */
    record Event(String name, ObjectNode data) {}

    private final String id;
    private final String model;
    private final String toolName;
    private final String text;
    private final int inputTokens;

    MessagesReply(JsonNode request, String model, long sequence, String reply) {
        this.id = "msg_mock_" + sequence;
        this.model = model;
        JsonNode tools = request.path("tools");
        this.toolName =
                tools.isArray() && !tools.isEmpty() ? tools.get(0).path("name").asText("") : null;
        String userText = lastUserText(request.path("messages"));
        String said = reply != null ? reply : userText;
        this.text = toolName == null
                ? (reply != null ? reply : "echo: " + userText)
                : ChatReply.JSON.createObjectNode().put("echo", said).toString();
        this.inputTokens =
                Math.max(1, words(userText) + words(request.path("system").asText("")));
    }

    ObjectNode message() {
        ObjectNode message = envelope();
        message.set("content", ChatReply.JSON.createArrayNode().add(block(true)));
        message.put("stop_reason", stopReason());
        message.set("usage", usage(words(text)));
        return message;
    }

    /** The events of a stream: the opening ones, the {@code chunks} deltas, and the closing ones. */
    ChatReply.StreamPlan stream(int chunks) {
        List<ObjectNode> opening = new ArrayList<>();
        ObjectNode start = envelope();
        start.set("content", ChatReply.JSON.createArrayNode());
        start.putNull("stop_reason");
        start.set("usage", usage(1));
        opening.add(event("message_start").set("message", start));
        opening.add(event("content_block_start").put("index", 0).set("content_block", block(false)));
        opening.add(event("ping"));
        List<ObjectNode> pieces = new ArrayList<>();
        for (String piece : ChatReply.split(text, chunks)) {
            ObjectNode delta = toolName == null
                    ? ChatReply.JSON
                            .createObjectNode()
                            .put("type", "text_delta")
                            .put("text", piece)
                    : ChatReply.JSON
                            .createObjectNode()
                            .put("type", "input_json_delta")
                            .put("partial_json", piece);
            pieces.add(event("content_block_delta").put("index", 0).set("delta", delta));
        }
        List<ObjectNode> closing = new ArrayList<>();
        closing.add(event("content_block_stop").put("index", 0));
        ObjectNode delta = ChatReply.JSON.createObjectNode().put("stop_reason", stopReason());
        delta.putNull("stop_sequence");
        ObjectNode messageDelta = event("message_delta");
        messageDelta.set("delta", delta);
        messageDelta.set("usage", ChatReply.JSON.createObjectNode().put("output_tokens", words(text)));
        closing.add(messageDelta);
        closing.add(event("message_stop"));
        return new ChatReply.StreamPlan(opening, pieces, closing);
    }

    static ObjectNode error(String message, String type) {
        ObjectNode body = ChatReply.JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body;
    }

    private ObjectNode block(boolean whole) {
        if (toolName == null) {
            return ChatReply.JSON.createObjectNode().put("type", "text").put("text", whole ? text : "");
        }
        ObjectNode block = ChatReply.JSON
                .createObjectNode()
                .put("type", "tool_use")
                .put("id", TOOL_USE_ID)
                .put("name", toolName);
        try {
            block.set("input", whole ? ChatReply.JSON.readTree(text) : ChatReply.JSON.createObjectNode());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the mock's own tool input is JSON", e);
        }
        return block;
    }

    private ObjectNode envelope() {
        return ChatReply.JSON
                .createObjectNode()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
    }

    private ObjectNode usage(int outputTokens) {
        return ChatReply.JSON
                .createObjectNode()
                .put("input_tokens", inputTokens)
                .put("output_tokens", outputTokens);
    }

    private static ObjectNode event(String type) {
        return ChatReply.JSON.createObjectNode().put("type", type);
    }

    private String stopReason() {
        return toolName == null ? "end_turn" : "tool_use";
    }

    private static String lastUserText(JsonNode messages) {
        String last = "";
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText())) {
                JsonNode content = message.path("content");
                if (content.isTextual()) {
                    last = content.asText();
                } else {
                    List<String> texts = new ArrayList<>();
                    for (JsonNode block : content) {
                        if ("text".equals(block.path("type").asText())) {
                            texts.add(block.path("text").asText(""));
                        }
                    }
                    last = String.join(" ", texts);
                }
            }
        }
        return last;
    }

    private static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
