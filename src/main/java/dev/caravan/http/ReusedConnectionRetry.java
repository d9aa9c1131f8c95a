package dev.caravan.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Sends a request again, at once, when the pooled connection it went out on had been closed by the upstream while it
 * sat idle: nothing came back, and that connection had already answered before, so the upstream dropped it rather
 * than read the request. The failed connection is discarded, and the next attempt may draw another one the upstream
 * closed at the same time (an idle timeout strikes every connection of a burst), so it goes again for as long as the
 * failures are of that kind, at most once per pooled connection. This replaces the pool's check of idle connections,
 * which waits up to a millisecond on every healthy one. A request on a fresh connection is never sent twice.
 */
final class ReusedConnectionRetry implements HttpRequestRetryStrategy {
    private final int maxPooled;

    /** {@code maxPooled}: the most connections the pool holds, so the most stale ones an attempt can draw. */
    ReusedConnectionRetry(int maxPooled) {
        this.maxPooled = maxPooled;
    }

    @Override
    public boolean retryRequest(HttpRequest request, IOException failure, int execCount, HttpContext context) {
        if (execCount > maxPooled
                || !(failure instanceof NoHttpResponseException || failure instanceof SocketException)) {
            return false;
        }
        if (failure instanceof ConnectException) {
            return false;
        }
        EndpointDetails connection = HttpCoreContext.castOrCreate(context).getEndpointDetails();
        return connection != null && connection.getResponseCount() > 0;
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
