package dev.caravan.http;

import dev.caravan.config.Settings;
import dev.caravan.errors.ApiError;
import dev.caravan.errors.GatewayException;
import io.netty.channel.Channel;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/** Sends one request to an upstream over a pooled HTTP/1.1 client, with connect, read and total deadlines. */
public final class UpstreamClient implements Closeable {
    private final CloseableHttpClient client;
    private final TotalDeadlines deadlines;

    public UpstreamClient(Settings settings, DnsResolver dns) {
        Timeout read = Timeout.of(settings.readTimeout());
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(dns)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setTcpNoDelay(true)
                        .setSoTimeout(read)
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(read)
                        // No check of idle connections before reuse (it waits up to 1 ms on each healthy one):
                        // one the upstream closed meanwhile is replaced by ReusedConnectionRetry.
                        .setValidateAfterInactivity(TimeValue.NEG_ONE_MILLISECOND)
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(read)
                        .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                        .build())
                .disableRedirectHandling()
                .setRetryStrategy(new ReusedConnectionRetry(settings.maxConnections()))
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .evictExpiredConnections()
                .build();
        this.deadlines = new TotalDeadlines(settings.totalTimeout().toMillis());
    }

    /**
     * POSTs the body and returns once the response headers arrived; the body is left open for the caller to
     * read whole or relay as a stream. Connection failures become 502, timeouts 504; a client that hangs up
     * meanwhile cancels the request.
     */
    public UpstreamExchange post(URI url, Map<String, String> headers, byte[] body, Channel clientChannel) {
        return post(url, headers, body, clientChannel, null);
    }

    /**
     * As {@link #post(URI, Map, byte[], Channel)}, with this call's own total timeout (a route's) instead of the
     * gateway's; for a stream it runs until the first event, see {@link UpstreamExchange#awaitFirstEvent()}.
     */
    public UpstreamExchange post(
            URI url, Map<String, String> headers, byte[] body, Channel clientChannel, Duration total) {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        TotalDeadlines.Deadline deadline =
                total == null ? deadlines.start(post) : deadlines.start(post, total.toNanos());
        ClientWatch client = ClientWatch.start(clientChannel, post);
        try {
            ClassicHttpResponse response = this.client.executeOpen(null, post, null);
            return new UpstreamExchange(post, response, deadline, client);
        } catch (IOException | RuntimeException e) {
            deadline.stop();
            client.stop();
            throw failure(e, deadline.expired(), client.gone());
        }
    }

    /** Maps an I/O failure talking to the upstream to the gateway error the client sees. */
    static GatewayException failure(Exception e, boolean totalDeadlineExpired, boolean clientGone) {
        if (clientGone) {
            return new GatewayException(ApiError.CLIENT_CLOSED_REQUEST, "the client closed the connection", e);
        }
        if (totalDeadlineExpired) {
            return new GatewayException(
                    ApiError.UPSTREAM_TIMEOUT, "the upstream did not answer within the total timeout", e);
        }
        if (e instanceof ConnectTimeoutException) {
            return new GatewayException(ApiError.UPSTREAM_TIMEOUT, "connecting to the upstream timed out", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new GatewayException(
                    ApiError.UPSTREAM_TIMEOUT, "the upstream did not answer within the read timeout", e);
        }
        return new GatewayException(ApiError.UPSTREAM_UNREACHABLE, "the upstream could not be reached", e);
    }

    @Override
    public void close() throws IOException {
        deadlines.close();
        client.close();
    }
}
