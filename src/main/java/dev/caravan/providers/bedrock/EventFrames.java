package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * The AWS event-stream framing of ConverseStream, through the AWS event-stream codec (prelude, headers, CRCs): cuts a
 * byte stream into frames as bytes arrive (by each prelude's length; the codec checks the CRCs), and encodes frames back. The per-stream state of one relay is its decoder.
 */
public final class EventFrames {
    /** The content type of an event-stream response. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The prelude's total length field and the prelude CRC come first in every frame. */
    private static final int PRELUDE = 12;

    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    /** One whole frame: its bytes as received, and what the codec decoded from them (checksums verified). */
    public record Frame(byte[] raw, Message message) {}

    /**
     * Takes bytes read from upstream and returns the whole frames they completed (possibly none); a frame whose
     * checksums do not match throws IllegalArgumentException.
     */
    public List<Frame> feed(byte[] buf, int off, int len) {
        pending.write(buf, off, len);
        if (pending.size() < PRELUDE) {
            return List.of();
        }
        byte[] all = pending.toByteArray();
        List<Frame> out = new ArrayList<>(2);
        int start = 0;
        while (all.length - start >= PRELUDE) {
            int total = java.nio.ByteBuffer.wrap(all, start, 4).getInt();
            if (total < PRELUDE + 4) {
                throw new IllegalArgumentException("an event-stream frame cannot be " + total + " bytes long");
            }
            if (all.length - start < total) {
                break;
            }
            byte[] raw = java.util.Arrays.copyOfRange(all, start, start + total);
            out.add(new Frame(raw, Message.decode(java.nio.ByteBuffer.wrap(raw))));
            start += total;
        }
        pending.reset();
        pending.write(all, start, all.length - start);
        return out;
    }

    /** Whether these bytes begin with one whole frame (the first frame of a stream has arrived). */
    public static boolean holdsWholeFrame(byte[] bytes) {
        return bytes.length >= PRELUDE
                && bytes.length >= java.nio.ByteBuffer.wrap(bytes, 0, 4).getInt();
    }

    /** A frame as a Converse event; a payload that is not a JSON object reads as an empty one. */
    public static ConverseEvent read(Message message) {
        Map<String, HeaderValue> headers = message.getHeaders();
        String messageType = string(headers, ":message-type", "event");
        ObjectNode payload;
        try {
            payload =
                    message.getPayload().length > 0 && JSON.readTree(message.getPayload()) instanceof ObjectNode object
                            ? object
                            : JSON.createObjectNode();
        } catch (IOException e) {
            payload = JSON.createObjectNode();
        }
        return switch (messageType) {
            case "exception" -> ConverseEvent.exception(string(headers, ":exception-type", "exception"), payload);
            case "error" ->
                new ConverseEvent(
                        ConverseEvent.Kind.ERROR,
                        string(headers, ":error-code", "error"),
                        payload.put("message", string(headers, ":error-message", "")));
            default -> ConverseEvent.event(string(headers, ":event-type", ""), payload);
        };
    }

    /** One frame, as Bedrock sends it: typed headers, then the JSON payload. */
    public static byte[] encode(ConverseEvent event) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        switch (event.kind()) {
            case EXCEPTION -> {
                headers.put(":exception-type", HeaderValue.fromString(event.type()));
                headers.put(":content-type", HeaderValue.fromString("application/json"));
                headers.put(":message-type", HeaderValue.fromString("exception"));
            }
            case ERROR -> {
                headers.put(":error-code", HeaderValue.fromString(event.type()));
                headers.put(
                        ":error-message",
                        HeaderValue.fromString(event.payload().path("message").asText("")));
                headers.put(":message-type", HeaderValue.fromString("error"));
            }
            default -> {
                headers.put(":event-type", HeaderValue.fromString(event.type()));
                headers.put(":content-type", HeaderValue.fromString("application/json"));
                headers.put(":message-type", HeaderValue.fromString("event"));
            }
        }
        byte[] payload;
        try {
            payload = event.kind() == ConverseEvent.Kind.ERROR ? new byte[0] : JSON.writeValueAsBytes(event.payload());
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        java.nio.ByteBuffer frame = new Message(headers, payload).toByteBuffer();
        byte[] out = new byte[frame.remaining()];
        frame.get(out);
        return out;
    }

    private static String string(Map<String, HeaderValue> headers, String name, String otherwise) {
        HeaderValue value = headers.get(name);
        return value == null ? otherwise : value.getString();
    }
}
