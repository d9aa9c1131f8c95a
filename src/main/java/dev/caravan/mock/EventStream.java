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
 * Writes a planned stream as server-sent events, flushing each and pausing between them, in one of the formats the
 * mock speaks ({@link Format}).
 */
final class EventStream {

    /** How the events are framed. */
    enum Format {
        /** Chat Completions: {@code data:} lines ending with {@code data: [DONE]}. */
        CHAT,
        /** Anthropic Messages: an {@code event:} line per event (its {@code type}), no {@code [DONE]}. */
        NAMED,
        /** Responses: as {@link #NAMED}, each event numbered by {@code sequence_number} from 0. */
        NUMBERED
    }

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_NAME = new byte[0];

    private final OutputStream out;
    private final MockBehaviour behaviour;
    private final Format format;
    private boolean first = true;
    private long sequence;

    EventStream(OutputStream out, MockBehaviour behaviour, Format format) {
        this.out = out;
        this.behaviour = behaviour;
        this.format = format;
    }

    /**
     * Writes the plan, or with a cut only the opening and the first {@code cutAfter} pieces.
     *
     * @return whether the whole stream, up to its last event, was written
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
        if (format == Format.CHAT) {
            send(NO_NAME, DONE);
        }
        return true;
    }

    private void sendAll(List<ObjectNode> events) throws IOException {
        for (ObjectNode event : events) {
            if (format == Format.NUMBERED) {
                event.put("sequence_number", sequence++);
            }
            byte[] name = format == Format.CHAT
                    ? NO_NAME
                    : ("event: " + event.path("type").asText() + "\n").getBytes(StandardCharsets.UTF_8);
            send(name, ChatReply.JSON.writeValueAsBytes(event));
        }
    }

    private void send(byte[] name, byte[] data) throws IOException {
        if (!first) {
            pause(behaviour.chunkDelayMs());
        }
        first = false;
        // One write and one flush per event: each event travels as one HTTP chunk, on its own, so
        // chunk timing and cancellation behave as they would against a real provider.
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
