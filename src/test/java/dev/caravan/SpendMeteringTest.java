package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Usage;
import dev.caravan.mock.MockUpstream;
import dev.caravan.spend.Price;
import dev.caravan.spend.PriceTable;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every call is priced in exact micro-dollars the moment it ends, a client-cut stream by the tokens it got. */
class SpendMeteringTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SLOW_STREAM = "mock?chunks=200&chunk_delay_ms=20";
    static MockUpstream mock;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0);
        Path config = Files.createTempFile("caravan-spend", ".yaml");
        Files.writeString(
                config,
                """
                routes:
                  - alias: test/priced
                    targets:
                      - { upstream: "%1$s", model: "mock" }
                  - alias: test/slow
                    targets:
                      - { upstream: "%1$s", model: "%2$s" }
                  - alias: test/unpriced
                    targets:
                      - { upstream: "%1$s", model: "mock-unpriced" }
                prices:
                  - { model: mock, provider: test, input: "2.50", output: "10.00", cached_input: "1.25" }
                  - { model: "%2$s", provider: test, input: "1.00", output: "3.00" }
                """
                        .formatted(mock.baseUrl(), SLOW_STREAM));
        gateway = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
    }

    static HttpResponse<String> call(String alias, boolean stream) {
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat(alias, stream))
                .header("authorization", "Bearer sk-spend-test")
                .build());
    }

    static JsonNode receipt(String decisionId) throws Exception {
        HttpResponse<String> response =
                Http.send(HttpRequest.newBuilder(URI.create(gateway.openAiBaseUrl() + "/receipts/" + decisionId))
                        .build());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("payload") : null;
    }

    static long expected(JsonNode usage, String input, String output, String cached) {
        Price price = new Price(
                "m",
                "test",
                new java.math.BigDecimal(input).movePointRight(6).longValueExact(),
                new java.math.BigDecimal(output).movePointRight(6).longValueExact(),
                cached == null
                        ? null
                        : new java.math.BigDecimal(cached).movePointRight(6).longValueExact(),
                null,
                null);
        return PriceTable.costMicros(
                price,
                new Usage(
                        usage.path("prompt_tokens").asLong(),
                        usage.path("completion_tokens").asLong(),
                        usage.path("total_tokens").asLong(),
                        usage.path("cached_tokens").asLong(),
                        usage.path("reasoning_tokens").asLong()));
    }

    @Test
    void aPlainCallIsPricedFromItsReportedUsage() throws Exception {
        HttpResponse<String> response = call("test/priced", false);

        JsonNode payload =
                receipt(response.headers().firstValue("x-caravan-decision-id").orElseThrow());
        assertThat(payload.path("usage").path("completion_tokens").asLong()).isPositive();
        assertThat(payload.path("cost_micros").asLong())
                .isPositive()
                .isEqualTo(expected(payload.path("usage"), "2.50", "10.00", "1.25"));
        assertThat(payload.path("cost_estimated").asBoolean()).isFalse();
        assertThat(payload.path("price_version").asText()).isNotBlank().isNotEqualTo("not_run");
    }

    @Test
    void aStreamIsPricedFromItsUsageChunk() throws Exception {
        HttpResponse<String> response = call("test/priced", true);

        JsonNode payload =
                receipt(response.headers().firstValue("x-caravan-decision-id").orElseThrow());
        assertThat(payload.path("cost_micros").asLong())
                .isPositive()
                .isEqualTo(expected(payload.path("usage"), "2.50", "10.00", "1.25"));
        assertThat(payload.path("cost_estimated").asBoolean()).isFalse();
    }

    @Test
    void anUnpricedModelHasAnUnknownCost() throws Exception {
        HttpResponse<String> response = call("test/unpriced", false);

        JsonNode payload =
                receipt(response.headers().firstValue("x-caravan-decision-id").orElseThrow());
        assertThat(payload.path("cost_micros").isNull()).isTrue();
    }

    @Test
    void aStreamTheClientCutIsBilledForWhatItGotAndMarkedEstimated() throws Exception {
        HttpResponse<InputStream> response = Http.client()
                .send(
                        Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("test/slow", true))
                                .header("authorization", "Bearer sk-spend-test")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        String decisionId =
                response.headers().firstValue("x-caravan-decision-id").orElseThrow();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            int events = 0;
            for (String line = lines.readLine(); line != null && events < 5; line = lines.readLine()) {
                if (line.startsWith("data: ") && line.contains("\"content\"")) {
                    events++;
                }
            }
        }

        JsonNode payload = await().atMost(Duration.ofSeconds(20)).until(() -> receipt(decisionId), p -> p != null);
        assertThat(payload.path("truncated").asBoolean()).isTrue();
        assertThat(payload.path("cost_estimated").asBoolean()).isTrue();
        assertThat(payload.path("usage").path("completion_tokens").asLong()).isPositive();
        assertThat(payload.path("usage").path("prompt_tokens").asLong()).isPositive();
        assertThat(payload.path("cost_micros").asLong())
                .isPositive()
                .isEqualTo(expected(payload.path("usage"), "1.00", "3.00", null));
    }
}
