package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.camel.ConsumerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The direct: hooks around the upstream call, with docs/extending.md's example routes consuming them. */
class UpstreamHooksTest {
    static MockUpstream mock;
    static TestGateway gateway;
    static ConsumerTemplate finance;

    @BeforeAll
    static void start() throws IOException {
        mock = MockUpstream.start("127.0.0.1", 0);
        gateway = TestGateway.start(
                Map.of("camel.main.routesBuilderClasses", "com.acme.gateway.CostCentreHooks"), Map.of());
        finance = gateway.gateway().camel().createConsumerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        finance.close();
        gateway.close();
        mock.close();
    }

    @BeforeEach
    void forget() {
        mock.clear();
    }

    private static HttpRequest.Builder call(boolean stream) {
        return Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("gpt-4o-mini", stream))
                .header("authorization", "Bearer sk-hooks-test")
                .header("x-caravan-upstream", mock.baseUrl());
    }

    @Test
    void aBeforeHookThatThrowsRefusesTheCallInTheApisShapeAndTheModelIsNeverCalled() {
        HttpResponse<String> refused = Http.send(call(false).build());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("policy_denied").contains("name a cost centre");
        assertThat(refused.headers().firstValue("x-caravan-receipt")).isPresent();
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void theHooksRunOnEveryIngressTheResponsesApiIncluded() {
        HttpResponse<String> refused = Http.send(
                Http.post(gateway.openAiBaseUrl() + "/responses", "{\"model\":\"gpt-4o-mini\",\"input\":\"hello\"}")
                        .header("authorization", "Bearer sk-hooks-test")
                        .header("x-caravan-upstream", mock.baseUrl())
                        .build());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("name a cost centre");
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void theAfterHookSeesEachAnsweredCallPlainOrStreamed() {
        HttpResponse<String> plain = Http.send(
                call(false).header("x-caravan-metadata-cost-centre", "cc-42").build());
        HttpResponse<String> streamed = Http.send(
                call(true).header("x-caravan-metadata-cost-centre", "cc-43").build());

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains("echo:");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("data: [DONE]");
        String upstream = mock.baseUrl().replace("http://", "").replace("/v1", "");
        assertThat(finance.receiveBody("seda:acme-finance", 10_000, String.class))
                .isEqualTo("cc-42 " + upstream + " gpt-4o-mini");
        assertThat(finance.receiveBody("seda:acme-finance", 10_000, String.class))
                .isEqualTo("cc-43 " + upstream + " gpt-4o-mini");
    }
}
