package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An integration team's own guardrail beans join the built-in ones; a detector that throws fails open or closed. */
class GuardrailBeansTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Masks ticket numbers such as TCK-123456. */
    static final class TicketNumbers implements Guardrail {
        static final Category CATEGORY = Category.custom("ticket");

        @Override
        public String id() {
            return "ticket-numbers";
        }

        @Override
        public Set<Category> categories() {
            return Set.of(CATEGORY);
        }

        @Override
        public List<Finding> scan(String text, Source source) {
            List<Finding> found = new ArrayList<>();
            for (int i = text.indexOf("TCK-"); i >= 0; i = text.indexOf("TCK-", i + 1)) {
                found.add(new Finding(i, Math.min(text.length(), i + 10), CATEGORY, 1.0));
            }
            return found;
        }
    }

    /** Throws on any text that mentions "boom". */
    static final class Fragile implements Guardrail {
        @Override
        public String id() {
            return "fragile";
        }

        @Override
        public Set<Category> categories() {
            return Set.of(Category.custom("fragile"));
        }

        @Override
        public List<Finding> scan(String text, Source source) {
            if (text.contains("boom")) {
                throw new IllegalStateException("fragile detector broke");
            }
            return List.of();
        }
    }

    static MockUpstream mock;
    static TestGateway open;
    static TestGateway closed;

    @BeforeAll
    static void start() throws IOException {
        mock = MockUpstream.start("127.0.0.1", 0);
        Path config = Files.createTempFile("caravan-beans", ".yaml");
        Files.writeString(
                config,
                """
                guardrails:
                  prompt:
                    categories:
                      custom.ticket: { action: redact }
                """);
        Map<String, Object> beans = Map.of("ticketNumbers", new TicketNumbers(), "fragile", new Fragile());
        open = TestGateway.start(Map.of("caravan.config", config.toString()), Map.of(), beans);
        Path failClosed = Files.createTempFile("caravan-fail-closed", ".yaml");
        Files.writeString(failClosed, "guardrails:\n  failClosed: true\n");
        closed = TestGateway.start(Map.of("caravan.config", failClosed.toString()), Map.of(), beans);
    }

    @AfterAll
    static void stop() {
        open.close();
        closed.close();
        mock.close();
    }

    private static HttpResponse<String> ask(TestGateway gateway, String text) {
        String body = JSON.createObjectNode()
                .put("model", "mock")
                .set(
                        "messages",
                        JSON.createArrayNode()
                                .add(JSON.createObjectNode().put("role", "user").put("content", text)))
                .toString();
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", body)
                .header("authorization", "Bearer sk-test-beans")
                .header("x-caravan-upstream", mock.baseUrl())
                .build());
    }

    private static JsonNode receipt(TestGateway gateway, String decisionId) throws IOException {
        HttpResponse<String> found =
                Http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/receipts/" + decisionId))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build());
        return JSON.readTree(found.body()).path("payload");
    }

    @Test
    void aGuardrailBeanIsPickedUpAndItsCategoryFollowsThePolicy() {
        mock.clear();

        HttpResponse<String> response = ask(open, "please look at TCK-123456 today");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(mock.received().get(0).bodyText()).contains("look at [REDACTED:custom.ticket] today");
        assertThat(response.headers().firstValue("x-caravan-signals")).contains("custom.ticket");
    }

    @Test
    void aDetectorThatThrowsFailsOpenAndTheReceiptSaysSo() throws IOException {
        HttpResponse<String> response = ask(open, "boom goes the parser");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode payload = receipt(
                open, response.headers().firstValue("x-caravan-decision-id").orElseThrow());
        assertThat(payload.path("failed_open")).extracting(JsonNode::asText).containsExactly("fragile");
    }

    @Test
    void withFailClosedADetectorThatThrowsRefusesTheCall() throws IOException {
        mock.clear();

        HttpResponse<String> response = ask(closed, "boom goes the parser");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .contains("fails closed");
        assertThat(mock.received()).isEmpty();
    }
}
