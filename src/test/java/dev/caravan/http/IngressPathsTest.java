package dev.caravan.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which route answers which path on the gateway's one port, with the exact-path index in front of Camel's matching. */
class IngressPathsTest {
    static MockUpstream mock;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0);
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
    }

    static HttpResponse<String> chat(String path) {
        HttpRequest request = Http.post(gateway.url() + path, Http.chat("mock", false))
                .header("authorization", "Bearer sk-paths-test")
                .header("x-caravan-upstream", mock.baseUrl())
                .build();
        return Http.send(request);
    }

    IngressComponent ingress() {
        return (IngressComponent) gateway.gateway().camel().getComponent("netty-http");
    }

    @Test
    void theGovernedIngressesAndOperationsPathsAreFoundByExactLookup() {
        for (String path : new String[] {
            "/v1/chat/completions", "/v1/responses", "/v1/embeddings", "/anthropic/v1/messages", "/health", "/metrics"
        }) {
            assertThat(ingress().indexes(gateway.port(), path)).as(path).isTrue();
            assertThat(ingress().indexes(gateway.port(), path + "?a=b"))
                    .as(path)
                    .isTrue();
        }
    }

    @Test
    void prefixRoutesTrailingSlashesAndUnknownPathsAreLeftToCamelsMatching() {
        assertThat(ingress().indexes(gateway.port(), "/v1/receipts/abc")).isFalse();
        assertThat(ingress().indexes(gateway.port(), "/v1/runs")).isFalse();
        assertThat(ingress().indexes(gateway.port(), "/v1/chat/completions/")).isFalse();
        assertThat(ingress().indexes(gateway.port(), "/v1/nothing-here")).isFalse();
        assertThat(ingress().indexes(gateway.port(), "/")).isFalse();
    }

    @Test
    void aChatCallByItsExactPathIsAnswered() {
        HttpResponse<String> response = chat("/v1/chat/completions");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("chat.completion");
    }

    @Test
    void theSamePathWithAQueryATrailingSlashOrAnotherCaseReachesTheSameRoute() {
        for (String path :
                new String[] {"/v1/chat/completions?trace=1", "/v1/chat/completions/", "/V1/Chat/Completions"}) {
            HttpResponse<String> response = chat(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("chat.completion");
        }
    }

    @Test
    void aPathUnderAPrefixRouteStillReachesThatRoute() {
        HttpResponse<String> receipt =
                Http.send(HttpRequest.newBuilder(java.net.URI.create(gateway.url() + "/v1/receipts/no-such-call"))
                        .GET()
                        .build());
        assertThat(receipt.statusCode()).isEqualTo(404);
        assertThat(receipt.body()).contains("receipt");
    }

    @Test
    void anUnknownPathIsStillA404InOpenAisShape() {
        HttpResponse<String> response = chat("/v1/nothing-here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("not_found");
    }
}
