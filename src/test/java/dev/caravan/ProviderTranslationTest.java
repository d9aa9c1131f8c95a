package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import dev.caravan.support.FaultyUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.NativeUpstream;
import dev.caravan.support.NativeUpstream.Reply;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI SDK client routed to targets that speak Anthropic Messages or Gemini generateContent (stubs answering the
 * providers' documented examples, the golden files), and to Azure and Vertex deployments named by headers.
 */
class ProviderTranslationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_KEY = "sk-client-translation-7f3a9c";

    static NativeUpstream anthropic;
    static NativeUpstream gemini;
    static NativeUpstream cloud;
    static FaultyUpstream openai;
    static TestGateway gateway;
    static OpenAIClient sdk;

    @BeforeAll
    static void start() throws Exception {
        anthropic = NativeUpstream.start();
        gemini = NativeUpstream.start();
        cloud = NativeUpstream.start();
        openai = FaultyUpstream.start("from openai");
        Path config = Files.createTempFile("caravan-translation", ".yaml");
        Files.writeString(
                config,
                """
                upstreams:
                  azure: { baseUrl: "%3$s" }
                  vertex: { baseUrl: "%3$s" }
                routes:
                  - alias: test/claude
                    targets:
                      - { upstream: "%1$s", api: anthropic, model: claude-3-7-sonnet-20250219 }
                  - alias: test/gemini
                    targets:
                      - { upstream: "%2$s", api: gemini, model: gemini-2.0-flash }
                  - alias: test/claude-then-openai
                    targets:
                      - { upstream: "%1$s", api: anthropic, model: claude-3-7-sonnet-20250219 }
                      - { upstream: "%4$s", model: gpt-4o-mini }
                """
                        .formatted(anthropic.url(), gemini.url(), cloud.url(), openai.baseUrl()));
        gateway = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of());
        sdk = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.openAiBaseUrl())
                .apiKey(CLIENT_KEY)
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        anthropic.close();
        gemini.close();
        cloud.close();
        openai.close();
    }

    @BeforeEach
    void forget() {
        anthropic.reset();
        gemini.reset();
        cloud.reset();
        openai.reset();
    }

    @Test
    void anSdkCallToAnAnthropicTargetGetsAnOpenAiAnswer() throws Exception {
        anthropic.then(Reply.json(200, golden("anthropic/text/upstream-response.json")));

        ChatCompletion completion = sdk.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("test/claude")
                        .addSystemMessage("You are a helpful assistant.")
                        .addUserMessage("Hello!")
                        .build());

        assertThat(completion.choices().get(0).message().content()).hasValue("Hi! My name is Claude.");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(2598);
        NativeUpstream.Received sent = anthropic.received().get(0);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers())
                .containsEntry("x-api-key", CLIENT_KEY)
                .containsEntry("anthropic-version", "2023-06-01");
        assertThat(sent.headers()).doesNotContainKey("authorization");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.path("system").asText()).isEqualTo("You are a helpful assistant.");
        assertThat(body.path("model").asText()).isEqualTo("claude-3-7-sonnet-20250219");
    }

    @Test
    void anSdkStreamFromAnAnthropicTargetCarriesTheToolCallArguments() {
        anthropic.then(Reply.sse(golden("anthropic/stream-tool/upstream-response.sse")));

        ChatCompletion completion = accumulate(weatherQuestion("test/claude"));

        var call =
                completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(tree(call.asFunction().function().arguments()))
                .isEqualTo(tree("{\"location\":\"San Francisco, CA\",\"unit\":\"fahrenheit\"}"));
        assertThat(completion.choices().get(0).finishReason()).hasToString("tool_calls");
        assertThat(completion.choices().get(0).message().content())
                .hasValue("Okay, let's check the weather for San Francisco, CA:");
        assertThat(tree(anthropic.received().get(0).body()).path("stream").asBoolean())
                .isTrue();
    }

    @Test
    void aStreamWhoseClientAskedForUsageGetsTheTranslatedUsageChunk() throws Exception {
        anthropic.then(Reply.sse(golden("anthropic/stream-text/upstream-response.sse")));

        HttpResponse<String> response = Http.send(Http.post(
                        gateway.openAiBaseUrl() + "/chat/completions",
                        "{\"model\":\"test/claude\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")
                .header("authorization", "Bearer " + CLIENT_KEY)
                .build());

        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(response.body())
                .contains("\"content\":\"Hello")
                .contains("\"prompt_tokens\":25,\"completion_tokens\":15,\"total_tokens\":40")
                .contains(": caravan-receipt ")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void anSdkCallToAGeminiTargetGetsAnOpenAiAnswer() {
        gemini.then(Reply.json(200, golden("gemini/text/upstream-response.json")));

        ChatCompletion completion = sdk.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("test/gemini")
                        .addUserMessage("Explain how AI works in a few words")
                        .build());

        assertThat(completion.choices().get(0).message().content())
                .hasValue("AI learns patterns from data to make predictions or decisions.\n");
        NativeUpstream.Received sent = gemini.received().get(0);
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
        assertThat(sent.headers()).containsEntry("x-goog-api-key", CLIENT_KEY).doesNotContainKey("authorization");
    }

    @Test
    void anSdkStreamFromAGeminiTargetCarriesTheToolCall() {
        gemini.then(Reply.sse(golden("gemini/stream-tool/upstream-response.sse")));

        ChatCompletion completion = accumulate(weatherQuestion("test/gemini"));

        var call =
                completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().function().name()).isEqualTo("get_current_weather");
        assertThat(tree(call.asFunction().function().arguments())).isEqualTo(tree("{\"location\":\"Boston\"}"));
        assertThat(completion.choices().get(0).finishReason()).hasToString("tool_calls");
        assertThat(gemini.received().get(0).path())
                .isEqualTo("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse");
    }

    @Test
    void parametersTheTargetCannotTakeAreNamedInTheDroppedParamsHeader() {
        anthropic.then(Reply.json(200, golden("anthropic/text/upstream-response.json")));

        HttpResponse<String> response = Http.send(Http.post(
                        gateway.openAiBaseUrl() + "/chat/completions",
                        "{\"model\":\"test/claude\",\"seed\":7,\"logprobs\":true,\"temperature\":0.2,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("authorization", "Bearer " + CLIENT_KEY)
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-caravan-dropped-params")).hasValue("seed,logprobs");
        assertThat(tree(anthropic.received().get(0).body()).has("seed")).isFalse();
    }

    @Test
    void anUpstreamErrorIsTranslatedToOpenAisErrorShapeWithItsStatus() {
        anthropic.then(Reply.json(
                400,
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: too big\"}}"
                        .getBytes()));

        assertThatThrownBy(() -> sdk.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("test/claude")
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("max_tokens: too big");
                });
    }

    @Test
    void anOverloadedAnthropicTargetFailsOverToAnOpenAiTarget() {
        anthropic.then(Reply.json(
                529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
                        .getBytes()));

        HttpResponse<String> response = Http.send(
                Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("test/claude-then-openai", false))
                        .header("authorization", "Bearer " + CLIENT_KEY)
                        .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from openai");
        assertThat(response.headers().firstValue("x-caravan-model")).hasValue("gpt-4o-mini");
        assertThat(response.headers().firstValue("x-caravan-dropped-params")).isEmpty();
        assertThat(anthropic.received()).hasSize(1);
    }

    @Test
    void anAzureDeploymentIsReachedThroughItsHeadersWithTheKeyAsApiKey() {
        cloud.then(Reply.json(200, golden("openai/chat-completion.json")));

        HttpResponse<String> response =
                Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("gpt-4o", false))
                        .header("authorization", "Bearer " + CLIENT_KEY)
                        .header("x-caravan-upstream", "azure")
                        .header("x-caravan-azure-resource", "contoso")
                        .header("x-caravan-azure-deployment", "gpt-4o-prod")
                        .header("x-caravan-azure-api-version", "2024-10-21")
                        .build());

        assertThat(response.statusCode()).isEqualTo(200);
        NativeUpstream.Received sent = cloud.received().get(0);
        assertThat(sent.path()).isEqualTo("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21");
        assertThat(sent.headers()).containsEntry("api-key", CLIENT_KEY).doesNotContainKey("authorization");
    }

    @Test
    void anAzureCallWithoutItsDeploymentHeaderIsRefusedNamingIt() {
        HttpResponse<String> response =
                Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("gpt-4o", false))
                        .header("authorization", "Bearer " + CLIENT_KEY)
                        .header("x-caravan-upstream", "azure")
                        .header("x-caravan-azure-resource", "contoso")
                        .header("x-caravan-azure-api-version", "2024-10-21")
                        .build());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = tree(response.body()).path("error");
        assertThat(error.path("message").asText()).contains("X-Caravan-Azure-Deployment");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(cloud.received()).isEmpty();
    }

    @Test
    void anEmbeddingsCallReachesTheAzureDeploymentsEmbeddingsPath() {
        cloud.then(Reply.json(
                200,
                ("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2]}],"
                                + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        HttpResponse<String> response = Http.send(Http.post(
                        gateway.openAiBaseUrl() + "/embeddings",
                        "{\"model\":\"text-embedding-3-small\",\"input\":\"hello there\"}")
                .header("authorization", "Bearer " + CLIENT_KEY)
                .header("x-caravan-upstream", "azure")
                .header("x-caravan-azure-resource", "contoso")
                .header("x-caravan-azure-deployment", "embed-prod")
                .header("x-caravan-azure-api-version", "2024-10-21")
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(cloud.received().get(0).path())
                .isEqualTo("/openai/deployments/embed-prod/embeddings?api-version=2024-10-21");
    }

    @Test
    void anAnthropicMessagesCallNamingAnAzureDeploymentIsRefusedInAnthropicsShapeBeforeAnyUpstreamCall() {
        HttpResponse<String> response = Http.send(Http.post(
                        gateway.url() + "/anthropic/v1/messages",
                        "{\"model\":\"claude-3-7-sonnet-20250219\",\"max_tokens\":10,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("x-api-key", CLIENT_KEY)
                .header("anthropic-version", "2023-06-01")
                .header("x-caravan-upstream", "azure")
                .header("x-caravan-azure-resource", "contoso")
                .header("x-caravan-azure-deployment", "gpt-4o-prod")
                .header("x-caravan-azure-api-version", "2024-10-21")
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = tree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText()).contains("'azure'", "/v1/messages");
        assertThat(cloud.received()).isEmpty();
    }

    @Test
    void aResponsesCallNamingAVertexDeploymentIsRefusedBeforeAnyUpstreamCall() {
        HttpResponse<String> response = Http.send(Http.post(
                        gateway.openAiBaseUrl() + "/responses",
                        "{\"model\":\"google/gemini-2.0-flash-001\",\"input\":\"hi\"}")
                .header("authorization", "Bearer ya29.client-token")
                .header("x-caravan-upstream", "vertex")
                .header("x-caravan-gcp-project", "my-project")
                .header("x-caravan-gcp-location", "us-central1")
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = tree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unknown_upstream");
        assertThat(error.path("message").asText()).contains("'vertex'", "/v1/responses");
        assertThat(cloud.received()).isEmpty();
    }

    @Test
    void aVertexCallGoesToTheOpenAiCompatibleEndpointWithTheTokenAsBearer() {
        cloud.then(Reply.json(200, golden("openai/chat-completion.json")));

        HttpResponse<String> response = Http.send(Http.post(
                        gateway.openAiBaseUrl() + "/chat/completions", Http.chat("google/gemini-2.0-flash-001", false))
                .header("authorization", "Bearer ya29.client-token")
                .header("x-caravan-upstream", "vertex")
                .header("x-caravan-gcp-project", "my-project")
                .header("x-caravan-gcp-location", "us-central1")
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        NativeUpstream.Received sent = cloud.received().get(0);
        assertThat(sent.path())
                .isEqualTo("/v1/projects/my-project/locations/us-central1/endpoints/openapi/chat/completions");
        assertThat(sent.headers()).containsEntry("authorization", "Bearer ya29.client-token");
    }

    @Test
    void theProviderKeyNeverAppearsAnywhereButTheAuthHeader() throws IOException {
        anthropic.then(Reply.json(200, golden("anthropic/text/upstream-response.json")));
        gemini.then(Reply.sse(golden("gemini/stream-text/upstream-response.sse")));
        sdk.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("test/claude")
                        .addUserMessage("hi")
                        .build());
        accumulate(ChatCompletionCreateParams.builder()
                .model("test/gemini")
                .addUserMessage("hi")
                .build());

        for (NativeUpstream.Received sent : Stream.concat(anthropic.received().stream(), gemini.received().stream())
                .toList()) {
            assertThat(sent.body()).doesNotContain(CLIENT_KEY);
            sent.headers().forEach((name, value) -> {
                if (!name.equals("x-api-key") && !name.equals("x-goog-api-key")) {
                    assertThat(value).as(name).doesNotContain(CLIENT_KEY);
                }
            });
        }
        try (Stream<Path> files = Files.walk(gateway.dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString())
                        .doesNotContain(CLIENT_KEY);
            }
        }
    }

    private static ChatCompletionCreateParams weatherQuestion(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("What is the weather like in San Francisco?")
                .addTool(ChatCompletionFunctionTool.builder()
                        .function(FunctionDefinition.builder()
                                .name("get_weather")
                                .parameters(FunctionParameters.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .build())
                                .build())
                        .build())
                .build();
    }

    private static ChatCompletion accumulate(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream =
                sdk.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] golden(String path) {
        try (InputStream in = ProviderTranslationTest.class.getResourceAsStream("/golden/" + path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
