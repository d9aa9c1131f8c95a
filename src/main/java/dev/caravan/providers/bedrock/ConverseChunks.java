package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.Usage;
import dev.caravan.providers.ChatShapes;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Translates ConverseStream events into OpenAI {@code chat.completion.chunk} SSE events as they arrive: text deltas
 * into content, tool-use blocks into tool-call deltas, the stop reason into a finish reason, the metadata frame into
 * the usage chunk (when the client asked for it), an exception into the error event the OpenAI SDKs raise. The
 * per-stream state of one relay.
 */
public final class ConverseChunks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NOTHING = new byte[0];

    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    /** Converse content-block index → OpenAI tool-call index, for the blocks that are tool uses. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();

    private Usage usage;
    private boolean stopped;

    public ConverseChunks(String id, String model, long created, boolean includeUsage) {
        this.id = id;
        this.model = model;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    /** The SSE bytes for one event (possibly none). */
    public byte[] translate(ConverseEvent event) {
        if (event.kind() != ConverseEvent.Kind.EVENT) {
            return error(event);
        }
        ObjectNode payload = event.payload();
        return switch (event.type()) {
            case "messageStart" -> chunk(delta().put("role", "assistant").put("content", ""), null);
            case "contentBlockStart" -> toolStart(event);
            case "contentBlockDelta" -> contentDelta(event);
            case "messageStop" -> {
                stopped = true;
                yield chunk(
                        delta(),
                        ConverseToChat.finishReason(payload.path("stopReason").asText("end_turn")));
            }
            case "metadata" -> metadata(payload);
            default -> NOTHING;
        };
    }

    /** The usage the metadata frame reported, or null before it. */
    public Usage usage() {
        return usage;
    }

    /** Whether the model's message ended ({@code messageStop} seen). */
    public boolean stopped() {
        return stopped;
    }

    /** The terminal event. */
    public static byte[] done() {
        return "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] toolStart(ConverseEvent event) {
        ObjectNode use = event.payload().path("start").get("toolUse") instanceof ObjectNode u ? u : null;
        if (use == null) {
            return NOTHING;
        }
        int index = toolCalls.size();
        toolCalls.put(event.blockIndex(), index);
        ObjectNode delta = delta();
        ObjectNode call = delta.putArray("tool_calls").addObject();
        call.put("index", index);
        call.put("id", use.path("toolUseId").asText());
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", use.path("name").asText());
        function.put("arguments", "");
        return chunk(delta, null);
    }

    private byte[] contentDelta(ConverseEvent event) {
        var delta = event.payload().path("delta");
        if (delta.path("text").isTextual()) {
            return chunk(delta().put("content", delta.get("text").asText()), null);
        }
        Integer index = toolCalls.get(event.blockIndex());
        if (index != null && delta.path("toolUse").path("input").isTextual()) {
            ObjectNode out = delta();
            ObjectNode call = out.putArray("tool_calls").addObject();
            call.put("index", index);
            call.putObject("function")
                    .put("arguments", delta.path("toolUse").path("input").asText());
            return chunk(out, null);
        }
        return NOTHING;
    }

    private byte[] metadata(ObjectNode payload) {
        usage = ConverseToChat.usage(payload.path("usage"));
        if (!includeUsage || usage == null) {
            return NOTHING;
        }
        ObjectNode chunk = base();
        chunk.putArray("choices");
        chunk.set("usage", ChatShapes.usage(usage));
        return sse(chunk);
    }

    private static byte[] error(ConverseEvent event) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", event.payload().path("message").asText(event.type()));
        error.put("type", BedrockErrors.openAiType(event.type()));
        error.put("code", event.type());
        error.putNull("param");
        return sse(root);
    }

    private byte[] chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = base();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return sse(chunk);
    }

    private ObjectNode base() {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    private static ObjectNode delta() {
        return JSON.createObjectNode();
    }

    private static byte[] sse(ObjectNode json) {
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
