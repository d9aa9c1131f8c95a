package dev.caravan;

import static dev.caravan.support.MessagesEvents.blockStart;
import static dev.caravan.support.MessagesEvents.blockStop;
import static dev.caravan.support.MessagesEvents.delta;
import static dev.caravan.support.MessagesEvents.messageDelta;
import static dev.caravan.support.MessagesEvents.messageStart;
import static dev.caravan.support.MessagesEvents.messageStop;
import static dev.caravan.support.MessagesEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.audit.AuditFile;
import dev.caravan.support.AnthropicUpstream;
import dev.caravan.support.CapturedLogs;
import dev.caravan.support.Governed;
import dev.caravan.support.Http;
import dev.caravan.support.MessagesEvents;
import dev.caravan.support.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK against {@code <gateway>/anthropic}, plain and streamed: the same guardrails, spend,
 * audit and receipts as chat completions, Anthropic's headers forwarded, its error shape, its event types relayed.
 */
class AnthropicMessagesSdkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER_KEY = "sk-ant-api03-provider-key-7f6e5d4c3b2a1908";

    static AnthropicUpstream upstream;
    static TestGateway gateway;
    static AnthropicClient client;
    static CapturedLogs logs;

    @BeforeAll
    static void start() throws Exception {
        logs = CapturedLogs.start();
        upstream = AnthropicUpstream.start();
        Path config = Files.createTempFile("caravan-anthropic", ".yaml");
        Files.writeString(config, Governed.POLICY);
        gateway = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of());
        client = AnthropicOkHttpClient.builder()
                .baseUrl(gateway.url() + "/anthropic")
                .apiKey(PROVIDER_KEY)
                .putHeader("X-Caravan-Upstream", upstream.baseUrl())
                .putHeader("anthropic-beta", "prompt-caching-2024-07-31")
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        logs.close();
    }

    @BeforeEach
    void forget() {
        upstream.clear();
    }

    private static MessageCreateParams ask(String prompt) {
        return MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(1024)
                .system("You are terse.")
                .addUserMessage(prompt)
                .build();
    }

    private static Message streamed(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private static String text(Message message) {
        StringBuilder text = new StringBuilder();
        message.content().forEach(block -> block.text().ifPresent(t -> text.append(t.text())));
        return text.toString();
    }

    private static JsonNode receipt(String decisionId) throws Exception {
        HttpResponse<String> response =
                Http.send(HttpRequest.newBuilder(URI.create(gateway.openAiBaseUrl() + "/receipts/" + decisionId))
                        .GET()
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("payload");
    }

    private static HttpResponse<String> raw(String body) {
        return Http.send(Http.post(gateway.url() + "/anthropic/v1/messages", body)
                .header("x-api-key", PROVIDER_KEY)
                .header("anthropic-version", "2023-06-01")
                .header("x-caravan-upstream", upstream.baseUrl())
                .build());
    }

    private static String rawBody(boolean stream, String prompt) {
        ObjectNode body = JSON.createObjectNode()
                .put("model", "claude-sonnet-4-5")
                .put("max_tokens", 256)
                .put("stream", stream);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        return body.toString();
    }

    @Test
    void aPlainCallReachesTheUpstreamWithAnthropicsHeadersAndComesBackAsSent() throws Exception {
        ObjectNode answer =
                MessagesEvents.message(List.of(MessagesEvents.text("Hello there.")), "end_turn", usage(12, 7, 5, 4));
        upstream.replying(answer.toString());

        HttpResponseFor<Message> response = client.messages().withRawResponse().create(ask("Say hello"));
        Message message = response.parse();

        assertThat(text(message)).isEqualTo("Hello there.");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        AnthropicUpstream.Received received = upstream.received().get(0);
        assertThat(received.path()).isEqualTo("/v1/messages");
        assertThat(received.headers())
                .containsEntry("x-api-key", PROVIDER_KEY)
                .hasEntrySatisfying("anthropic-version", v -> assertThat(v).matches("\\d{4}-\\d{2}-\\d{2}"))
                .containsEntry("anthropic-beta", "prompt-caching-2024-07-31")
                .doesNotContainKey("x-caravan-upstream")
                .doesNotContainKey("authorization");
        assertThat(JSON.readTree(received.body()).path("system").asText()).isEqualTo("You are terse.");
        assertThat(response.headers().values("request-id")).containsExactly("req_stub_1");
        assertThat(response.headers().values("anthropic-ratelimit-requests-remaining"))
                .containsExactly("99");
        assertThat(response.headers().values("x-stub-secret-header")).isEmpty();
        assertThat(response.headers().values("x-caravan-receipt")).hasSize(1);
    }

    @Test
    void usageWithCacheTokensIsMeteredIntoTheReceiptAndTheAuditEvent() throws Exception {
        upstream.replying(
                MessagesEvents.message(List.of(MessagesEvents.text("Cached.")), "end_turn", usage(12, 7, 5, 4))
                        .toString());

        HttpResponseFor<Message> response = client.messages().withRawResponse().create(ask("Use the cache"));
        String decisionId = response.headers().values("x-caravan-decision-id").get(0);
        assertThat(response.parse().usage().cacheReadInputTokens()).contains(5L);

        JsonNode receipt = receipt(decisionId);
        assertThat(receipt.path("endpoint").asText()).isEqualTo("/anthropic/v1/messages");
        assertThat(receipt.path("usage").path("prompt_tokens").asLong()).isEqualTo(12 + 7 + 5);
        assertThat(receipt.path("usage").path("cached_tokens").asLong()).isEqualTo(5);
        assertThat(receipt.path("usage").path("completion_tokens").asLong()).isEqualTo(4);
        assertThat(receipt.path("cost_micros").isNumber())
                .as(receipt.toString())
                .isTrue();
        Path audit = AuditFile.fileFor(gateway.dataDir().resolve("audit"), LocalDate.now(ZoneOffset.UTC));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(audit) && Files.readString(audit).contains(decisionId));
    }

    @Test
    void aStreamedCallIsRelayedWithAnthropicsEventTypesAndItsUsageMetered() throws Exception {
        upstream.streaming(MessagesEvents.textStream(usage(20, 0, 8, 1), 6, "Hello", ", ", "world."));

        Message message = streamed(ask("Say hello"));
        HttpResponse<String> events = raw(rawBody(true, "Say hello"));

        assertThat(text(message)).isEqualTo("Hello, world.");
        assertThat(message.usage().outputTokens()).isEqualTo(6);
        assertThat(upstream.received().get(1).headers()).containsEntry("anthropic-version", "2023-06-01");
        assertThat(events.body())
                .contains("event: message_start", "event: content_block_delta", "event: ping", "event: message_delta")
                .endsWith(messageStop());
        assertThat(events.body())
                .containsPattern(
                        ": caravan-receipt \\S+ \\S+\n\n" + messageStop().replace("{", "\\{") + "$");
        JsonNode receipt =
                receipt(events.headers().firstValue("x-caravan-decision-id").orElseThrow());
        assertThat(receipt.path("usage").path("prompt_tokens").asLong()).isEqualTo(28);
        assertThat(receipt.path("usage").path("cached_tokens").asLong()).isEqualTo(8);
        assertThat(receipt.path("usage").path("completion_tokens").asLong()).isEqualTo(6);
        assertThat(receipt.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void aDeniedPromptNeverReachesTheUpstreamAndTheSdkRaisesPermissionDenied() {
        upstream.replying(MessagesEvents.message(List.of(MessagesEvents.text("no")), "end_turn", usage(1, 0, 0, 1))
                .toString());

        assertThatThrownBy(() -> client.messages().create(ask("please say kaboom")))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.body().toString()).contains("permission_error").contains("custom.forbidden");
                });
        assertThatThrownBy(() -> streamed(ask("please say kaboom"))).isInstanceOf(PermissionDeniedException.class);
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void aSecretSplitAcrossTwoTextDeltasArrivesMasked() {
        String key = DefaultGuardrailsTest.projectKey(new Random(7));
        upstream.streaming(MessagesEvents.textStream(
                usage(5, 0, 0, 1), 30, "Use " + key.substring(0, 40), key.substring(40) + " in the header."));

        Message message = streamed(ask("Which key?"));
        String events = raw(rawBody(true, "Which key?")).body();

        assertThat(text(message)).isEqualTo("Use [REDACTED:secret] in the header.");
        assertThat(events).doesNotContain(key.substring(10, 40)).doesNotContain(key.substring(40, 70));
    }

    @Test
    void aSecretInAPlainAnswerIsMaskedAndEveryOtherFieldKept() {
        String key = DefaultGuardrailsTest.projectKey(new Random(8));
        upstream.replying(MessagesEvents.message(
                        List.of(MessagesEvents.text("Use " + key + " now.")), "end_turn", usage(5, 0, 0, 9))
                .toString());

        Message message = client.messages().create(ask("Which key?"));

        assertThat(text(message)).isEqualTo("Use [REDACTED:secret] now.");
        assertThat(message.id()).isEqualTo("msg_stub");
        assertThat(message.usage().outputTokens()).isEqualTo(9);
    }

    @Test
    void toolUseAndThinkingBlocksArriveUntouchedPlainAndStreamed() throws Exception {
        ObjectNode input =
                JSON.createObjectNode().put("location", "San Francisco, CA").put("unit", "celsius");
        upstream.replying(MessagesEvents.message(
                        List.of(
                                MessagesEvents.thinking("They want weather; call the tool.", "EqQBCgIYAhIMsig"),
                                MessagesEvents.toolUse("toolu_01", "get_weather", input)),
                        "tool_use",
                        usage(30, 0, 0, 12))
                .toString());
        upstream.streaming(List.of(
                messageStart(usage(30, 0, 0, 1)),
                blockStart(0, "thinking"),
                delta(0, "thinking_delta", "They want weather; call the tool."),
                delta(0, "signature_delta", "EqQBCgIYAhIMsig"),
                blockStop(0),
                blockStart(1, "tool_use"),
                delta(1, "input_json_delta", "{\"location\": \"San Fra"),
                delta(1, "input_json_delta", "ncisco, CA\", \"unit\": \"celsius\"}"),
                blockStop(1),
                messageDelta("tool_use", 12),
                messageStop()));

        for (Message message : List.of(client.messages().create(ask("Weather?")), streamed(ask("Weather?")))) {
            assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
            ContentBlock thinking = message.content().get(0);
            assertThat(thinking.thinking().orElseThrow().thinking()).isEqualTo("They want weather; call the tool.");
            assertThat(thinking.thinking().orElseThrow().signature()).isEqualTo("EqQBCgIYAhIMsig");
            var tool = message.content().get(1).toolUse().orElseThrow();
            assertThat(tool.name()).isEqualTo("get_weather");
            assertThat(JSON.readTree(JSON.writeValueAsString(tool._input()))).isEqualTo(input);
        }
    }

    @Test
    void aCompletionDenyWithholdsTheAnswerWithStopReasonRefusalPlainAndStreamed() {
        upstream.replying(MessagesEvents.message(
                        List.of(MessagesEvents.text("Then kaboom it goes.")), "end_turn", usage(3, 0, 0, 5))
                .toString());
        upstream.streaming(MessagesEvents.textStream(usage(3, 0, 0, 1), 5, "Then ", "kaboom", " it goes."));

        Message plain = client.messages().create(ask("What happens?"));
        Message stream = streamed(ask("What happens?"));

        assertThat(plain.stopReason()).contains(StopReason.REFUSAL);
        assertThat(text(plain)).startsWith("[This answer was withheld").contains("custom.forbidden");
        assertThat(stream.stopReason()).contains(StopReason.REFUSAL);
        assertThat(text(stream)).doesNotContain("kaboom").doesNotContain("it goes");
    }

    @Test
    void aStreamCutAfterItsFirstByteEndsWithAnErrorEventTheSdkRaises() throws Exception {
        upstream.streaming(
                List.of(messageStart(usage(4, 0, 0, 1)), blockStart(0, "text"), delta(0, "text_delta", "Half an ans")));

        HttpResponse<String> events = raw(rawBody(true, "Tell me"));

        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("Half").doesNotContain("message_stop");
        String last = events.body().substring(events.body().lastIndexOf("event: "));
        assertThat(last).startsWith("event: error\ndata: ");
        JsonNode error =
                JSON.readTree(last.substring(last.indexOf("data: ") + 6).trim());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(receipt(events.headers().firstValue("x-caravan-decision-id").orElseThrow())
                        .path("truncated")
                        .asBoolean())
                .isTrue();
        assertThatThrownBy(() -> streamed(ask("Tell me"))).isInstanceOf(AnthropicException.class);
    }

    @Test
    void gatewayRefusalsComeInAnthropicsErrorShape() throws Exception {
        HttpResponse<String> malformed = raw("{not json");
        HttpResponse<String> noKey = Http.send(Http.post(gateway.url() + "/anthropic/v1/messages", rawBody(false, "hi"))
                .header("x-caravan-upstream", upstream.baseUrl())
                .build());

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("type").asText()).isEqualTo("error");
        assertThat(JSON.readTree(malformed.body()).path("error").path("type").asText())
                .isEqualTo("invalid_request_error");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noKey.body()).path("error").path("type").asText())
                .isEqualTo("authentication_error");
        assertThat(JSON.readTree(noKey.body()).path("error").path("message").asText())
                .contains("x-api-key");
        AnthropicClient keyless = AnthropicOkHttpClient.builder()
                .baseUrl(gateway.url() + "/anthropic")
                .apiKey("")
                .putHeader("X-Caravan-Upstream", upstream.baseUrl())
                .maxRetries(0)
                .build();
        assertThatThrownBy(() -> keyless.messages().create(ask("hi"))).isInstanceOf(UnauthorizedException.class);
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void theProviderKeyAppearsNowhereButInTheHeaderThatCarriesItUpstream() throws Exception {
        upstream.replying(MessagesEvents.message(List.of(MessagesEvents.text("ok")), "end_turn", usage(1, 0, 0, 1))
                .toString());
        upstream.streaming(MessagesEvents.textStream(usage(1, 0, 0, 1), 1, "ok"));
        client.messages().create(ask("hello"));
        streamed(ask("hello"));
        raw("{broken");
        assertThatThrownBy(() -> client.messages().create(ask("kaboom"))).isInstanceOf(PermissionDeniedException.class);

        for (AnthropicUpstream.Received received : upstream.received()) {
            assertThat(received.body()).doesNotContain(PROVIDER_KEY);
            received.headers().forEach((name, value) -> {
                if (!name.equals("x-api-key")) {
                    assertThat(value).doesNotContain(PROVIDER_KEY);
                }
            });
        }
        String everyLogLine = logs.text();
        assertThat(everyLogLine).doesNotContain(PROVIDER_KEY);
        for (Path file : SecretsNeverLeakTest.dataFiles(gateway.dataDir())) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain(PROVIDER_KEY);
        }
    }
}
