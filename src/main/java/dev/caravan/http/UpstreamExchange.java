package dev.caravan.http;

import dev.caravan.providers.bedrock.EventFrames;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * One upstream answer as the caller gets it: its head, and either its whole body or, for an event stream, a relay
 * that took it over at its first event (see {@link StreamStarter}).
 */
public final class UpstreamExchange {
    private static final byte[] EMPTY = new byte[0];

    private final UpstreamCall call;
    private final int status;
    private final HttpHeaders headers;
    private final long answeredNanos;
    private byte[] body;
    private String contentType;

    UpstreamExchange(UpstreamCall call, int status, HttpHeaders headers, long answeredNanos) {
        this.call = call;
        this.status = status;
        this.headers = headers;
        this.answeredNanos = answeredNanos;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** When the response head arrived ({@link System#nanoTime()}). */
    public long answeredNanos() {
        return answeredNanos;
    }

    /** The response's content type, or empty when it has none. */
    public String contentType() {
        if (contentType == null) {
            contentType = headers.get(HttpHeaderNames.CONTENT_TYPE, "");
        }
        return contentType;
    }

    /** Whether the answer is a stream: server-sent events, or AWS event-stream frames (Bedrock's ConverseStream). */
    public boolean isEventStream() {
        return status == 200 && (contentType().startsWith("text/event-stream") || isAwsEventStream());
    }

    private boolean isAwsEventStream() {
        return contentType().startsWith(EventFrames.CONTENT_TYPE);
    }

    void bodyRead(byte[] read) {
        this.body = read;
    }

    /** The whole body of an answer that is not a stream (empty for a stream, which its relay took over). */
    public byte[] readAll() {
        return body == null ? EMPTY : body;
    }

    /** Replaces a fully read body (and its content type) with what the client sees: a translated answer. */
    public void replaceBody(byte[] translated, String translatedType) {
        this.body = translated;
        this.contentType = translatedType;
    }

    /** Whether the bytes read so far hold a whole event of this stream's kind. */
    boolean holdsFirstEvent(byte[] read) {
        return isAwsEventStream() ? EventFrames.holdsWholeFrame(read) : holdsWholeEvent(read);
    }

    /** Whether a whole server-sent event carrying data has arrived; comment lines (keep-alives) do not count. */
    static boolean holdsWholeEvent(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        int start = 0;
        while (end >= 0) {
            String event = "\n" + text.substring(start, end);
            if (event.contains("\ndata:")) {
                return true;
            }
            start = end + 2;
            end = text.indexOf("\n\n", start);
        }
        return false;
    }

    /** A response header's value, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** Ends a stream that was read to its end, keeping the connection for the next call. */
    public void release() {
        call.onLoop(call::release);
    }

    /** Drops the connection at once, without reading what the upstream still sends. */
    public void abort() {
        call.onLoop(call::abort);
    }

    /** Stops reading the stream until {@link #resume()}: the client is slower than the upstream. */
    public void pause() {
        call.onLoop(call::pause);
    }

    public void resume() {
        call.onLoop(call::resume);
    }

    /** Whether the call failed on its total deadline. */
    public boolean expired() {
        return call.expired();
    }
}
