package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.mock.MockUpstream;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The governed-chat route template as docs/extending.md instantiates it: another path, its own alias and policy. */
class RouteTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMAIL_PROMPT = "please write to jane.doe@example.org about the refund";

    static MockUpstream mock;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        mock = MockUpstream.start("127.0.0.1", 0);
        Path config = Files.createTempFile("caravan-template", ".yaml");
        Files.writeString(
                config,
                """
                routes:
                  - alias: support/auto
                    targets:
                      - upstream: %s
                        model: gpt-4o-mini
                """
                        .formatted(mock.baseUrl()));
        Path supportPolicy = Files.createTempFile("acme-support-policy", ".yaml");
        Files.writeString(
                supportPolicy,
                """
                guardrails:
                  prompt:
                    categories:
                      pii_email: { action: deny }
                """);
        gateway = TestGateway.start(
                Map.of(
                        "caravan.config", config.toString(),
                        "camel.main.routesBuilderClasses", "com.acme.gateway.SupportChatRoute",
                        "acme.support-policy", supportPolicy.toString()),
                Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        mock.close();
    }

    @BeforeEach
    void forget() {
        mock.clear();
    }

    private static HttpResponse<String> ask(String path, String model, String text) {
        String body = JSON.createObjectNode()
                .put("model", model)
                .set(
                        "messages",
                        JSON.createArrayNode()
                                .add(JSON.createObjectNode().put("role", "user").put("content", text)))
                .toString();
        return Http.send(Http.post(gateway.url() + path, body)
                .header("authorization", "Bearer sk-template-test")
                .header("x-caravan-upstream", mock.baseUrl())
                .build());
    }

    @Test
    void theTemplatedEndpointSendsEveryCallToItsAliasWhateverModelIsAsked() throws IOException {
        HttpResponse<String> answer = ask("/support/v1/chat/completions", "gpt-5", "hello support");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-caravan-route")).contains("support/auto");
        assertThat(JSON.readTree(mock.received().get(0).body()).path("model").asText())
                .isEqualTo("gpt-4o-mini");
        assertThat(answer.headers().firstValue("x-caravan-receipt")).isPresent();
    }

    @Test
    void theTemplatedEndpointJudgesByItsOwnPolicyAndTheMainEndpointByTheGateways() {
        HttpResponse<String> support = ask("/support/v1/chat/completions", "any", EMAIL_PROMPT);
        HttpResponse<String> main = ask("/v1/chat/completions", "gpt-4o-mini", EMAIL_PROMPT);

        assertThat(support.statusCode()).as(support.body()).isEqualTo(403);
        assertThat(support.body()).contains("policy_denied");
        assertThat(main.statusCode()).as(main.body()).isEqualTo(200);
        assertThat(mock.received()).hasSize(1);
        assertThat(mock.received().get(0).bodyText())
                .contains("[REDACTED:pii_email]")
                .doesNotContain("jane.doe@example.org");
    }

    @Test
    void aStreamOnTheTemplatedEndpointIsRelayedAndGoverned() {
        String body =
                "{\"model\":\"x\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"stream please\"}]}";
        HttpResponse<String> stream = Http.send(Http.post(gateway.url() + "/support/v1/chat/completions", body)
                .header("authorization", "Bearer sk-template-test")
                .build());

        assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
        assertThat(stream.body())
                .contains("\"content\":\"echo: \"")
                .contains(": caravan-receipt ")
                .contains("data: [DONE]");
    }
}
