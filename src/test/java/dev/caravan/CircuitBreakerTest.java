package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.support.FaultyUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A target that keeps failing gets its breaker opened and is skipped, visible to operators at /admin/routes. */
class CircuitBreakerTest {
    static FaultyUpstream dead;
    static FaultyUpstream healthy;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        dead = FaultyUpstream.start("never healthy").always(FaultyUpstream.Fault.STATUS_503);
        healthy = FaultyUpstream.start("from healthy");
        Path config = Files.createTempFile("caravan-breaker", ".yaml");
        Files.writeString(
                config,
                """
                routes:
                  - alias: test/breaker
                    targets:
                      - { upstream: "%s", model: model-d }
                      - { upstream: "%s", model: model-h }
                """
                        .formatted(dead.baseUrl(), healthy.baseUrl()));
        gateway = TestGateway.start(
                Map.of(
                        "caravan.config", config.toString(),
                        "caravan.routing.breaker.consecutive-failures", "3",
                        "caravan.routing.breaker.open-ms", "600000"),
                Map.of("CARAVAN_ADMIN_KEY", "admin-secret"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        dead.close();
        healthy.close();
    }

    static HttpResponse<String> call() {
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("test/breaker", false))
                .header("authorization", "Bearer sk-client-key")
                .build());
    }

    static HttpResponse<String> adminRoutes(String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + "/admin/routes"));
        if (key != null) {
            request.header("x-caravan-admin-key", key);
        }
        return Http.send(request.build());
    }

    @Test
    void aBreakerOpensAfterConsecutiveFailuresAndTheDeadTargetIsThenSkipped() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failedOver = call();
            assertThat(failedOver.body()).contains("from healthy");
            assertThat(failedOver.headers().firstValue("x-caravan-attempts")).hasValue("2");
        }

        HttpResponse<String> afterOpen = call();

        assertThat(afterOpen.body()).contains("from healthy");
        assertThat(afterOpen.headers().firstValue("x-caravan-attempts")).hasValue("1");
        assertThat(dead.received()).hasSize(3);
        HttpResponse<String> routes = adminRoutes("admin-secret");
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body())
                .contains("\"alias\":\"test/breaker\"")
                .contains("\"breaker\":\"open\"")
                .contains("\"breaker\":\"closed\"")
                .doesNotContain("sk-client-key");
    }

    @Test
    void theRoutesPageNeedsTheAdminKey() {
        assertThat(adminRoutes(null).statusCode()).isEqualTo(401);
        assertThat(adminRoutes("wrong").statusCode()).isEqualTo(401);
    }
}
