package dev.caravan.providers.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One frame of a ConverseStream response: an event ({@code messageStart}, {@code contentBlockStart},
 * {@code contentBlockDelta}, {@code contentBlockStop}, {@code messageStop}, {@code metadata}) or an exception
 * ({@code throttlingException}, say), named by its type, with its JSON payload.
 */
public record ConverseEvent(Kind kind, String type, ObjectNode payload) {
    /** The frame's {@code :message-type}. */
    public enum Kind {
        EVENT,
        EXCEPTION,
        /** A frame of {@code :message-type error}: {@code type} is its {@code :error-code}. */
        ERROR
    }

    public static ConverseEvent event(String type, ObjectNode payload) {
        return new ConverseEvent(Kind.EVENT, type, payload);
    }

    public static ConverseEvent exception(String type, ObjectNode payload) {
        return new ConverseEvent(Kind.EXCEPTION, type, payload);
    }

    public boolean is(String eventType) {
        return kind == Kind.EVENT && type.equals(eventType);
    }

    /** The block index of a content-block event, or -1. */
    public int blockIndex() {
        return payload.path("contentBlockIndex").asInt(-1);
    }
}
