package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.CallRecord;
import dev.caravan.call.Usage;
import dev.caravan.errors.ApiError;
import dev.caravan.providers.SseEvents;
import dev.caravan.providers.StreamTap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a Chat Completions SSE byte stream at event boundaries, reads the usage chunk and hides it when the gateway
 * (not the client) asked for it, and notices {@code [DONE]}. The per-stream state of one relay.
 */
public final class ChatStreamTap implements StreamTap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USAGE_KEY = "\"usage\"".getBytes(StandardCharsets.US_ASCII);

    private final boolean hideUsageChunk;
    private final ChatStreamGovernor governor;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Usage usage;
    private byte[] doneEvent;

    public ChatStreamTap(boolean hideUsageChunk) {
        this(hideUsageChunk, null);
    }

    /** A tap whose events also pass through a governor (null for an ungoverned stream). */
    public ChatStreamTap(boolean hideUsageChunk, ChatStreamGovernor governor) {
        this.hideUsageChunk = hideUsageChunk;
        this.governor = governor;
    }

    /** Takes bytes read from upstream and returns the complete events to pass on (possibly none). */
    @Override
    public byte[] feed(byte[] buf, int off, int len) {
        pending.write(buf, off, len);
        byte[] all = pending.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(all.length);
        int start = 0;
        for (int end = SseEvents.eventEnd(all, 0); end > 0; end = SseEvents.eventEnd(all, start)) {
            if (ended()) {
                break; // the gateway ended the stream: nothing after that is passed on
            }
            if (!inspect(all, start, end)) {
                if (governor == null) {
                    out.write(all, start, end - start);
                } else {
                    out.writeBytes(governor.rewrite(all, start, end));
                }
            }
            start = end;
        }
        pending.reset();
        pending.write(all, start, all.length - start);
        return out.toByteArray();
    }

    /**
     * At the upstream's end: whatever followed the last complete event (normally nothing), after the text a governed
     * stream still held when the upstream ended it properly.
     */
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

    /** True once the gateway's policy ended the stream (every choice denied). */
    @Override
    public boolean ended() {
        return governor != null && governor.ended();
    }

    public ChatStreamGovernor governor() {
        return governor;
    }

    @Override
    public Usage usage() {
        return usage;
    }

    /** Whether the upstream ended the stream properly with {@code data: [DONE]}. */
    @Override
    public boolean done() {
        return doneEvent != null;
    }

    /**
     * The {@code data: [DONE]} event, held back from {@link #feed} so the relay can put the receipt line before it;
     * made up when the gateway ended the stream before the upstream did.
     */
    @Override
    public byte[] doneEvent() {
        return doneEvent != null ? doneEvent : DONE.clone();
    }

    @Override
    public byte[] errorEvent(ApiError cut, String message) {
        return errorEvent(cut.openAiType(), cut.openAiCode(), message);
    }

    @Override
    public void recordInto(CallRecord record) {
        if (governor != null) {
            governor.recordInto(record);
        }
    }

    /** The error event that ends a stream the upstream cut, as the official SDKs raise it. */
    public static byte[] errorEvent(String type, String code, String message) {
        var root = JSON.createObjectNode();
        var error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        error.putNull("param");
        return ("data: " + root + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Returns true when the event must not be passed on now (the hidden usage chunk, or the held-back done event). */
    private boolean inspect(byte[] b, int start, int end) {
        if (isDone(b, start, end)) {
            doneEvent = java.util.Arrays.copyOfRange(b, start, end);
            return true;
        }
        int key = indexOf(b, start, end, USAGE_KEY);
        if (key < 0 || !objectFollows(b, key + USAGE_KEY.length, end)) {
            return false;
        }
        JsonNode chunk = parseData(b, start, end);
        Usage found = chunk == null ? null : ChatUsage.of(chunk);
        if (found == null) {
            return false;
        }
        usage = found;
        return hideUsageChunk
                && chunk.path("choices").isArray()
                && chunk.path("choices").isEmpty();
    }

    private static boolean isDone(byte[] b, int start, int end) {
        String event = new String(b, start, Math.min(end - start, 24), StandardCharsets.US_ASCII).strip();
        return event.equals("data: [DONE]") || event.equals("data:[DONE]");
    }

    private static boolean objectFollows(byte[] b, int from, int end) {
        int i = from;
        while (i < end && (b[i] == ' ' || b[i] == ':' || b[i] == '\t')) {
            i++;
        }
        return i < end && b[i] == '{';
    }

    /** The JSON of an event's data lines, or null when it is not JSON. */
    static JsonNode parseData(byte[] b, int start, int end) {
        int json = singleDataLine(b, start, end);
        if (json >= 0) {
            try {
                return JSON.readTree(b, json, end - json);
            } catch (IOException e) {
                return null;
            }
        }
        StringBuilder data = new StringBuilder();
        for (String line : new String(b, start, end - start, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.startsWith("data:")) {
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
        try {
            return JSON.readTree(data.toString());
        } catch (IOException e) {
            return null;
        }
    }

    /** Where the data starts when the event is one {@code data:} line (as every chat chunk is), or -1. */
    static int singleDataLine(byte[] b, int start, int end) {
        if (end - start < 6
                || b[start] != 'd'
                || b[start + 1] != 'a'
                || b[start + 2] != 't'
                || b[start + 3] != 'a'
                || b[start + 4] != ':') {
            return -1;
        }
        int body = b[start + 5] == ' ' ? start + 6 : start + 5;
        for (int i = body; i < end; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                for (int j = i; j < end; j++) {
                    if (b[j] != '\n' && b[j] != '\r') {
                        return -1;
                    }
                }
                return body;
            }
        }
        return body;
    }

    private static int indexOf(byte[] b, int start, int end, byte[] needle) {
        outer:
        for (int i = start; i <= end - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
