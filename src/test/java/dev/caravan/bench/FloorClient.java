package dev.caravan.bench;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;

/** The upstream client of the floor proxies: a pooled Apache HttpClient with TCP_NODELAY, as Caravan's. */
final class FloorClient {
    private FloorClient() {}

    static CloseableHttpClient pooled() {
        return HttpClients.custom().setConnectionManager(connections()).build();
    }

    /** The same pool behind Apache's minimal client: no retry, redirect or protocol exec chain. */
    static CloseableHttpClient minimal() {
        return HttpClients.createMinimal(connections());
    }

    private static org.apache.hc.client5.http.io.HttpClientConnectionManager connections() {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(256)
                .setMaxConnTotal(256)
                .setDefaultSocketConfig(
                        SocketConfig.custom().setTcpNoDelay(true).build())
                .build();
    }
}
