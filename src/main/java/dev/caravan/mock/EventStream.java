package dev.caravan.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.mock.ChatReply.StreamPlan;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a planned chat stream as server-sent events, flushing each and pausing between them. */
final class EventStream {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final MockBehaviour behaviour;
    private boolean first = true;
    private boolean named;

    EventStream(OutputStream out, MockBehaviour behaviour) {
        this.out = out;
        this.behaviour = behaviour;
    }

    /**
     * Writes the plan, or with a cut only the opening and the first {@code cutAfter} pieces.
     *
     * @return whether the whole stream, up to {@code [DONE]}, was written
     */
    boolean write(StreamPlan plan) throws IOException {
        return write(plan, true);
    }

    /**
     * Writes the plan as named events ({@code event: <type>} then {@code data:}), as Anthropic's Messages streams are,
     * with no {@code [DONE]}.
     */
    boolean writeNamed(StreamPlan plan) throws IOException {
        named = true;
        return write(plan, false);
    }

    private boolean write(StreamPlan plan, boolean done) throws IOException {
        List<? extends JsonNode> pieces = plan.pieces();
        if (behaviour.cuts()) {
            pieces = pieces.subList(0, Math.min(behaviour.cutAfter(), pieces.size()));
        }
        sendAll(plan.opening());
        sendAll(pieces);
        if (behaviour.cuts()) {
            return false;
        }
        sendAll(plan.closing());
        if (done) {
            send(DONE);
        }
        return true;
    }

    private void sendAll(List<? extends JsonNode> events) throws IOException {
        for (JsonNode event : events) {
            if (named) {
                out.write(("event: " + event.path("type").asText() + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            send(ChatReply.JSON.writeValueAsBytes(event));
        }
    }

    private void send(byte[] data) throws IOException {
        if (!first) {
            pause(behaviour.chunkDelayMs());
        }
        first = false;
        // One write and one flush per event: each event travels as one HTTP chunk, on its own, so
        // chunk timing and cancellation behave as they would against a real provider.
        out.write(ByteBuffer.allocate(DATA.length + data.length + END_OF_EVENT.length)
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
