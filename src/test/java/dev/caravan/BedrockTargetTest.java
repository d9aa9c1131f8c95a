package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.caravan.providers.bedrock.AwsCredentials;
import dev.caravan.support.BedrockStub;
import dev.caravan.support.CapturedLogs;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI SDK client routed to {@code api: bedrock} targets: a stub Bedrock that re-verifies SigV4 over the bytes it
 * received answers Converse and streams real event-stream frames, translated back to Chat Completions; the AWS
 * credentials come from the client's key or the target's credential and go nowhere but into the signature.
 */
class BedrockTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "eu-west-1";
    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String ACCESS_KEY = "AKIACARAVANTARGET9K2Q";
    private static final String SECRET = "tArg3tS3cr3tAcc3ssK3y/bEdr0ckR0ut3V4lu3zz";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjECaravanTargetSessionToken987654321";
    private static final String CLIENT_AWS_KEY = ACCESS_KEY + ":" + SECRET + ":" + TOKEN;

    static BedrockStub stub;
    static TestGateway gateway;
    static CapturedLogs logs;

    @BeforeAll
    static void start() throws IOException {
        logs = CapturedLogs.start();
        stub = BedrockStub.start(new AwsCredentials(ACCESS_KEY, SECRET, TOKEN), REGION);
        Path config = Files.createTempFile("caravan-bedrock-target", ".yaml");
        Files.writeString(
                config,
                """
                routes:
                  - alias: test/bedrock
                    targets:
                      - upstream: "%1$s"
                        api: bedrock
                        model: %2$s
                        headers: { x-caravan-aws-region: %3$s }
                  - alias: test/bedrock-stored
                    targets:
                      - upstream: "%1$s"
                        api: bedrock
                        model: %2$s
                        credential: ${env:CARAVAN_TEST_AWS_CREDENTIALS}
                        headers: { x-caravan-aws-region: %3$s }
                """
                        .formatted(stub.baseUrl(), MODEL, REGION));
        gateway = TestGateway.start(
                Map.of("caravan.config", config.toString()), Map.of("CARAVAN_TEST_AWS_CREDENTIALS", CLIENT_AWS_KEY));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        stub.close();
        logs.close();
    }

    @BeforeEach
    void answers() {
        stub.answers("Hello from Bedrock.", List.of("Hello", " from", " Bedrock."));
    }

    @Test
    void anSdkCallToABedrockTargetIsSignedAndGetsAnOpenAiAnswer() throws Exception {
        int before = stub.received().size();

        ChatCompletion completion = sdk(CLIENT_AWS_KEY)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("test/bedrock")
                        .addSystemMessage("Be brief.")
                        .addUserMessage("Hello!")
                        .build());

        assertThat(completion.choices().get(0).message().content()).hasValue("Hello from Bedrock.");
        assertThat(completion.choices().get(0).finishReason()).hasToString("stop");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(17);
        BedrockStub.Received sent = stub.received().get(before);
        assertThat(sent.signatureValid()).isTrue();
        assertThat(sent.path()).isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
        var body = JSON.readTree(sent.body());
        assertThat(body.path("system").path(0).path("text").asText()).isEqualTo("Be brief.");
        assertThat(body.path("messages")
                        .path(0)
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo("Hello!");
        assertThat(body.has("model")).isFalse();
        assertThat(lowerCased(sent.headers())).doesNotContainKey("x-caravan-aws-region");
    }

    @Test
    void aBedrockErrorReachesTheClientWithTheTypeBedrockNamedInItsHeader() throws Exception {
        String wrongSecret = ACCESS_KEY + ":" + SECRET.replace('z', 'y') + ":" + TOKEN;

        HttpResponse<String> response =
                Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("test/bedrock", false))
                        .header("authorization", "Bearer " + wrongSecret)
                        .build());

        assertThat(response.statusCode()).isEqualTo(403);
        var error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("InvalidSignatureException");
        assertThat(error.path("type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void anSdkStreamFromABedrockTargetArrivesAsChatChunks() {
        int before = stub.received().size();
        stub.answers("unused", List.of("Bonjour", " de", " Bedrock."));

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = sdk(CLIENT_AWS_KEY)
                .chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("test/bedrock")
                        .addUserMessage("Hello!")
                        .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion completion = accumulator.chatCompletion();

        assertThat(completion.choices().get(0).message().content()).hasValue("Bonjour de Bedrock.");
        assertThat(completion.choices().get(0).finishReason()).hasToString("stop");
        BedrockStub.Received sent = stub.received().get(before);
        assertThat(sent.signatureValid()).isTrue();
        assertThat(sent.path()).isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
    }

    @Test
    void theTargetsStoredCredentialSignsWhenTheClientSendsNoAwsKey() {
        int before = stub.received().size();

        ChatCompletion completion = sdk("sk-not-an-aws-key")
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("test/bedrock-stored")
                        .addUserMessage("Hello!")
                        .build());

        assertThat(completion.choices().get(0).message().content()).hasValue("Hello from Bedrock.");
        assertThat(stub.received().get(before).signatureValid()).isTrue();
    }

    @Test
    void aKeyThatIsNotAwsCredentialsIsRefusedInOpenAisShapeBeforeAnythingIsSent() {
        int before = stub.received().size();

        assertThatThrownBy(() -> sdk("sk-not-an-aws-key")
                        .chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("test/bedrock")
                                .addUserMessage("Hello!")
                                .build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.getMessage())
                        .contains("ACCESS_KEY_ID:SECRET_ACCESS_KEY"));
        assertThat(stub.received()).hasSize(before);
    }

    @Test
    void awsCredentialsAppearNowhereButInTheSignature() throws Exception {
        sdk(CLIENT_AWS_KEY)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("test/bedrock")
                        .addUserMessage("Hello again.")
                        .build());
        try (StreamResponse<ChatCompletionChunk> stream = sdk("sk-not-an-aws-key")
                .chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("test/bedrock-stored")
                        .addUserMessage("Hello again, streamed.")
                        .build())) {
            stream.stream().forEach(chunk -> {});
        }

        assertThat(stub.received()).isNotEmpty();
        for (BedrockStub.Received upstream : stub.received()) {
            Map<String, List<String>> withoutAuth = lowerCased(upstream.headers());
            assertThat(withoutAuth.toString()).doesNotContain(SECRET);
            withoutAuth.remove("authorization");
            withoutAuth.remove("x-amz-security-token");
            assertThat(withoutAuth.toString() + new String(upstream.body(), StandardCharsets.UTF_8))
                    .doesNotContain(ACCESS_KEY)
                    .doesNotContain(TOKEN)
                    .doesNotContain(SECRET);
        }
        String everyLogLine = logs.text();
        assertThat(everyLogLine).isNotEmpty();
        List<Path> data = TestGateway.filesUnder(gateway.dataDir());
        for (String secret : List.of(SECRET, TOKEN, ACCESS_KEY)) {
            assertThat(everyLogLine).doesNotContain(secret);
            for (Path file : data) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret);
            }
        }
    }

    private static OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(gateway.openAiBaseUrl())
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(headers);
        return out;
    }
}
