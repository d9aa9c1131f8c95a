package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.keys.KeyHash;
import dev.caravan.providers.bedrock.AwsCredentials;
import dev.caravan.providers.bedrock.ConverseEvent;
import dev.caravan.providers.bedrock.EventFrames;
import dev.caravan.support.BedrockStub;
import dev.caravan.support.CapturedLogs;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code /bedrock} ingress against a stub Bedrock that re-verifies SigV4 over the bytes it received and streams
 * real AWS event-stream frames: plain and streamed calls, prompt and completion governance, Bedrock-shaped refusals,
 * and AWS credentials that go nowhere but into the signature.
 */
class BedrockIngressTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "eu-west-1";
    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String ACCESS_KEY = "AKIACARAVANTEST77Q2X";
    private static final String SECRET = "cAr4vAnS3cr3tAcc3ssK3y/bEdr0ckT3stV4lu3xy";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjECaravanSessionToken0123456789abcdefXYZ";
    private static final String GATEWAY_KEY = "cvn_bedrock_ingress_test_key_0001";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static BedrockStub stub;
    static TestGateway gateway;
    static CapturedLogs logs;

    @BeforeAll
    static void start() throws IOException {
        logs = CapturedLogs.start();
        stub = BedrockStub.start(new AwsCredentials(ACCESS_KEY, SECRET, TOKEN), REGION);
        Path config = Files.createTempFile("caravan-bedrock", ".yaml");
        Files.writeString(
                config,
                """
                guardrails:
                  custom:
                    - name: forbidden
                      keywords: [kaboom]
                      action: deny
                      phases: [prompt]
                keys:
                  - hash: %s
                    workspace: bedrock
                """
                        .formatted(KeyHash.of(GATEWAY_KEY)));
        gateway = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        stub.close();
        logs.close();
    }

    @Test
    void aConverseCallIsResignedForItsRegionAndAnsweredWithReceiptAndAudit() throws Exception {
        stub.answers("Hello from Bedrock.", List.of());
        int before = stub.received().size();

        HttpResponse<String> response = send(converse("/converse", "Say hello."));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.at("/output/message/content/0/text").asText()).isEqualTo("Hello from Bedrock.");
        assertThat(answer.at("/usage/totalTokens").asInt()).isEqualTo(17);
        assertThat(response.headers().firstValue("x-caravan-receipt")).isPresent();
        assertThat(response.headers().firstValue("x-amzn-requestid")).hasValue("stub-request-1");
        BedrockStub.Received upstream = stub.received().get(before);
        assertThat(upstream.signatureValid()).isTrue();
        assertThat(upstream.path()).isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
        assertThat(header(upstream, "authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
                .contains("/" + REGION + "/bedrock/aws4_request");
        assertThat(header(upstream, "x-amz-security-token")).isEqualTo(TOKEN);
        assertThat(upstream.headers().keySet())
                .noneMatch(name -> name.toLowerCase().startsWith("x-caravan"));
        String decisionId =
                response.headers().firstValue("x-caravan-decision-id").orElseThrow();
        assertThat(auditLineOf(decisionId)).contains("/bedrock/v1/converse");
    }

    @Test
    void aConverseStreamArrivesAsEventStreamFramesWithItsUsageMeteredAndItsReceiptAnnounced() throws Exception {
        stub.answers("", List.of("Hel", "lo ", "there."));

        HttpResponse<byte[]> response = sendBytes(converse("/converse-stream", "Say hello, streamed."));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue(EventFrames.CONTENT_TYPE);
        List<ConverseEvent> events = decode(response.body());
        List<String> types = events.stream().map(ConverseEvent::type).toList();
        assertThat(types.get(0)).isEqualTo("messageStart");
        assertThat(types.subList(1, types.size() - 4)).isNotEmpty().containsOnly("contentBlockDelta");
        assertThat(types.subList(types.size() - 4, types.size()))
                .containsExactly("contentBlockStop", "messageStop", "caravanReceipt", "metadata");
        assertThat(text(events)).isEqualTo("Hello there.");
        String decisionId =
                response.headers().firstValue("x-caravan-decision-id").orElseThrow();
        ConverseEvent receipt = events.get(events.size() - 2);
        assertThat(receipt.payload().get("decisionId").asText()).isEqualTo(decisionId);
        JsonNode audit = JSON.readTree(auditLineOf(decisionId));
        assertThat(audit.toString())
                .contains("\"total_tokens\":30")
                .contains(receipt.payload().get("receipt").asText());
    }

    @Test
    void aSecretSplitAcrossTwoDeltaFramesArrivesMasked() throws Exception {
        String key = DefaultGuardrailsTest.projectKey(new Random(7));
        stub.answers("", List.of("Use " + key.substring(0, 70), key.substring(70) + " in the header."));

        HttpResponse<byte[]> response = sendBytes(converse("/converse-stream", "Which key do I use?"));

        List<ConverseEvent> events = decode(response.body());
        assertThat(text(events)).isEqualTo("Use [REDACTED:secret] in the header.");
        String wire = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertThat(wire).doesNotContain(key.substring(10, 30)).doesNotContain(key.substring(80, 100));
        assertThat(events).extracting(ConverseEvent::type).endsWith("caravanReceipt", "metadata");
    }

    @Test
    void aSecretInAPlainAnswerIsMaskedAndTheRestKept() throws Exception {
        String key = DefaultGuardrailsTest.projectKey(new Random(8));
        stub.answers("Use " + key + " now.", List.of());

        HttpResponse<String> response = send(converse("/converse", "Which key?"));

        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.at("/output/message/content/0/text").asText()).isEqualTo("Use [REDACTED:secret] now.");
        assertThat(answer.at("/usage/totalTokens").asInt()).isEqualTo(17);
    }

    @Test
    void aPromptMaskedByTheGatewayIsSignedOverTheMaskedBytes() throws Exception {
        String key = DefaultGuardrailsTest.projectKey(new Random(9));
        stub.answers("Noted.", List.of());
        int before = stub.received().size();

        HttpResponse<String> response = send(converse("/converse", "Store my key " + key + " safely."));

        assertThat(response.statusCode()).isEqualTo(200);
        BedrockStub.Received upstream = stub.received().get(before);
        String sent = new String(upstream.body(), StandardCharsets.UTF_8);
        assertThat(sent).contains("[REDACTED:secret]").doesNotContain(key.substring(10, 40));
        assertThat(upstream.signatureValid()).isTrue();
    }

    @Test
    void aDeniedPromptNeverReachesBedrockAndIsRefusedInBedrocksShape() throws Exception {
        int before = stub.received().size();

        HttpResponse<String> response = send(converse("/converse", "Please say kaboom."));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("message");
        assertThat(body.get("message").asText()).contains("custom.forbidden");
        assertThat(stub.received()).hasSize(before);
    }

    @Test
    void gatewayRefusalsUseBedrocksErrorShape() throws Exception {
        HttpResponse<String> noKey = send(HttpRequest.newBuilder(URI.create(gateway.url() + "/bedrock/v1/converse"))
                .POST(HttpRequest.BodyPublishers.ofString(body("hi")))
                .header("content-type", "application/json")
                .header("x-caravan-bedrock-model", MODEL)
                .header("x-caravan-aws-region", REGION)
                .header("x-caravan-aws-access-key-id", ACCESS_KEY)
                .header("x-caravan-aws-secret-access-key", SECRET)
                .build());
        HttpResponse<String> noCredentials =
                send(HttpRequest.newBuilder(URI.create(gateway.url() + "/bedrock/v1/converse"))
                        .POST(HttpRequest.BodyPublishers.ofString(body("hi")))
                        .header("x-caravan-key", GATEWAY_KEY)
                        .header("x-caravan-bedrock-model", MODEL)
                        .header("x-caravan-aws-region", REGION)
                        .build());
        HttpResponse<String> malformed = send(HttpRequest.newBuilder(URI.create(gateway.url() + "/bedrock/v1/converse"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .header("x-caravan-key", GATEWAY_KEY)
                .build());

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("x-amzn-ErrorType")).hasValue("UnrecognizedClientException");
        assertThat(noCredentials.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noCredentials.body()).get("message").asText()).contains("X-Caravan-AWS-Access-Key-Id");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
        assertThat(JSON.readTree(malformed.body()).has("message")).isTrue();
    }

    @Test
    void awsCredentialsAppearNowhereButInTheSignature() throws Exception {
        send(converse("/converse", "Hello again."));
        sendBytes(converse("/converse-stream", "Hello again, streamed."));
        send(converse("/converse", "kaboom"));

        List<String> secrets = List.of(SECRET, TOKEN);
        for (BedrockStub.Received upstream : stub.received()) {
            String seen = upstream.path() + new String(upstream.body(), StandardCharsets.UTF_8) + upstream.headers();
            assertThat(seen).doesNotContain(SECRET);
            Map<String, List<String>> withoutAuth = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            withoutAuth.putAll(upstream.headers());
            withoutAuth.remove("authorization");
            withoutAuth.remove("x-amz-security-token");
            assertThat(withoutAuth.toString() + new String(upstream.body(), StandardCharsets.UTF_8))
                    .doesNotContain(ACCESS_KEY)
                    .doesNotContain(TOKEN);
        }
        String everyLogLine = logs.text();
        assertThat(everyLogLine).isNotEmpty();
        for (String secret : List.of(SECRET, TOKEN, ACCESS_KEY)) {
            assertThat(everyLogLine).doesNotContain(secret);
            for (Path file : TestGateway.filesUnder(gateway.dataDir())) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret);
            }
        }
        assertThat(secrets).isNotEmpty();
    }

    private static HttpRequest converse(String path, String prompt) {
        return HttpRequest.newBuilder(URI.create(gateway.url() + "/bedrock/v1" + path))
                .POST(HttpRequest.BodyPublishers.ofString(body(prompt)))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .header("x-caravan-key", GATEWAY_KEY)
                .header("x-caravan-bedrock-model", MODEL)
                .header("x-caravan-aws-region", REGION)
                .header("x-caravan-aws-access-key-id", ACCESS_KEY)
                .header("x-caravan-aws-secret-access-key", SECRET)
                .header("x-caravan-aws-session-token", TOKEN)
                .header("x-caravan-upstream", stub.baseUrl())
                .build();
    }

    private static String body(String prompt) {
        var root = JSON.createObjectNode();
        root.putArray("messages")
                .addObject()
                .put("role", "user")
                .putArray("content")
                .addObject()
                .put("text", prompt);
        root.putObject("inferenceConfig").put("maxTokens", 200);
        return root.toString();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> sendBytes(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<ConverseEvent> decode(byte[] body) {
        return new EventFrames()
                .feed(body, 0, body.length).stream()
                        .map(frame -> EventFrames.read(frame.message()))
                        .toList();
    }

    private static String text(List<ConverseEvent> events) {
        StringBuilder text = new StringBuilder();
        for (ConverseEvent event : events) {
            if (event.is("contentBlockDelta")) {
                text.append(event.payload().path("delta").path("text").asText(""));
            }
        }
        return text.toString();
    }

    private static String header(BedrockStub.Received received, String name) {
        return received.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    /** The audit line of one call, awaited: the audit sink writes after the answer. */
    private static String auditLineOf(String decisionId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Path file : TestGateway.filesUnder(gateway.dataDir().resolve("audit"))) {
                for (String line : Files.readAllLines(file)) {
                    if (line.contains(decisionId)) {
                        return line;
                    }
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no audit line for " + decisionId);
    }
}
