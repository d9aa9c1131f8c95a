package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.support.Governed;
import dev.caravan.support.Http;
import dev.caravan.support.NativeUpstream;
import dev.caravan.support.NativeUpstream.Reply;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Chat Completions answer's refusal and reasoning text (DeepSeek's {@code reasoning_content}, OpenRouter's
 * {@code reasoning}) pass the completion guardrails like its content, plain and streamed.
 */
class AnswerReasoningAndRefusalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static NativeUpstream upstream;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        upstream = NativeUpstream.start();
        Path config = Files.createTempFile("caravan-reasoning", ".yaml");
        Files.writeString(config, Governed.POLICY); // denies one made-up word, in answers too
        gateway = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void forget() {
        upstream.reset();
    }

    private static HttpResponse<String> ask(boolean stream) {
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", Http.chat("reasoner", stream))
                .header("authorization", "Bearer sk-reasoning-test")
                .header("x-caravan-upstream", upstream.url() + "/v1")
                .build());
    }

    @Test
    void aCardInThePlainAnswersReasoningAndAnAddressInItsRefusalComeBackMasked() throws IOException {
        String card = DefaultGuardrailsTest.visa(new Random(51));
        ObjectNode message = JSON.createObjectNode()
                .put("role", "assistant")
                .putNull("content")
                .put("refusal", "I will not write to jane.doe@example.com for you.")
                .put("reasoning_content", "The card " + card + " belongs to someone else.")
                .put("reasoning", "Card " + card + " again.");
        upstream.then(Reply.json(200, answer(message)));

        HttpResponse<String> response = ask(false);

        JsonNode answered =
                JSON.readTree(response.body()).path("choices").path(0).path("message");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answered.path("refusal").asText()).isEqualTo("I will not write to [REDACTED:pii_email] for you.");
        assertThat(answered.path("reasoning_content").asText())
                .isEqualTo("The card [REDACTED:pii_card] belongs to someone else.");
        assertThat(answered.path("reasoning").asText()).isEqualTo("Card [REDACTED:pii_card] again.");
        assertThat(response.body()).doesNotContain(card).doesNotContain("jane.doe");
        assertThat(response.headers().firstValue("x-caravan-signals").orElse(""))
                .contains("pii_card")
                .contains("pii_email");
    }

    @Test
    void aCardSplitAcrossStreamedReasoningDeltasNeverLeavesWhole() {
        String card = DefaultGuardrailsTest.visa(new Random(52));
        String reasoning = "The card " + card + " is not mine to use.";
        StringBuilder sse = new StringBuilder();
        for (int at = 0; at < reasoning.length(); at += 4) {
            String piece = reasoning.substring(at, Math.min(reasoning.length(), at + 4));
            sse.append(event("{\"reasoning_content\":" + quoted(piece) + "}", null));
        }
        sse.append(event("{\"content\":\"I cannot help with that.\"}", null));
        sse.append(event("{}", "stop")).append("data: [DONE]\n\n");
        upstream.then(Reply.sse(sse.toString().getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> response = ask(true);

        StringBuilder received = new StringBuilder();
        for (String event : response.body().split("\n\n")) {
            if (event.startsWith("data: {")) {
                received.append(delta(event).path("reasoning_content").asText(""));
            }
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received.toString()).isEqualTo("The card [REDACTED:pii_card] is not mine to use.");
        assertThat(response.body()).doesNotContain(card.substring(4, 12)).endsWith("data: [DONE]\n\n");
    }

    @Test
    void aDeniedWordInThePlainAnswersReasoningWithholdsTheWholeChoiceReasoningIncluded() throws IOException {
        ObjectNode message = JSON.createObjectNode()
                .put("role", "assistant")
                .put("content", "Here is a harmless summary.")
                .put("reasoning_content", "First the kaboom step, then the summary.");
        upstream.then(Reply.json(200, answer(message)));

        HttpResponse<String> response = ask(false);

        JsonNode choice = JSON.readTree(response.body()).path("choices").path(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(choice.path("message").path("reasoning_content").isNull()).isTrue();
        assertThat(choice.path("message").path("content").asText()).doesNotContain("harmless");
        assertThat(response.body()).doesNotContain("kaboom");
    }

    @Test
    void aDeniedWordInStreamedReasoningEndsTheChoiceBeforeTheWordLeaves() {
        String sse = event("{\"role\":\"assistant\",\"reasoning_content\":\"First the ka\"}", null)
                + event("{\"reasoning_content\":\"boom step\"}", null)
                + event("{\"content\":\"Here is a harmless summary.\"}", null)
                + event("{}", "stop")
                + "data: [DONE]\n\n";
        upstream.then(Reply.sse(sse.getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> response = ask(true);

        assertThat(response.body())
                .doesNotContain("kaboom")
                .doesNotContain("boom step")
                .doesNotContain("harmless");
        assertThat(response.body())
                .contains("\"finish_reason\":\"content_filter\"")
                .endsWith("data: [DONE]\n\n");
    }

    private static byte[] answer(ObjectNode message) throws IOException {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-r")
                .put("object", "chat.completion")
                .put("created", 1)
                .put("model", "reasoner");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.set("message", message);
        body.putObject("usage")
                .put("prompt_tokens", 5)
                .put("completion_tokens", 9)
                .put("total_tokens", 14);
        return JSON.writeValueAsBytes(body);
    }

    private static String event(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-r\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"reasoner\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    private static String quoted(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    private static JsonNode delta(String event) {
        try {
            return JSON.readTree(event.substring(6)).path("choices").path(0).path("delta");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
