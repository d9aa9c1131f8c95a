package dev.caravan.providers;

import java.util.List;

/** Cuts a provider's stream into whole events as bytes arrive: SSE for most, AWS event-stream frames for Bedrock. */
public interface NativeEvents {
    /** The whole events these bytes complete, in order; an incomplete tail waits for the next bytes. */
    List<SseReader.Event> feed(byte[] buf, int off, int len);
}
