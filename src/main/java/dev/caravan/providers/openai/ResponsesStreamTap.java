package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import dev.caravan.errors.ApiError;
import dev.caravan.providers.JsonBody;
import dev.caravan.providers.SseEvents;
import dev.caravan.providers.StreamTap;
import dev.caravan.spend.TokenCounter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Cuts a Responses SSE byte stream ({@code event:} and {@code data:} lines, no {@code [DONE]}) at event boundaries,
 * holds back its terminal event ({@code response.completed}, {@code response.incomplete} or {@code response.failed})
 * so the receipt line can go just before it, and reads the usage from it. The per-stream state of one relay.
 */
public final class ResponsesStreamTap implements StreamTap {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    private final ResponsesStreamGovernor governor;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Usage usage;
    private byte[] terminal;
    /** Events passed on, which numbers the error event of an ungoverned stream. */
    private long passed;

    /** A tap whose events also pass through a governor (null for an ungoverned stream). */
    public ResponsesStreamTap(ResponsesStreamGovernor governor) {
        this.governor = governor;
    }

    @Override
    public byte[] feed(byte[] buf, int off, int len) {
        pending.write(buf, off, len);
        byte[] all = pending.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(all.length);
        int start = 0;
        for (int end = SseEvents.eventEnd(all, 0); end > 0 && !ended(); end = SseEvents.eventEnd(all, start)) {
            String name = SseEvents.name(all, start, end);
            if (name != null && TERMINAL.contains(name) || name == null && terminal(all, start, end)) {
                hold(all, start, end);
            } else if (governor == null) {
                out.write(all, start, end - start);
                passed++;
            } else {
                out.writeBytes(governor.rewrite(all, start, end, name));
            }
            start = end;
        }
        pending.reset();
        pending.write(all, start, all.length - start);
        return out.toByteArray();
    }

    /** At the upstream's end: whatever followed the last complete event (normally nothing). */
    @Override
    public byte[] remainder() {
        byte[] rest = pending.toByteArray();
        pending.reset();
        return rest;
    }

    @Override
    public boolean ended() {
        return governor != null && governor.ended();
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public boolean done() {
        return terminal != null;
    }

    /** The upstream's terminal event (governed: with the released texts); made up when the policy ended the stream. */
    @Override
    public byte[] doneEvent() {
        if (terminal != null) {
            return terminal;
        }
        return governor != null ? governor.incomplete() : new ResponsesStreamGovernor(null).incomplete();
    }

    /**
     * An {@code error} event as the Responses API sends one ({@code type}, {@code code}, {@code message}, {@code param},
     * {@code sequence_number}), carrying the {@code error} object too, which is what makes the official SDKs raise it.
     */
    @Override
    public byte[] errorEvent(ApiError cut, String message) {
        ObjectNode event = JSON.createObjectNode()
                .put("type", "error")
                .put("code", cut.openAiCode())
                .put("message", message);
        event.putNull("param");
        event.put("sequence_number", governor != null ? governor.next() : passed);
        ObjectNode error = event.putObject("error")
                .put("message", message)
                .put("type", cut.openAiType())
                .put("code", cut.openAiCode());
        error.putNull("param");
        return event("error", event);
    }

    @Override
    public void recordInto(CallRecord record) {
        if (governor != null) {
            governor.recordInto(record);
        }
    }

    /** The tokens of the text and arguments a stream without a terminal event emitted. */
    @Override
    public Usage estimatedUsage(byte[] emitted, long promptTokens) {
        StringBuilder text = new StringBuilder();
        int start = 0;
        for (int end = SseEvents.eventEnd(emitted, 0); end > 0; end = SseEvents.eventEnd(emitted, start)) {
            ObjectNode event = parse(emitted, start, end);
            String type = event == null ? "" : event.path("type").asText("");
            if (type.equals(ResponsesStreamGovernor.TEXT_DELTA)
                    || type.equals(ResponsesStreamGovernor.ARGUMENTS_DELTA)) {
                text.append(event.path("delta").asText(""));
            }
            start = end;
        }
        long completion = TokenCounter.count(text.toString());
        return new Usage(promptTokens, completion, promptTokens + completion, 0, 0);
    }

    private void hold(byte[] b, int start, int end) {
        ObjectNode event = parse(b, start, end);
        if (event != null) {
            usage = ResponsesUsage.of(event.path("response"));
        }
        terminal = governor == null || event == null ? Arrays.copyOfRange(b, start, end) : governor.terminal(event);
    }

    private static boolean terminal(byte[] b, int start, int end) {
        ObjectNode event = parse(b, start, end);
        return event != null && TERMINAL.contains(event.path("type").asText(""));
    }

    /** The JSON object of an event's data, or null when it is not one. */
    static ObjectNode parse(byte[] b, int start, int end) {
        try {
            int json = SseEvents.singleDataLine(b, start, end);
            JsonNode tree = json >= 0
                    ? JSON.readTree(b, json, end - json)
                    : JSON.readTree(String.valueOf(SseEvents.data(b, start, end)));
            return tree instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** One event in the Responses format: its type as the {@code event:} line, the JSON as one {@code data:} line. */
    static byte[] event(String type, ObjectNode data) {
        byte[] json = JsonBody.write(data);
        byte[] head = ("event: " + type + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head, head.length + json.length + 2);
        System.arraycopy(json, 0, out, head.length, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }
}
