package dev.caravan;

import static dev.caravan.support.FaultyUpstream.Fault.HANG;
import static dev.caravan.support.FaultyUpstream.Fault.RESET_MID_BODY;
import static dev.caravan.support.FaultyUpstream.Fault.STATUS_400;
import static dev.caravan.support.FaultyUpstream.Fault.STATUS_500;
import static dev.caravan.support.FaultyUpstream.Fault.STATUS_503;
import static dev.caravan.support.FaultyUpstream.Fault.STREAM_DIES_AFTER_FIRST_EVENT;
import static dev.caravan.support.FaultyUpstream.Fault.STREAM_DIES_BEFORE_FIRST_EVENT;
import static dev.caravan.support.FaultyUpstream.Fault.TOO_MANY_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.caravan.support.FaultyUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Route aliases against upstreams that fail in every way that matters: each failure has its documented outcome. */
class FailoverTest {
    static FaultyUpstream primary;
    static FaultyUpstream secondary;
    static TestGateway gateway;
    static int refusedPort;

    @BeforeAll
    static void start() throws Exception {
        primary = FaultyUpstream.start("from primary");
        secondary = FaultyUpstream.start("from secondary");
        refusedPort = TestGateway.freePort();
        Path config = Files.createTempFile("caravan-routes", ".yaml");
        Files.writeString(
                config,
                """
                routes:
                  - alias: test/failover
                    targets:
                      - { upstream: "%1$s", model: model-a }
                      - { upstream: "%2$s", model: model-b }
                  - alias: test/retry
                    retryCount: 1
                    targets:
                      - { upstream: "%1$s", model: model-a }
                      - { upstream: "%2$s", model: model-b }
                  - alias: test/timeout
                    timeoutMs: 400
                    firstTokenTimeoutMs: 400
                    targets:
                      - { upstream: "%1$s", model: model-a }
                      - { upstream: "%2$s", model: model-b }
                  - alias: test/refused
                    targets:
                      - { upstream: "http://127.0.0.1:%3$d/v1", model: model-r }
                      - { upstream: "%2$s", model: model-b }
                """
                        .formatted(primary.baseUrl(), secondary.baseUrl(), refusedPort));
        gateway = TestGateway.start(
                Map.of(
                        "caravan.config", config.toString(),
                        // breakers never open here: each test starts from healthy targets (CircuitBreakerTest covers
                        // them)
                        "caravan.routing.breaker.consecutive-failures", "1000000",
                        "caravan.routing.breaker.window", "1000",
                        "caravan.routing.breaker.minimum-calls", "1000"),
                Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        primary.close();
        secondary.close();
    }

    @BeforeEach
    void forget() {
        primary.reset();
        secondary.reset();
    }

    static HttpResponse<String> call(String alias, boolean stream) {
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat(alias, stream))
                .header("authorization", "Bearer sk-client-key")
                .build());
    }

    @Test
    void aPrimaryAnswering503FailsOverToTheNextTargetWithItsOwnModel() {
        primary.then(STATUS_503);

        HttpResponse<String> response = call("test/failover", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from secondary");
        assertThat(response.headers().firstValue("x-caravan-route")).hasValue("test/failover");
        assertThat(response.headers().firstValue("x-caravan-model")).hasValue("model-b");
        assertThat(response.headers().firstValue("x-caravan-attempts")).hasValue("2");
        assertThat(primary.received())
                .extracting(FaultyUpstream.Received::model)
                .containsExactly("model-a");
        assertThat(secondary.received())
                .extracting(FaultyUpstream.Received::model)
                .containsExactly("model-b");
    }

    @Test
    void a429IsRetriedOnTheSameTargetAfterItsRetryAfter() {
        primary.retryAfter("0.3").then(TOO_MANY_REQUESTS);

        HttpResponse<String> response = call("test/retry", false);

        assertThat(response.body()).contains("from primary");
        assertThat(response.headers().firstValue("x-caravan-attempts")).hasValue("2");
        assertThat(primary.received()).hasSize(2);
        long waited =
                primary.received().get(1).atNanos() - primary.received().get(0).atNanos();
        assertThat(TimeUnit.NANOSECONDS.toMillis(waited)).isGreaterThanOrEqualTo(300);
        assertThat(secondary.received()).isEmpty();
    }

    @Test
    void aRetryAfterLongerThanTheCapMovesToTheNextTargetAtOnce() {
        primary.retryAfter("30").then(TOO_MANY_REQUESTS);

        HttpResponse<String> response = call("test/retry", false);

        assertThat(response.body()).contains("from secondary");
        assertThat(primary.received()).hasSize(1);
    }

    @Test
    void a500IsRetriedThenFailedOverWhenItPersists() {
        primary.then(STATUS_500, STATUS_500);

        HttpResponse<String> response = call("test/retry", false);

        assertThat(response.body()).contains("from secondary");
        assertThat(response.headers().firstValue("x-caravan-attempts")).hasValue("3");
        assertThat(primary.received()).hasSize(2);
    }

    @Test
    void aClientErrorIsPassedThroughAndNeverRetriedNorFailedOver() {
        primary.then(STATUS_400);

        HttpResponse<String> response = call("test/retry", false);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("scripted invalid_request_error");
        assertThat(primary.received()).hasSize(1);
        assertThat(secondary.received()).isEmpty();
    }

    @Test
    void aRefusedConnectionFailsOver() {
        HttpResponse<String> response = call("test/refused", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from secondary");
        assertThat(response.headers().firstValue("x-caravan-attempts")).hasValue("2");
    }

    @Test
    void aResponseResetMidBodyFailsOverBecauseNothingReachedTheClientYet() {
        primary.then(RESET_MID_BODY);

        HttpResponse<String> response = call("test/failover", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from secondary");
    }

    @Test
    void anUpstreamThatDoesNotAnswerWithinTheRoutesTimeoutFailsOver() {
        primary.then(HANG);

        HttpResponse<String> response = call("test/timeout", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from secondary");
    }

    @Test
    void aStreamThatDiesBeforeItsFirstEventFailsOverUnnoticed() {
        primary.then(STREAM_DIES_BEFORE_FIRST_EVENT);

        HttpResponse<String> response = call("test/failover", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("secondary").contains("data: [DONE]");
        assertThat(response.headers().firstValue("x-caravan-attempts")).hasValue("2");
    }

    @Test
    void aStreamThatSilentlyStallsBeforeItsFirstEventFailsOverAfterTheFirstTokenTimeout() {
        primary.then(HANG);

        HttpResponse<String> response = call("test/timeout", true);

        assertThat(response.body()).contains("secondary").contains("data: [DONE]");
    }

    @Test
    void aStreamThatDiesAfterItsFirstEventIsNeverFailedOverAndEndsWithAnErrorEvent() {
        primary.then(STREAM_DIES_AFTER_FIRST_EVENT);

        HttpResponse<String> response = call("test/failover", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("Half")
                .contains("upstream_stream_failed")
                .doesNotContain("data: [DONE]");
        assertThat(secondary.received()).isEmpty();
    }

    @Test
    void whenEveryTargetFailsTheLastUpstreamErrorPassesThroughUnchanged() {
        primary.then(STATUS_503);
        secondary.then(STATUS_500);

        HttpResponse<String> response = call("test/failover", false);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("scripted server_error");
        assertThat(response.headers().firstValue("x-caravan-attempts")).hasValue("2");
    }

    @Test
    void anAliasWinsOverTheUpstreamHeader() {
        HttpResponse<String> response =
                Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("test/failover", false))
                        .header("authorization", "Bearer sk-client-key")
                        .header("x-caravan-upstream", "http://127.0.0.1:" + refusedPort + "/v1")
                        .build());

        assertThat(response.body()).contains("from primary");
    }

    @Test
    void theOpenAiSdkStreamsThroughAFailoverWithoutNoticing() {
        primary.then(STATUS_503);
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.openAiBaseUrl())
                .apiKey("sk-client-key")
                .maxRetries(0)
                .build();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("test/failover")
                        .addUserMessage("hello")
                        .build())) {
            stream.stream()
                    .forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }

        assertThat(text.toString()).isEqualTo("from secondary");
    }

    @Test
    void modelsListsTheAliasesAndTheConcreteModels() {
        HttpResponse<String> response =
                Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.openAiBaseUrl() + "/models"))
                        .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"object\":\"list\"")
                .contains("\"id\":\"test/failover\"")
                .contains("\"id\":\"model-b\"");
    }
}
