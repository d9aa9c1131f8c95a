package dev.caravan.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the {@code chat.completion.chunk} SSE events of one translated stream (its id, model and time once set). */
public final class ChatChunks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final long created;
    private String id;
    private String model;
    /** The chunk whose delta a caller is still filling: written by the next write or by take. */
    private ObjectNode pending;

    public ChatChunks(String id, String model, long created) {
        this.id = id;
        this.model = model;
        this.created = created;
    }

    /** Names the stream once the provider said its id and model (null keeps what was set). */
    public void identify(String id, String model) {
        if (id != null && !id.isEmpty()) {
            this.id = id;
        }
        if (model != null && !model.isEmpty()) {
            this.model = model;
        }
    }

    /** The first chunk of a choice: the assistant role and empty content. */
    public void role(int choice) {
        ObjectNode delta = delta(choice, null);
        delta.put("role", "assistant");
        delta.put("content", "");
    }

    public void content(int choice, String text) {
        delta(choice, null).put("content", text);
    }

    /** A tool call's first chunk: its id, name and empty arguments. */
    public void toolCall(int choice, int index, String callId, String name, String arguments) {
        ObjectNode call = toolCallDelta(choice, index);
        call.put("id", callId);
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", name);
        function.put("arguments", arguments);
    }

    public void toolArguments(int choice, int index, String part) {
        toolCallDelta(choice, index).putObject("function").put("arguments", part);
    }

    public void finish(int choice, String reason) {
        delta(choice, reason);
    }

    /** The usage chunk: no choices, the usage the provider reported. */
    public void usage(Usage usage) {
        ObjectNode chunk = chunk();
        chunk.putArray("choices");
        chunk.set("usage", ChatShapes.usage(usage));
        write(chunk);
    }

    public void done() {
        flush();
        out.writeBytes(DONE);
    }

    /** An error event as the official SDKs raise it mid-stream. */
    public void error(ObjectNode openAiError) {
        flush();
        write(openAiError);
    }

    /** The events written since the last call, and forgets them. */
    public byte[] take() {
        flush();
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    private ObjectNode toolCallDelta(int choice, int index) {
        ArrayNode calls = delta(choice, null).putArray("tool_calls");
        ObjectNode call = calls.addObject();
        call.put("index", index);
        return call;
    }

    /** Starts a one-choice chunk and answers its delta, for the caller to fill. */
    private ObjectNode delta(int choice, String finishReason) {
        ObjectNode chunk = chunk();
        ObjectNode entry = chunk.putArray("choices").addObject();
        entry.put("index", choice);
        ObjectNode delta = entry.putObject("delta");
        entry.putNull("logprobs");
        if (finishReason == null) {
            entry.putNull("finish_reason");
        } else {
            entry.put("finish_reason", finishReason);
        }
        pending = chunk;
        return delta;
    }

    private ObjectNode chunk() {
        flush();
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    private void flush() {
        if (pending != null) {
            ObjectNode chunk = pending;
            pending = null;
            write(chunk);
        }
    }

    private void write(ObjectNode node) {
        out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
        try {
            out.writeBytes(JSON.writeValueAsBytes(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
    }
}
