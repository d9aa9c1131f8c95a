package dev.caravan.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.caravan.audit.AuditFile;
import dev.caravan.mock.MockUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A mock upstream and a gateway under a policy that denies one made-up word in prompts and answers (and keeps the
 * default guardrails), for one test class, with what tests of an ingress ask of it: the official OpenAI SDK pointed at
 * it, raw calls, receipts and audit events. The mock forgets its requests before each test.
 */
public final class Governed implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    /** The word the policy denies, in prompts and answers. */
    public static final String DENIED_WORD = "kaboom";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The policy of the governed tests: the denied word, in prompts and answers. */
    public static final String POLICY =
            """
            guardrails:
              custom:
                - name: forbidden
                  keywords: [kaboom]
                  action: deny
                  phases: [prompt, completion]
            """;

    private final String providerKey;
    private MockUpstream mock;
    private TestGateway gateway;
    private OpenAIClient client;

    public Governed(String providerKey) {
        this.providerKey = providerKey;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        mock = MockUpstream.start("127.0.0.1", 0);
        Path config = Files.createTempFile("caravan-governed", ".yaml");
        Files.writeString(config, POLICY);
        gateway = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of());
        client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.openAiBaseUrl())
                .apiKey(providerKey)
                .putHeader("X-Caravan-Upstream", mock.baseUrl())
                .maxRetries(0)
                .build();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        mock.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        gateway.close();
        mock.close();
    }

    /** The official OpenAI SDK with the provider key, sending its calls to the mock through the gateway. */
    public OpenAIClient client() {
        return client;
    }

    public MockUpstream mock() {
        return mock;
    }

    public TestGateway gateway() {
        return gateway;
    }

    /** A raw POST of {@code json} to {@code /v1/<path>} with the provider key and the mock as upstream. */
    public HttpResponse<String> post(String path, String json) {
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/" + path, json)
                .header("authorization", "Bearer " + providerKey)
                .header("x-caravan-upstream", mock.baseUrl())
                .build());
    }

    /** The signed payload of a call's receipt. */
    public JsonNode receipt(String decisionId) {
        String body = Http.send(HttpRequest.newBuilder(URI.create(gateway.openAiBaseUrl() + "/receipts/" + decisionId))
                        .GET()
                        .build())
                .body();
        return read(body).path("payload");
    }

    /** The call's audit event, awaited in today's audit file. */
    public JsonNode auditEvent(String decisionId) {
        Path file = AuditFile.fileFor(gateway.dataDir().resolve("audit"), LocalDate.now(ZoneOffset.UTC));
        return await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> Files.exists(file)
                                ? Files.readAllLines(file).stream()
                                        .filter(line -> line.contains(decisionId))
                                        .findFirst()
                                        .map(Governed::read)
                                        .orElse(null)
                                : null,
                        event -> event != null);
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
