package dev.caravan.providers;

import java.util.List;

/** Cuts a provider's stream into whole events as bytes arrive: SSE for most, AWS event-stream frames for Bedrock. */
public interface NativeEvents {
    /** One event: its type (the SSE {@code event:} name or the frame's event type; null when unnamed) and its data. */
    record Event(String type, String data) {}

    /** The whole events these bytes complete, in order; an incomplete tail waits for the next bytes. */
    List<Event> feed(byte[] buf, int off, int len);
}
