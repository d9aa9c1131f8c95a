package dev.caravan.http;

/** Takes over an upstream event stream at its first whole event, on the event loop that reads it. */
@FunctionalInterface
public interface StreamStarter {
    /**
     * Starts relaying: {@code firstEvents} are the bytes read so far (at least one whole event); what the upstream
     * sends next goes to the returned sink, on the same event loop.
     */
    StreamSink start(UpstreamExchange upstream, byte[] firstEvents);
}
