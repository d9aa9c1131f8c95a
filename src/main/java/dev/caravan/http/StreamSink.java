package dev.caravan.http;

/** Receives the rest of an upstream event stream on its event loop; it must not block. */
public interface StreamSink {
    /** The next bytes, as they arrived. */
    void onBytes(byte[] bytes);

    /** The upstream ended the response. */
    void onEnd();

    /** The connection failed, was cut, or stayed silent past the read timeout ({@code timedOut}). */
    void onFailure(boolean timedOut);
}
