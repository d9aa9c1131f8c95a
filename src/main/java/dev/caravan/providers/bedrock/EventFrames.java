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
import software.amazon.eventstream.MessageDecoder;

/**
 * The AWS event-stream framing of ConverseStream, through the AWS event-stream codec (prelude, headers, CRCs): cuts a
 * byte stream into frames as bytes arrive, and encodes frames back. The per-stream state of one relay is its decoder.
 */
public final class EventFrames {
    /** The content type of an event-stream response. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Message> decoded = new ArrayList<>();
    private final MessageDecoder decoder = new MessageDecoder(decoded::add);

    /** Takes bytes read from upstream and returns the whole frames they completed (possibly none). */
    public List<Message> feed(byte[] buf, int off, int len) {
        decoder.feed(buf, off, len);
        if (decoded.isEmpty()) {
            return List.of();
        }
        List<Message> out = List.copyOf(decoded);
        decoded.clear();
        return out;
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
