package dev.caravan.http;

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
        HttpEntity entity = response.getEntity();
        return entity == null || entity.getContentType() == null ? "" : entity.getContentType();
    }

    public boolean isEventStream() {
        return status() == 200 && contentType().startsWith("text/event-stream");
    }

    /** Reads the whole body under the total deadline and returns the connection to the pool. */
    public byte[] readAll() {
        try {
            HttpEntity entity = response.getEntity();
            byte[] body = entity == null ? EMPTY : EntityUtils.toByteArray(entity);
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

    /** The body as a stream for relaying; the total deadline no longer applies (streams are bounded by the read timeout). */
    public InputStream openStream() throws IOException {
        deadline.stop();
        client.stop();
        HttpEntity entity = response.getEntity();
        return entity == null ? InputStream.nullInputStream() : entity.getContent();
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
