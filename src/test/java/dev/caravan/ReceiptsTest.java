package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Sha256;
import dev.caravan.mock.MockUpstream;
import dev.caravan.receipts.ReceiptVerifier;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
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

/** Every call that reached the pipeline leaves a signed, chained receipt that commits to what was sent and returned. */
class ReceiptsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static MockUpstream mock;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstream.start("127.0.0.1", 0);
        gateway = TestGateway.start(Map.of("caravan.node-id", "test-node"), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
    }

    static HttpRequest.Builder chat(String body) {
        return Http.post(gateway.openAiBaseUrl() + "/chat/completions", body)
                .header("authorization", "Bearer sk-receipts-test")
                .header("x-caravan-upstream", mock.baseUrl());
    }

    static JsonNode receipt(String decisionId) throws Exception {
        HttpResponse<String> response =
                Http.send(HttpRequest.newBuilder(URI.create(gateway.openAiBaseUrl() + "/receipts/" + decisionId))
                        .GET()
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void aPlainCallNamesItsReceiptWhichCommitsToTheExactBytesBothWays() throws Exception {
        String body = Http.chat("mock", false);
        HttpResponse<String> response = Http.send(chat(body).build());

        assertThat(response.headers().firstValue("x-caravan-receipt"))
                .hasValueSatisfying(v -> assertThat(v).matches("test-node:\\d+"));
        String decisionId =
                response.headers().firstValue("x-caravan-decision-id").orElseThrow();
        JsonNode payload = receipt(decisionId).path("payload");
        assertThat(payload.path("decision_id").asText()).isEqualTo(decisionId);
        assertThat(payload.path("request_sha256").asText())
                .isEqualTo(Sha256.hex(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(payload.path("response_sha256").asText())
                .isEqualTo(Sha256.hex(response.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(payload.path("status").asInt()).isEqualTo(200);
        assertThat(payload.path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(payload.path("decision").asText()).isEqualTo("allow");
        assertThat(payload.path("verdicts").path("prompt").asText()).isEqualTo("allow");
        assertThat(payload.path("verdicts").path("completion").asText()).isEqualTo("allow");
        assertThat(payload.path("signals")).isEmpty();
        assertThat(payload.path("risk").asText()).isEqualTo("0.00");
        assertThat(payload.path("policy_version").asText()).startsWith("sha256:");
        assertThat(payload.toString()).doesNotContain("sk-receipts-test").doesNotContain("hello there");
    }

    @Test
    void aStreamEndsWithItsReceiptLineJustBeforeDoneAndTheHashCoversWhatCameBefore() throws Exception {
        HttpResponse<String> response =
                Http.send(chat(Http.chat("mock?chunks=5", true)).build());

        String text = response.body();
        int comment = text.indexOf(": caravan-receipt ");
        assertThat(comment).isPositive();
        assertThat(text.substring(comment))
                .matches("(?s): caravan-receipt test-node:\\d+ [0-9a-f-]{36}\n\ndata: \\[DONE]\n\n");
        String decisionId =
                response.headers().firstValue("x-caravan-decision-id").orElseThrow();
        assertThat(text.substring(comment)).contains(decisionId);
        JsonNode payload = receipt(decisionId).path("payload");
        assertThat(payload.path("response_sha256").asText())
                .isEqualTo(Sha256.hex(text.substring(0, comment).getBytes(StandardCharsets.UTF_8)));
        assertThat(payload.path("stream").asBoolean()).isTrue();
        assertThat(payload.path("truncated").asBoolean()).isFalse();
        assertThat(payload.path("usage").path("total_tokens").asInt()).isPositive();
    }

    @Test
    void aCutStreamIsReceiptedAsTruncatedWithItsLineBeforeTheErrorEvent() throws Exception {
        HttpResponse<String> response =
                Http.send(chat(Http.chat("mock?chunks=5&cut_after=2", true)).build());

        assertThat(response.body())
                .containsPattern(": caravan-receipt test-node:\\d+ [0-9a-f-]{36}\n\ndata: \\{\"error\"");
        JsonNode payload = receipt(
                        response.headers().firstValue("x-caravan-decision-id").orElseThrow())
                .path("payload");
        assertThat(payload.path("truncated").asBoolean()).isTrue();
        assertThat(payload.path("error").asText()).isEqualTo("upstream_stream_failed");
    }

    @Test
    void refusedAndFailedCallsAreReceiptedButCallsRefusedAtTheDoorAreNot() {
        HttpResponse<String> upstreamError =
                Http.send(chat(Http.chat("mock?status=503", false)).build());
        HttpResponse<String> ssrf = Http.send(chat(Http.chat("mock", false))
                .setHeader("x-caravan-upstream", "http://169.254.169.254/v1")
                .build());
        HttpResponse<String> noKey =
                Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("mock", false))
                        .header("x-caravan-upstream", mock.baseUrl())
                        .build());
        HttpResponse<String> malformed = Http.send(chat("{nope").build());

        assertThat(upstreamError.headers().firstValue("x-caravan-receipt")).isPresent();
        assertThat(ssrf.headers().firstValue("x-caravan-receipt")).isPresent();
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("x-caravan-receipt")).isEmpty();
        assertThat(malformed.headers().firstValue("x-caravan-receipt")).isEmpty();
    }

    @Test
    void anUnknownDecisionIdIsA404() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                        URI.create(gateway.openAiBaseUrl() + "/receipts/00000000-0000-0000-0000-000000000000"))
                .GET()
                .build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("not_found");
    }

    @Test
    void theWholeChainVerifiesAgainstTheServedJwks() throws Exception {
        for (int i = 0; i < 5; i++) {
            Http.send(chat(Http.chat("mock", i % 2 == 0)).build());
        }
        HttpResponse<String> jwks =
                Http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/.well-known/caravan/jwks.json"))
                        .GET()
                        .build());
        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode key = JSON.readTree(jwks.body()).path("keys").path(0);
        assertThat(key.path("kty").asText()).isEqualTo("OKP");
        assertThat(key.path("crv").asText()).isEqualTo("Ed25519");

        Path log = gateway.dataDir().resolve("receipts").resolve("test-node.jsonl");
        ReceiptVerifier verifier = ReceiptVerifier.fromJwks(jwks.body());
        // Every receipt is on disk within a second of its call; the log is read while the gateway keeps running.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(log) && verifier.verifyChain(log).receipts() >= 5);
        ReceiptVerifier.Result result = verifier.verifyChain(log);
        assertThat(result.valid()).as(result.message()).isTrue();
        assertThat(Files.readString(log)).doesNotContain("sk-receipts-test").doesNotContain("hello there");
    }
}
