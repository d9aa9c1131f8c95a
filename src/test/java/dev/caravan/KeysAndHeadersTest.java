package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.mock.MockUpstream;
import dev.caravan.mock.MockUpstream.ReceivedRequest;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Provider keys go to exactly one place per call, and only allowed headers cross the gateway either way. */
class KeysAndHeadersTest {
    static final String CONFIGURED_KEY = "sk-configured-openai-7f3a9c";
    static final String GROQ_KEY = "gsk-configured-groq-51b2";
    static MockUpstream configuredHost;
    static MockUpstream clientChosenHost;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        configuredHost = MockUpstream.start("127.0.0.1", 0);
        clientChosenHost = MockUpstream.start("127.0.0.1", 0);
        Path config = Files.createTempFile("caravan", ".yaml");
        Files.writeString(
                config,
                """
                upstreams:
                  openai:
                    baseUrl: %s
                    credential: ${env:OPENAI_API_KEY}
                  groq:
                    baseUrl: %s
                """
                        .formatted(configuredHost.baseUrl(), configuredHost.baseUrl()));
        gateway = TestGateway.start(
                Map.of("caravan.config", config.toString()),
                Map.of("OPENAI_API_KEY", CONFIGURED_KEY, "GROQ_API_KEY", GROQ_KEY));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        configuredHost.close();
        clientChosenHost.close();
    }

    @BeforeEach
    void forget() {
        configuredHost.clear();
        clientChosenHost.clear();
    }

    static HttpRequest.Builder chat() {
        return Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("mock", false));
    }

    static ReceivedRequest only(MockUpstream mock) {
        assertThat(mock.received()).hasSize(1);
        return mock.received().get(0);
    }

    @Test
    void withoutAClientKeyTheConfiguredCredentialGoesToItsOwnHost() {
        HttpResponse<String> response = Http.send(chat().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(only(configuredHost).header("authorization")).isEqualTo("Bearer " + CONFIGURED_KEY);
    }

    @Test
    void aPresetsEnvironmentCredentialFollowsThePresetEvenWhenItsUrlIsOverridden() {
        Http.send(chat().setHeader("x-caravan-upstream", "groq").build());

        assertThat(only(configuredHost).header("authorization")).isEqualTo("Bearer " + GROQ_KEY);
    }

    @Test
    void aClientChosenUrlNeverReceivesTheConfiguredCredential() {
        HttpResponse<String> response = Http.send(chat().setHeader("x-caravan-upstream", clientChosenHost.baseUrl())
                .build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("missing_provider_key");
        assertThat(clientChosenHost.received()).isEmpty();
        assertThat(configuredHost.received()).isEmpty();
    }

    @Test
    void aClientChosenUrlOnTheConfiguredHostStillGetsNoStoredCredential() {
        HttpResponse<String> response = Http.send(
                chat().setHeader("x-caravan-upstream", configuredHost.baseUrl()).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(configuredHost.received()).isEmpty();
    }

    @Test
    void aClientChosenUrlGetsOnlyTheClientsOwnKey() {
        Http.send(chat().setHeader("x-caravan-upstream", clientChosenHost.baseUrl())
                .header("authorization", "Bearer sk-client-own-key")
                .build());

        ReceivedRequest received = only(clientChosenHost);
        assertThat(received.header("authorization")).isEqualTo("Bearer sk-client-own-key");
        assertThat(received.bodyText()).doesNotContain(CONFIGURED_KEY);
        assertThat(received.headers().toString()).doesNotContain(CONFIGURED_KEY);
    }

    @Test
    void aGatewayKeyInAuthorizationMovesTheProviderKeyToXProviderKey() {
        Http.send(chat().header("authorization", "Bearer cvn_team_key_123")
                .header("x-provider-key", "sk-from-provider-header")
                .build());

        ReceivedRequest received = only(configuredHost);
        assertThat(received.header("authorization")).isEqualTo("Bearer sk-from-provider-header");
        assertThat(received.headers().toString())
                .doesNotContain("cvn_team_key_123")
                .doesNotContain("x-provider-key");
    }

    @Test
    void onlyAllowListedHeadersGoUpstream() {
        Http.send(chat().header("authorization", "Bearer sk-client-own-key")
                .header("cookie", "session=abc")
                .header("x-api-key", "sk-ant-should-not-travel")
                .header("x-caravan-metadata-team", "payments")
                .header("x-internal-thing", "secret-ish")
                .header("openai-organization", "org-123")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .build());

        ReceivedRequest received = only(configuredHost);
        assertThat(received.headers().keySet())
                .doesNotContain(
                        "cookie", "x-api-key", "x-caravan-metadata-team", "x-internal-thing", "x-caravan-upstream");
        assertThat(received.header("openai-organization")).isEqualTo("org-123");
        assertThat(received.header("content-type")).startsWith("application/json");
        assertThat(received.header("accept-encoding")).isEqualTo("identity");
        assertThat(received.header("traceparent"))
                .startsWith("00-0af7651916cd43dd8448eb211c80319c-")
                .isNotEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void responsesCarryTheGatewaysHeadersAndTheUpstreamsAllowedOnesButNoRequestHeader() {
        HttpResponse<String> response = Http.send(chat().header("authorization", "Bearer sk-client-own-key")
                .header("x-echo-me", "please")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .build());

        var headers = response.headers().map();
        assertThat(headers).doesNotContainKeys("authorization", "x-echo-me", "x-mock-server", "host", "user-agent");
        assertThat(response.headers().firstValue("x-caravan-decision-id")).hasValueSatisfying(id -> assertThat(id)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(response.headers().firstValue("x-caravan-upstream")).hasValue("openai");
        assertThat(response.headers().firstValue("x-caravan-model")).hasValue("mock");
        assertThat(response.headers().firstValue("traceparent"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("00-0af7651916cd43dd8448eb211c80319c-"));
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        assertThat(response.headers().firstValue("x-ratelimit-remaining-requests"))
                .hasValue("999");
    }

    @Test
    void aNonStreamedBodyComesBackByteForByte() {
        HttpResponse<String> response = Http.send(chat().build());

        assertThat(response.body())
                .startsWith("{\"id\":\"chatcmpl-mock-")
                .contains("\"content\":\"echo: hello there\"");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    }
}
