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
 * Sends a request again, once and at once, when the pooled connection it went out on had been closed by the upstream
 * while it sat idle: nothing came back, and that connection had already answered before, so the upstream dropped it
 * rather than read the request. This replaces the pool's check of idle connections, which waits up to a millisecond
 * on every healthy one. A request on a fresh connection is never sent twice.
 */
final class ReusedConnectionRetry implements HttpRequestRetryStrategy {
    @Override
    public boolean retryRequest(HttpRequest request, IOException failure, int execCount, HttpContext context) {
        if (execCount > 1 || !(failure instanceof NoHttpResponseException || failure instanceof SocketException)) {
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
