package dev.caravan.http;

import dev.caravan.providers.bedrock.EventFrames;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** One upstream response whose headers have arrived and whose body is still open. */
public final class UpstreamExchange {
    private static final byte[] EMPTY = new byte[0];

    private final HttpPost request;
    private final ClassicHttpResponse response;
    private final TotalDeadlines.Deadline deadline;
    private final ClientWatch client;
    private byte[] body;
    private byte[] firstEvents;
    private InputStream stream;
    private String contentType;

    UpstreamExchange(
            HttpPost request, ClassicHttpResponse response, TotalDeadlines.Deadline deadline, ClientWatch client) {
        this.request = request;
        this.response = response;
        this.deadline = deadline;
        this.client = client;
    }

    public int status() {
        return response.getCode();
    }

    public Header[] headers() {
        return response.getHeaders();
    }

    /** The response's content type, or empty when it has none. */
    public String contentType() {
        if (contentType != null) {
            return contentType;
        }
        HttpEntity entity = response.getEntity();
        return entity == null || entity.getContentType() == null ? "" : entity.getContentType();
    }

    /** Whether the answer is a stream: server-sent events, or AWS event-stream frames (Bedrock's ConverseStream). */
    public boolean isEventStream() {
        return status() == 200 && (contentType().startsWith("text/event-stream") || isAwsEventStream());
    }

    private boolean isAwsEventStream() {
        return contentType().startsWith(EventFrames.CONTENT_TYPE);
    }

    /** Reads the whole body under the total deadline and returns the connection to the pool; read once, kept. */
    public byte[] readAll() {
        if (body != null) {
            return body;
        }
        try {
            HttpEntity entity = response.getEntity();
            body = entity == null ? EMPTY : EntityUtils.toByteArray(entity);
            response.close();
            return body;
        } catch (IOException | RuntimeException e) {
            abort();
            throw UpstreamClient.failure(e, deadline.expired(), client.gone());
        } finally {
            deadline.stop();
            client.stop();
        }
    }

    /** Replaces a fully read body (and its content type) with what the client sees: a translated answer. */
    public void replaceBody(byte[] translated, String translatedType) {
        readAll();
        this.body = translated;
        this.contentType = translatedType;
    }

    /**
     * Reads an event stream until its first whole event has arrived, still under the total deadline: until then the
     * call can fail over. False when the stream ended first; an I/O failure or the deadline throws the gateway error.
     */
    public boolean awaitFirstEvent() {
        try {
            InputStream in = content();
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n != -1; n = in.read(buf)) {
                head.write(buf, 0, n);
                byte[] bytes = head.toByteArray();
                if (isAwsEventStream() ? EventFrames.holdsWholeFrame(bytes) : holdsWholeEvent(bytes)) {
                    firstEvents = head.toByteArray();
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            abort();
            throw UpstreamClient.failure(e, deadline.expired(), client.gone());
        }
    }

    /**
     * The bytes read while awaiting the first event (empty when none were awaited), handed over once: the stream
     * opened afterwards starts after them.
     */
    public byte[] takeAwaited() {
        byte[] awaited = firstEvents == null ? EMPTY : firstEvents;
        firstEvents = null;
        return awaited;
    }

    /**
     * The body as a stream for relaying (the first events first, if they were awaited and not taken); the total
     * deadline no longer applies (streams are bounded by the read timeout).
     */
    public InputStream openStream() throws IOException {
        deadline.stop();
        client.stop();
        InputStream rest = content();
        return firstEvents == null
                ? rest
                : new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(firstEvents), rest);
    }

    private InputStream content() throws IOException {
        if (stream == null) {
            HttpEntity entity = response.getEntity();
            stream = entity == null ? InputStream.nullInputStream() : entity.getContent();
        }
        return stream;
    }

    /** Whether a whole event carrying data has arrived; comment lines (keep-alives) do not count. */
    static boolean holdsWholeEvent(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
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
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /** Ends a fully read stream, returning the connection to the pool. */
    public void release() {
        try {
            response.close();
        } catch (IOException e) {
            abort();
        }
    }

    /** Drops the connection at once, without draining what the upstream still sends. */
    public void abort() {
        deadline.stop();
        client.stop();
        request.cancel();
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is already discarded by cancel(); nothing is left to release
        }
    }

    /** Whether a failure was caused by the total deadline. */
    public boolean expired() {
        return deadline.expired();
    }
}
