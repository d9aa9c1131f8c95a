package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import dev.caravan.call.CallLedger;
import dev.caravan.mock.MockUpstream;
import dev.caravan.routes.Endpoints;
import dev.caravan.support.Http;
import dev.caravan.support.TestGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every guardrail decision end to end, with an operator's policy file, the official SDK and a real upstream. */
class GuardrailPolicyTest {
    private static final String ADMIN_KEY = "test-admin-key-" + System.nanoTime();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY =
            """
            guardrails:
              approvalTtlSeconds: 600
              prompt:
                mode: redact
                categories:
                  destructive: { action: observe }
              custom:
                - name: codename
                  keywords: ["project falcon"]
                  action: deny
                  phases: [prompt]
                - name: payroll
                  keywords: [payroll]
                  action: hold
                  phases: [prompt]
                - name: employee-id
                  regex: "EMP-[0-9]{6}"
                  action: redact
                  phases: [prompt]
                - name: launch-code
                  regex: "LC-[0-9]{4}"
                  action: redact
                  phases: [completion]
                - name: forbidden
                  keywords: [kaboom]
                  action: deny
                  phases: [completion]
            """;

    static MockUpstream mock;
    static TestGateway gateway;
    static OpenAIClient client;
    static CallLedger ledger;

    @BeforeAll
    static void start() throws IOException {
        mock = MockUpstream.start("127.0.0.1", 0);
        Path config = Files.createTempFile("caravan-policy", ".yaml");
        Files.writeString(config, POLICY);
        gateway =
                TestGateway.start(Map.of("caravan.config", config.toString()), Map.of("CARAVAN_ADMIN_KEY", ADMIN_KEY));
        ledger = gateway.gateway().camel().getRegistry().lookupByNameAndType(Endpoints.LEDGER, CallLedger.class);
        // The SDK's own retries stay on (2 by default): a hold must not be retried by the client by itself.
        client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.openAiBaseUrl())
                .apiKey("sk-test-policy-key")
                .putHeader("X-Caravan-Upstream", mock.baseUrl())
                .build();
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

    private static ChatCompletionCreateParams ask(String text) {
        return ChatCompletionCreateParams.builder()
                .model("mock")
                .addUserMessage(text)
                .build();
    }

