package dev.caravan.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import dev.caravan.errors.ApiError;
import dev.caravan.providers.SseEvents;
import dev.caravan.providers.StreamTap;
import dev.caravan.spend.TokenCounter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Cuts an Anthropic Messages event stream at event boundaries, reads the usage of {@code message_start} and
 * {@code message_delta}, holds back {@code message_stop} (and an upstream {@code error}) so that the receipt line can
 * go before it, and hands content block events to a governor when the completion policy is on. The per-stream state
 * of one relay.
 */
public final class MessagesStreamTap implements StreamTap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] STOP =
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n".getBytes(StandardCharsets.US_ASCII);

    private final MessagesStreamGovernor governor;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** The usage as last reported: {@code message_start}'s, updated by every {@code message_delta}. */
    private ObjectNode reported;
    /** True once a {@code message_delta} reported the final counts. */
    private boolean final_;

    private byte[] stopEvent;
    private byte[] upstreamError;

    /** A tap whose content block events pass through {@code governor} (null for an ungoverned stream). */
    public MessagesStreamTap(MessagesStreamGovernor governor) {
        this.governor = governor;
    }

    @Override
    public byte[] feed(byte[] buf, int off, int len) {
        if (ended()) {
            return new byte[0]; // the gateway ended the stream: nothing after that is passed on
        }
        pending.write(buf, off, len);
        byte[] all = pending.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(all.length);
        int start = 0;
        for (int end = SseEvents.eventEnd(all, 0); end > 0 && !ended(); end = SseEvents.eventEnd(all, start)) {
            pass(all, start, end, out);
            start = end;
        }
        pending.reset();
        pending.write(all, start, all.length - start);
        return out.toByteArray();
    }

    /** Passes one event on, rewritten, or holds it back; an event of another shape is first put in the usual one. */
    private void pass(byte[] b, int start, int end, ByteArrayOutputStream out) {
        Event event = Event.read(b, start, end);
        if (event == null) {
            byte[] usual = Event.usual(b, start, end);
            pass(usual, 0, usual.length, out);
            return;
        }
        switch (event.type()) {
            case "message_stop" -> stopEvent = Arrays.copyOfRange(b, start, end);
            case "error" -> upstreamError = Arrays.copyOfRange(b, start, end);
            case "message_start", "message_delta" -> {
                report(event.type(), MessagesStreamGovernor.tree(b, event.dataStart(), event.dataEnd()));
                out.write(b, start, end - start);
            }
            case "content_block_start", "content_block_delta", "content_block_stop" -> {
                if (governor == null) {
                    out.write(b, start, end - start);
                } else {
                    out.writeBytes(governor.rewrite(event.type(), b, start, end, event.dataStart(), event.dataEnd()));
                    if (governor.ended()) {
                        out.writeBytes(refusal());
                    }
                }
            }
            default -> out.write(b, start, end - start); // ping, and event types yet to come
        }
    }

    private void report(String type, ObjectNode data) {
        JsonNode usage = data == null
                ? null
                : type.equals("message_start") ? data.path("message").get("usage") : data.get("usage");
        if (!(usage instanceof ObjectNode counts)) {
            return;
        }
        if (reported == null) {
            reported = JSON.createObjectNode();
        }
        for (Map.Entry<String, JsonNode> count : counts.properties()) {
            if (count.getValue().isNumber()) {
                reported.set(count.getKey(), count.getValue());
            }
        }
        final_ |= type.equals("message_delta");
    }

    /** The {@code message_delta} that ends an answer the policy denied, with the counts known so far. */
    private byte[] refusal() {
        ObjectNode event = JSON.createObjectNode().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", MessagesVerdicts.REFUSAL).putNull("stop_sequence");
        ObjectNode usage = reported != null ? reported.deepCopy() : JSON.createObjectNode();
        if (!usage.has("output_tokens")) {
            usage.put("output_tokens", 0);
        }
        event.set("usage", usage);
        return MessagesStreamGovernor.event("message_delta", event);
    }

    @Override
    public byte[] remainder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (governor != null && !ended() && done()) {
            out.writeBytes(governor.finish()); // a stream cut short drops what was held: it may be half a secret
        }
        out.writeBytes(pending.toByteArray());
        pending.reset();
        return out.toByteArray();
    }

    @Override
    public boolean ended() {
        return governor != null && governor.ended();
    }

    /** The final usage, once a {@code message_delta} reported it; null before (the relay then estimates). */
    @Override
    public Usage usage() {
        return final_ ? MessagesUsage.read(reported) : null;
    }

    @Override
    public boolean done() {
        return stopEvent != null;
    }

    @Override
    public byte[] doneEvent() {
        return stopEvent != null ? stopEvent : STOP.clone();
    }

    /** The upstream's own error event when it sent one, else an {@code event: error} in Anthropic's shape. */
    @Override
    public byte[] errorEvent(ApiError cut, String message) {
        if (upstreamError != null) {
            return upstreamError;
        }
        ObjectNode error = JSON.createObjectNode().put("type", "error");
        error.putObject("error").put("type", cut.anthropicType()).put("message", message);
        return MessagesStreamGovernor.event("error", error);
    }

    @Override
    public void recordInto(CallRecord record) {
        if (governor != null) {
            governor.recordInto(record);
        }
    }

    /**
     * The prompt as {@code message_start} reported it (else the gateway's count) and the tokens of the text and tool
     * input the stream emitted.
     */
    @Override
    public Usage estimatedUsage(byte[] emittedEvents, long promptTokens) {
        StringBuilder text = new StringBuilder();
        int start = 0;
        for (int end = SseEvents.eventEnd(emittedEvents, 0); end > 0; end = SseEvents.eventEnd(emittedEvents, start)) {
            Event event = Event.read(emittedEvents, start, end);
            if (event != null && event.type().equals("content_block_delta")) {
                MessagesDelta delta = MessagesDelta.of(emittedEvents, event.dataStart(), event.dataEnd());
                if (delta != null && delta.text() != null) {
                    text.append(delta.text());
                }
            }
            start = end;
        }
        Usage reportedUsage = reported == null ? null : MessagesUsage.read(reported);
        long prompt = reportedUsage != null ? reportedUsage.promptTokens() : promptTokens;
        long cached = reportedUsage != null ? reportedUsage.cachedTokens() : 0;
        long completion = TokenCounter.count(text.toString());
        return new Usage(prompt, completion, prompt + completion, cached, 0);
    }

    /**
     * An event in the usual shape (an optional {@code event:} line, one {@code data:} line): its type (the
     * {@code event:} line, else the data's {@code "type"}) and where its data lies.
     */
    private record Event(String type, int dataStart, int dataEnd) {
        /** The event in {@code [start, end)}, or null when its data has another shape (several lines, comments). */
        static Event read(byte[] b, int start, int end) {
            int dataStart = SseEvents.singleDataLine(b, start, end);
            if (dataStart < 0) {
                return SseEvents.data(b, start, end) == null ? new Event("", end, end) : null; // no data: passed on
            }
            int dataEnd = dataStart;
            while (dataEnd < end && b[dataEnd] != '\n' && b[dataEnd] != '\r') {
                dataEnd++;
            }
            String name = SseEvents.name(b, start, end);
            if (name == null) {
                ObjectNode data = MessagesStreamGovernor.tree(b, dataStart, dataEnd);
                name = data == null ? "" : data.path("type").asText("");
            }
            return new Event(name.trim(), dataStart, dataEnd);
        }

        /** The event rewritten in the usual shape, its data lines joined (JSON allows a space where a line broke). */
        static byte[] usual(byte[] b, int start, int end) {
            String name = SseEvents.name(b, start, end);
            String data = SseEvents.data(b, start, end).replace('\n', ' ').replace('\r', ' ');
            return ((name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
