package dev.caravan;

import static dev.caravan.support.MessagesEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.keys.KeyHash;
import dev.caravan.support.AnthropicUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.MessagesEvents;
import dev.caravan.support.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keys of {@code /anthropic} (DESIGN §2): a gateway key in {@code x-api-key} (or {@code Authorization: Bearer}, as
 * the SDK sends it) with the provider key in {@code X-Provider-Key}, or in {@code X-Caravan-Key}; the {@code anthropic}
 * upstream by default, with the credential stored for it.
 */
class AnthropicKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String GATEWAY_KEY = "cvn_anthropic0123456789abcdefghijklmnopqrstuv";
    static final String UNKNOWN_KEY = "cvn_unknown0123456789abcdefghijklmnopqrstuvwxy";
    static final String PROVIDER_KEY = "sk-ant-api03-client-key-0a1b2c3d4e5f";
    static final String STORED_KEY = "sk-ant-api03-stored-key-9f8e7d6c5b4a";

    static AnthropicUpstream upstream;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = AnthropicUpstream.start();
        upstream.replying(MessagesEvents.message(List.of(MessagesEvents.text("ok")), "end_turn", usage(1, 0, 0, 1))
                .toString());
        Path config = Files.createTempFile("caravan-anthropic-keys", ".yaml");
        Files.writeString(
                config,
                """
                upstreams:
                  anthropic:
                    baseUrl: %s
                keys:
                  - hash: %s
                    workspace: claude
                routes:
                  - alias: team/claude
                    targets:
                      - { upstream: anthropic, api: anthropic, model: claude-sonnet-4-5 }
                  - alias: team/gemini
                    targets:
                      - { upstream: anthropic, api: gemini, model: gemini-2.0-flash }
                """
                        .formatted(upstream.baseUrl(), KeyHash.of(GATEWAY_KEY)));
        gateway =
                TestGateway.start(Map.of("caravan.config", config.toString()), Map.of("ANTHROPIC_API_KEY", STORED_KEY));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void forget() {
        upstream.clear();
    }

    private static AnthropicClient sdk(String apiKey, String providerKey) {
        AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder()
                .baseUrl(gateway.url() + "/anthropic")
                .apiKey(apiKey)
                .maxRetries(0);
        if (providerKey != null) {
            builder.putHeader("X-Provider-Key", providerKey);
        }
        return builder.build();
    }

    private static MessageCreateParams ask() {
        return MessageCreateParams.builder()
                .model("claude-haiku-4-5")
                .maxTokens(64)
                .addUserMessage("hello")
                .build();
    }

    private static String body() {
        return "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    private static String forwardedKey() {
        return upstream.received().get(0).headers().get("x-api-key");
    }

    @Test
    void theSdksGatewayKeyWithTheProviderKeyInXProviderKeyReachesTheAnthropicUpstreamByDefault() {
        sdk(GATEWAY_KEY, PROVIDER_KEY).messages().create(ask());

        assertThat(forwardedKey()).isEqualTo(PROVIDER_KEY);
        assertThat(upstream.received().get(0).path()).isEqualTo("/v1/messages");
        assertThat(upstream.received().get(0).headers()).doesNotContainKeys("authorization", "x-provider-key");
    }

    @Test
    void aGatewayKeyInXApiKeyIsTakenForTheGatewayAndNeverForwarded() {
        HttpResponse<String> response = Http.send(Http.post(gateway.url() + "/anthropic/v1/messages", body())
                .header("x-api-key", GATEWAY_KEY)
                .header("x-provider-key", PROVIDER_KEY)
                .build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(forwardedKey()).isEqualTo(PROVIDER_KEY);
    }

    @Test
    void theGatewayKeyInXCaravanKeyLeavesXApiKeyToTheProvider() {
        HttpResponse<String> response = Http.send(Http.post(gateway.url() + "/anthropic/v1/messages", body())
                .header("x-caravan-key", GATEWAY_KEY)
                .header("x-api-key", PROVIDER_KEY)
                .build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(forwardedKey()).isEqualTo(PROVIDER_KEY);
    }

    @Test
    void withoutAProviderKeyTheCredentialStoredForTheAnthropicHostIsUsed() {
        sdk(GATEWAY_KEY, null).messages().create(ask());

        assertThat(forwardedKey()).isEqualTo(STORED_KEY);
    }

    @Test
    void anUnknownGatewayKeyIsRefusedInAnthropicsShapeNamingItsHeaders() throws Exception {
        assertThatThrownBy(() -> sdk(UNKNOWN_KEY, PROVIDER_KEY).messages().create(ask()))
                .isInstanceOf(UnauthorizedException.class);
        HttpResponse<String> missing = Http.send(Http.post(gateway.url() + "/anthropic/v1/messages", body())
                .header("x-api-key", PROVIDER_KEY)
                .build());

        assertThat(missing.statusCode()).isEqualTo(401);
        var error = JSON.readTree(missing.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("authentication_error");
        assertThat(error.path("error").path("message").asText()).contains("x-api-key: cvn_");
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void aRouteTargetSpeakingAnthropicGetsTheMessagesRequestUntranslated() throws Exception {
        sdk(GATEWAY_KEY, PROVIDER_KEY)
                .messages()
                .create(MessageCreateParams.builder()
                        .model("team/claude")
                        .maxTokens(64)
                        .addUserMessage("hello")
                        .build());

        AnthropicUpstream.Received sent = upstream.received().get(0);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers().get("x-api-key")).isEqualTo(STORED_KEY); // on a route the target's credential wins
        var body = JSON.readTree(sent.body());
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("hello");
    }

    @Test
    void aRouteTargetSpeakingAnotherTranslatedApiIsRefusedBeforeTheUpstream() {
        HttpResponse<String> response = Http.send(
                Http.post(gateway.url() + "/anthropic/v1/messages", body().replace("claude-haiku-4-5", "team/gemini"))
                        .header("x-api-key", GATEWAY_KEY)
                        .header("x-provider-key", PROVIDER_KEY)
                        .build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"type\":\"error\"").contains("/v1/chat/completions");
        assertThat(upstream.received()).isEmpty();
    }
}