    private static HttpResponse<String> raw(String text) {
        return Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", body(text))
                .header("authorization", "Bearer sk-test-policy-key")
                .header("x-caravan-upstream", mock.baseUrl())
                .build());
    }

    private static String body(String text) {
        return JSON.createObjectNode()
                .put("model", "mock")
                .set(
                        "messages",
                        JSON.createArrayNode()
                                .add(JSON.createObjectNode().put("role", "user").put("content", text)))
                .toString();
    }

    private static HttpResponse<String> admin(String approvalId, String verb, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(gateway.url() + "/admin/approvals/" + approvalId + "/" + verb))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("X-Caravan-Admin-Key", key);
        }
        return Http.send(request.build());
    }

    private static JsonNode approval(String id) throws IOException {
        HttpResponse<String> poll = Http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/approvals/" + id))
                .GET()
                .build());
        assertThat(poll.statusCode()).isEqualTo(200);
        return JSON.readTree(poll.body());
    }

    @Test
    void aDeniedPromptNeverReachesTheProviderAndNamesTheCategory() {
        PermissionDeniedException denied = catchThrowableOfType(
                PermissionDeniedException.class,
                () -> client.chat().completions().create(ask("status of Project Falcon?")));

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.code()).contains("policy_denied");
        assertThat(denied.getMessage()).contains("custom.codename");
        assertThat(denied.headers().values("x-caravan-signals")).containsExactly("custom.codename");
        assertThat(denied.headers().values("x-caravan-risk")).containsExactly("1.00");
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void aRedactedPromptReachesTheProviderMaskedAndTheAnswerSaysWhichCategoryFired() {
        HttpResponse<String> response = raw("my badge is EMP-123456, what is my desk?");

        assertThat(response.statusCode()).isEqualTo(200);
        String forwarded = mock.received().get(0).bodyText();
        assertThat(forwarded).contains("my badge is [REDACTED:custom.employee-id], what is my desk?");
        assertThat(forwarded).doesNotContain("EMP-123456");
        assertThat(response.headers().firstValue("x-caravan-signals")).contains("custom.employee-id");
        assertThat(response.body()).doesNotContain("EMP-123456");
    }

    @Test
    void aCleanCallSaysNoCategoryFiredAndRiskIsZero() {
        HttpResponse<String> response = raw("what is the capital of France?");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-caravan-signals"))
                .hasValueSatisfying(v -> assertThat(v).isEmpty());
        assertThat(response.headers().firstValue("x-caravan-risk")).contains("0.00");
        assertThat(mock.received().get(0).bodyText()).isEqualTo(body("what is the capital of France?"));
    }

    @Test
    void aHeldPromptWaitsForApprovalAndTheSdkDoesNotRetryItByItself() throws IOException {
        long before = ledger.opened();
        String text = "run the payroll export for March";

        OpenAIServiceException held = catchThrowableOfType(
                OpenAIServiceException.class, () -> client.chat().completions().create(ask(text)));

        assertThat(held.statusCode()).isEqualTo(409);
        assertThat(held.headers().values("x-should-retry")).containsExactly("false");
        String id = held.headers().values("x-caravan-approval-id").get(0);
        assertThat(ledger.opened() - before).isEqualTo(1);
        assertThat(mock.received()).isEmpty();
        assertThat(approval(id).path("status").asText()).isEqualTo("pending");
        assertThat(approval(id).path("categories")).extracting(JsonNode::asText).containsExactly("custom.payroll");
        assertThat(Files.exists(gateway.dataDir().resolve("approvals").resolve(id + ".json")))
                .isTrue();

        assertThat(admin(id, "approve", null).statusCode()).isEqualTo(401);
        assertThat(admin(id, "approve", "wrong-key").statusCode()).isEqualTo(401);
        HttpResponse<String> approved = admin(id, "approve", ADMIN_KEY);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approval(id).path("status").asText()).isEqualTo("approved");

        ChatCompletion completion = client.withOptions(o -> o.putHeader("X-Caravan-Approval-Id", id))
                .chat()
                .completions()
                .create(ask(text));
        assertThat(completion.choices().get(0).message().content()).contains("echo: " + text);
        assertThat(mock.received()).hasSize(1);
    }

    @Test
    void anApprovalCoversOnlyTheExactBodyItWasGivenFor() throws IOException {
        HttpResponse<String> held = raw("payroll for team A");
        String id = held.headers().firstValue("x-caravan-approval-id").orElseThrow();
        assertThat(admin(id, "approve", ADMIN_KEY).statusCode()).isEqualTo(200);

        HttpResponse<String> other =
                Http.send(Http.post(gateway.openAiBaseUrl() + "/chat/completions", body("payroll for team B"))
                        .header("authorization", "Bearer sk-test-policy-key")
                        .header("x-caravan-upstream", mock.baseUrl())
                        .header("X-Caravan-Approval-Id", id)
                        .build());

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.headers().firstValue("x-caravan-approval-id"))
                .isPresent()
                .get()
                .isNotEqualTo(id);
        assertThat(JSON.readTree(other.body()).path("error").path("code").asText())
                .isEqualTo("approval_required");
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void aDeniedApprovalTurnsTheRetryIntoAPolicyDenial() throws IOException {
        String text = "payroll for the whole company";
        String id = catchThrowableOfType(
                        OpenAIServiceException.class,
                        () -> client.chat().completions().create(ask(text)))
                .headers()
                .values("x-caravan-approval-id")
                .get(0);
        assertThat(admin(id, "deny", ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(admin(id, "approve", ADMIN_KEY).statusCode()).isEqualTo(409);

        PermissionDeniedException denied = catchThrowableOfType(
                PermissionDeniedException.class, () -> client.withOptions(o -> o.putHeader("X-Caravan-Approval-Id", id))
                        .chat()
                        .completions()
                        .create(ask(text)));

        assertThat(denied.getMessage()).contains("was denied");
        assertThat(approval(id).path("status").asText()).isEqualTo("denied");
        assertThat(mock.received()).isEmpty();
    }

    @Test
    void holdingTheSameBodyTwiceWhilePendingGivesTheSameApproval() {
        String first = raw("payroll audit")
                .headers()
                .firstValue("x-caravan-approval-id")
                .orElseThrow();
        String second = raw("payroll audit")
                .headers()
                .firstValue("x-caravan-approval-id")
                .orElseThrow();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aSecretInTheAnswerIsMaskedAndEveryOtherFieldIsKept() throws IOException {
        HttpResponse<String> response = raw("read back LC-4711 please");

        JsonNode answer = JSON.readTree(response.body());
        assertThat(mock.received().get(0).bodyText()).contains("LC-4711");
        assertThat(answer.path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("echo: read back [REDACTED:custom.launch-code] please");
        assertThat(answer.path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("stop");
        assertThat(answer.path("id").asText()).startsWith("chatcmpl-mock-");
        assertThat(answer.path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(response.headers().firstValue("x-caravan-signals")).contains("custom.launch-code");
    }

    @Test
    void aDeniedAnswerIsReplacedByANoticeWithFinishReasonContentFilter() {
        ChatCompletion completion = client.chat().completions().create(ask("say kaboom"));

        var choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.CONTENT_FILTER);
        assertThat(choice.message().content()).hasValueSatisfying(c -> assertThat(c)
                .contains("withheld")
                .contains("custom.forbidden")
                .doesNotContain("kaboom"));
        assertThat(mock.received()).hasSize(1);
    }

    @Test
    void aDestructiveToolCallInTheAnswerIsWithheldByDefault() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("mock")
                        .addUserMessage("sudo rm -rf / --no-preserve-root")
                        .addTool(ChatCompletionFunctionTool.builder()
                                .function(FunctionDefinition.builder()
                                        .name("run_shell")
                                        .build())
                                .build())
                        .build());

        var choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.CONTENT_FILTER);
        assertThat(choice.message().toolCalls()).isEmpty();
        assertThat(choice.message().content())
                .hasValueSatisfying(c -> assertThat(c).contains("destructive"));
    }

    @Test
    void adminEndpointsAnswerInTheApiErrorShape() throws IOException {
        HttpResponse<String> unknown = admin("00000000-0000-0000-0000-000000000000", "approve", ADMIN_KEY);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").path("type").asText())
                .isEqualTo("invalid_request_error");
    }
}
