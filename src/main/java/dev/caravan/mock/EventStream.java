package dev.caravan.mock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.mock.ChatReply.StreamPlan;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a planned stream as server-sent events, flushing each and pausing between them: a chat stream as
 * {@code data:} lines ending with {@code [DONE]}, or a typed stream (Responses) with an {@code event:} line per event,
 * numbered by {@code sequence_number} (Anthropic Messages: not numbered), and no {@code [DONE]}.
 */
final class EventStream {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final MockBehaviour behaviour;
    /** How events are framed: chat's bare {@code data:} lines ending in {@code [DONE]}; Responses' named events
     * numbered by {@code sequence_number}; Anthropic Messages' named events. */
    enum Framing {
        CHAT,
        RESPONSES,
        MESSAGES
    }

    private final Framing framing;
    private boolean first = true;
    private long sequence;

    EventStream(OutputStream out, MockBehaviour behaviour, Framing framing) {
        this.out = out;
        this.behaviour = behaviour;
        this.framing = framing;
    }

    /**
     * Writes the plan, or with a cut only the opening and the first {@code cutAfter} pieces.
     *
     * @return whether the whole stream, up to {@code [DONE]}, was written
     */
    boolean write(StreamPlan plan) throws IOException {
        List<ObjectNode> pieces = plan.pieces();
        if (behaviour.cuts()) {
            pieces = pieces.subList(0, Math.min(behaviour.cutAfter(), pieces.size()));
        }
        sendAll(plan.opening());
        sendAll(pieces);
        if (behaviour.cuts()) {
            return false;
        }
        sendAll(plan.closing());
        if (framing == Framing.CHAT) {
            send(null, DONE);
        }
        return true;
    }

    private void sendAll(List<ObjectNode> events) throws IOException {
        for (ObjectNode event : events) {
            if (framing == Framing.RESPONSES) {
                event.put("sequence_number", sequence++);
            }
            send(framing == Framing.CHAT ? null : event.path("type").asText(), ChatReply.JSON.writeValueAsBytes(event));
        }
    }

    private void send(String type, byte[] data) throws IOException {
        if (!first) {
            pause(behaviour.chunkDelayMs());
        }
        first = false;
        // One write and one flush per event: each event travels as one HTTP chunk, on its own, so
        // chunk timing and cancellation behave as they would against a real provider.
        byte[] name = type == null ? new byte[0] : ("event: " + type + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(ByteBuffer.allocate(name.length + DATA.length + data.length + END_OF_EVENT.length)
                .put(name)
                .put(DATA)
                .put(data)
                .put(END_OF_EVENT)
                .array());
        out.flush();
    }

    static void pause(long millis) throws InterruptedIOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("mock upstream is stopping");
        }
    }
}
