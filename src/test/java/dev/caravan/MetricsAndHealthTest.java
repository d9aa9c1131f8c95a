package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.caravan.support.Http;
import dev.caravan.support.MockAndGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Prometheus scrapes the gateway like any other service, and a load balancer can ask whether it is ready. */
class MetricsAndHealthTest {
    @RegisterExtension
    static final MockAndGateway FIXTURE = new MockAndGateway();

    static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\",?)*})? (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)$");

    static HttpResponse<String> get(String path) {
        return Http.send(HttpRequest.newBuilder(URI.create(FIXTURE.gateway().url() + path))
                .build());
    }

    static double requestsWithStatus200(String exposition) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("caravan_requests_total{") && line.contains("status=\"200\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Test
    void metricsParseAsPrometheusTextEverySeriesIsPrefixedAndTheyMoveWithTraffic() {
        double before = requestsWithStatus200(get("/metrics").body());

        HttpResponse<String> call =
                Http.send(Http.post(FIXTURE.gateway().openAiBaseUrl() + "/chat/completions", Http.chat("mock", false))
                        .header("authorization", "Bearer sk-metrics-test")
                        .header("x-caravan-upstream", FIXTURE.mock().baseUrl())
                        .build());
        assertThat(call.statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        for (String line : metrics.body().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                assertThat(line).matches("# (HELP|TYPE) caravan_[a-zA-Z0-9_:]+ .*");
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as(line).isTrue();
            assertThat(sample.group(1)).startsWith("caravan_");
        }
        // the call is counted as it closes, which can be just after its answer went out
        await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> requestsWithStatus200(get("/metrics").body()) == before + 1);
        assertThat(get("/metrics").body())
                .contains("caravan_request_duration_seconds_bucket")
                .contains("caravan_tokens_total")
                .contains("caravan_calls_in_flight")
                .contains("caravan_jvm_memory_used_bytes")
                .doesNotContain("sk-metrics-test");
    }

    @Test
    void healthSaysLiveAndReady() {
        HttpResponse<String> health = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"liveness\":\"UP\"").contains("\"readiness\":\"UP\"");
    }
}
