package dev.caravan.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Anthropic Messages stream events and answers as the API sends them, for stubs, unit tests and benches. */
public final class MessagesEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessagesEvents() {}

    /** One named event. */
    public static String event(String type, ObjectNode data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    /** The usage of a call: input, cache write, cache read and output tokens. */
    public static ObjectNode usage(long input, long cacheCreation, long cacheRead, long output) {
        return JSON.createObjectNode()
                .put("input_tokens", input)
                .put("cache_creation_input_tokens", cacheCreation)
                .put("cache_read_input_tokens", cacheRead)
                .put("output_tokens", output);
    }

    public static String messageStart(ObjectNode usage) {
        ObjectNode message = JSON.createObjectNode()
                .put("id", "msg_stub")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", "claude-sonnet-4-5");
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", usage);
        ObjectNode data = JSON.createObjectNode().put("type", "message_start");
        data.set("message", message);
        return event("message_start", data);
    }

    public static String ping() {
        return event("ping", JSON.createObjectNode().put("type", "ping"));
    }

    /** {@code content_block_start} of a block: {@code text}, {@code thinking} or {@code tool_use}. */
    public static String blockStart(int index, String type) {
        ObjectNode block = JSON.createObjectNode().put("type", type);
        switch (type) {
            case "text" -> block.put("text", "");
            case "thinking" -> block.put("thinking", "").put("signature", "");
            case "tool_use" ->
                block.put("id", "toolu_stub_" + index)
                        .put("name", "get_weather")
                        .putObject("input");
            default -> {}
        }
        ObjectNode data =
                JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        data.set("content_block", block);
        return event("content_block_start", data);
    }

    /** A {@code content_block_delta}: {@code text_delta}, {@code thinking_delta}, {@code signature_delta}, {@code input_json_delta}. */
    public static String delta(int index, String deltaType, String value) {
        String field =
                switch (deltaType) {
                    case "text_delta" -> "text";
                    case "thinking_delta" -> "thinking";
                    case "signature_delta" -> "signature";
                    default -> "partial_json";
                };
        ObjectNode data =
                JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        data.putObject("delta").put("type", deltaType).put(field, value);
        return event("content_block_delta", data);
    }

    public static String blockStop(int index) {
        return event(
                "content_block_stop",
                JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
    }

    public static String messageDelta(String stopReason, long outputTokens) {
        ObjectNode data = JSON.createObjectNode().put("type", "message_delta");
        data.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        data.putObject("usage").put("output_tokens", outputTokens);
        return event("message_delta", data);
    }

    public static String messageStop() {
        return event("message_stop", JSON.createObjectNode().put("type", "message_stop"));
    }

    /** A whole text answer streamed as the given text deltas, with this usage at the start and output at the end. */
    public static List<String> textStream(ObjectNode usage, long outputTokens, String... deltas) {
        List<String> events = new ArrayList<>();
        events.add(messageStart(usage));
        events.add(blockStart(0, "text"));
        events.add(ping());
        for (String text : deltas) {
            events.add(delta(0, "text_delta", text));
        }
        events.add(blockStop(0));
        events.add(messageDelta("end_turn", outputTokens));
        events.add(messageStop());
        return events;
    }

    /** A non-streamed answer with these content blocks and this usage. */
    public static ObjectNode message(List<ObjectNode> content, String stopReason, ObjectNode usage) {
        ObjectNode message = JSON.createObjectNode()
                .put("id", "msg_stub")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", "claude-sonnet-4-5");
        content.forEach(message.putArray("content")::add);
        message.put("stop_reason", stopReason);
        message.putNull("stop_sequence");
        message.set("usage", usage);
        return message;
    }

    public static ObjectNode text(String text) {
        return JSON.createObjectNode().put("type", "text").put("text", text);
    }

    public static ObjectNode thinking(String thinking, String signature) {
        return JSON.createObjectNode()
                .put("type", "thinking")
                .put("thinking", thinking)
                .put("signature", signature);
    }

    public static ObjectNode toolUse(String id, String name, ObjectNode input) {
        ObjectNode block =
                JSON.createObjectNode().put("type", "tool_use").put("id", id).put("name", name);
        block.set("input", input);
        return block;
    }
}
