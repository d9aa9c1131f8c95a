package dev.caravan.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a Chat Completions SSE byte stream at event boundaries, reads the usage chunk and hides it when the gateway
 * (not the client) asked for it, and notices {@code [DONE]}. The per-stream state of one relay.
 */
public final class ChatStreamTap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] USAGE_KEY = "\"usage\"".getBytes(StandardCharsets.US_ASCII);

    private final boolean hideUsageChunk;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Usage usage;
    private byte[] doneEvent;

    public ChatStreamTap(boolean hideUsageChunk) {
        this.hideUsageChunk = hideUsageChunk;
    }

    /** Takes bytes read from upstream and returns the complete events to pass on (possibly none). */
    public byte[] feed(byte[] buf, int off, int len) {
        pending.write(buf, off, len);
        byte[] all = pending.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(all.length);
        int start = 0;
        for (int end = eventEnd(all, 0); end > 0; end = eventEnd(all, start)) {
            if (!inspect(all, start, end)) {
                out.write(all, start, end - start);
            }
            start = end;
        }
        pending.reset();
        pending.write(all, start, all.length - start);
        return out.toByteArray();
    }

    /** Whatever followed the last complete event (normally nothing). */
    public byte[] remainder() {
        byte[] rest = pending.toByteArray();
        pending.reset();
        return rest;
    }

    public Usage usage() {
        return usage;
    }

    /** Whether the upstream ended the stream properly with {@code data: [DONE]}. */
    public boolean done() {
        return doneEvent != null;
    }

    /**
     * The {@code data: [DONE]} event, held back from {@link #feed} so the relay can put the receipt line before it;
     * null until it arrived.
     */
    public byte[] doneEvent() {
        return doneEvent;
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

    private static JsonNode parseData(byte[] b, int start, int end) {
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

    /** The index just past the blank line that ends the event starting at {@code from}, or -1. */
    private static int eventEnd(byte[] b, int from) {
        for (int i = from; i < b.length - 1; i++) {
            if (b[i] == '\n') {
                if (b[i + 1] == '\n') {
                    return i + 2;
                }
                if (b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
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
