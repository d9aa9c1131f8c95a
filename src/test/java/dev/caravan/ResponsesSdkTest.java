package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.PermissionDeniedException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.caravan.support.Governed;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official OpenAI Java SDK's Responses calls through the gateway, plain and streamed, under the default
 * guardrails plus one denied word: guarded on the way in, masked or withheld on the way out (a stream incrementally,
 * and in every event that repeats the whole text), metered, audited and receipted.
 */
class ResponsesSdkTest {
    private static final String PROVIDER_KEY = "sk-test-responses-sdk-key";

    @RegisterExtension
    static final Governed FIXTURE = new Governed(PROVIDER_KEY);

    private static String replying(String reply, String knobs) {
        return "mock?reply=" + URLEncoder.encode(reply, StandardCharsets.UTF_8) + "&" + knobs;
    }

    private static ResponseCreateParams ask(String model, String input) {
        return ResponseCreateParams.builder().model(model).input(input).build();
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        response.output().forEach(item -> item.message()
                .ifPresent(m -> m.content().forEach(c -> c.outputText().ifPresent(o -> text.append(o.text())))));
        return text.toString();
    }

    /** Streams through the SDK and reassembles the response as the SDK's own accumulator does. */
    private static Response accumulate(ResponseCreateParams params, List<ResponseStreamEvent> events) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream =
                FIXTURE.client().responses().createStreaming(params)) {
            stream.stream().peek(events::add).forEach(accumulator::accumulate);
        }
        return accumulator.response();
    }

    /** The raw events of a streamed call: each event's text, {@code event:} line and {@code data:} line. */
    private static List<String> rawEvents(String model, String input) {
        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"input\":\"" + input + "\"}";
        HttpResponse<String> response = FIXTURE.post("responses", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return List.of(response.body().split("\n\n"));
    }

    @Test
    void aPlainResponseComesBackAsTheProviderSentIt() {
        Response response = FIXTURE.client().responses().create(ask("mock", "hello caravan"));

        assertThat(text(response)).isEqualTo("echo: hello caravan");
        assertThat(response.usage())
                .hasValueSatisfying(u -> assertThat(u.inputTokens()).isPositive());
        assertThat(FIXTURE.mock().received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/responses");
            assertThat(r.header("authorization")).isEqualTo("Bearer " + PROVIDER_KEY);
        });
    }

    @Test
    void aStreamedResponseReassemblesInTheSdkWithItsTypedEvents() {
        List<ResponseStreamEvent> events = new ArrayList<>();

        Response response = accumulate(ask("mock?chunks=6", "stream me please"), events);

        assertThat(text(response)).isEqualTo("echo: stream me please");
        // the redactor may hold a delta that could still grow into a match and release it with the next one
        assertThat(String.join(
                        "",
                        events.stream()
                                .filter(ResponseStreamEvent::isOutputTextDelta)
                                .map(e -> e.asOutputTextDelta().delta())
                                .toList()))
                .isEqualTo("echo: stream me please");
        assertThat(events.get(0).isCreated()).isTrue();
        assertThat(events.get(events.size() - 1).isCompleted()).isTrue();
    }

    @Test
    void aDeniedPromptNeverReachesTheUpstream() {
        assertThatThrownBy(() -> FIXTURE.client().responses().create(ask("mock", "say " + Governed.DENIED_WORD)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> FIXTURE.client()
                        .responses()
                        .createStreaming(ask("mock", Governed.DENIED_WORD))
                        .close())
                .isInstanceOf(PermissionDeniedException.class);

        assertThat(FIXTURE.mock().received()).isEmpty();
    }

    @Test
    void instructionsToolOutputsAndFunctionArgumentsInTheInputAreGuardedToo() {
        String[] bodies = {
            "{\"model\":\"mock\",\"instructions\":\"" + Governed.DENIED_WORD + "\",\"input\":\"hi\"}",
            "{\"model\":\"mock\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"the "
                    + Governed.DENIED_WORD + " result\"}]}",
            "{\"model\":\"mock\",\"input\":[{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\","
                    + "\"arguments\":\"{\\\"x\\\":\\\"" + Governed.DENIED_WORD + "\\\"}\"}]}",
            "{\"model\":\"mock\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\""
                    + Governed.DENIED_WORD + "\"}]}]}"
        };

        for (String body : bodies) {
            HttpResponse<String> response = FIXTURE.post("responses", body);
            assertThat(response.statusCode()).as(body).isEqualTo(403);
            assertThat(Governed.read(response.body()).path("error").path("code").asText())
                    .isEqualTo("policy_denied");
        }
        assertThat(FIXTURE.mock().received()).isEmpty();
    }

    @Test
    void aSecretInTheInputIsMaskedBeforeTheUpstreamSeesIt() {
        String key = DefaultGuardrailsTest.projectKey(new Random(51));

        FIXTURE.client().responses().create(ask("mock", "my key is " + key));

        assertThat(FIXTURE.mock().received().get(0).bodyText())
                .contains("[REDACTED:secret]")
                .doesNotContain(key.substring(10, 40));
    }

    @Test
    void aSecretSplitAcrossTwoDeltasArrivesMaskedAndNeverLeaksThroughTheEventsThatRepeatTheText() {
        String key = DefaultGuardrailsTest.projectKey(new Random(52));
        String reply = "Use " + key + " in the header.";
        String model = replying(reply, "chunks=2");

        List<String> raw = rawEvents(model, "please answer");
        Response response = accumulate(ask(model, "please answer"), new ArrayList<>());

        assertThat(text(response)).isEqualTo("Use [REDACTED:secret] in the header.");
        assertThat(raw).noneMatch(e -> e.contains(key.substring(20, 30)) || e.contains(key.substring(100, 110)));
        for (String type : List.of(
                "response.output_text.done",
                "response.content_part.done",
                "response.output_item.done",
                "response.completed")) {
            assertThat(raw)
                    .filteredOn(e -> e.startsWith("event: " + type + "\n"))
                    .singleElement()
                    .satisfies(e -> assertThat(e).contains("Use [REDACTED:secret] in the header."));
        }
    }

    @Test
    void aGovernedStreamIsNumberedInOrderAndEndsWithItsReceiptJustBeforeTheTerminalEvent() {
        String key = DefaultGuardrailsTest.projectKey(new Random(53));

        List<String> raw = rawEvents(replying("key " + key + " ok", "chunks=9"), "hi");

        List<String> events = raw.stream().filter(e -> e.startsWith("event: ")).toList();
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = Governed.read(events.get(i).substring(events.get(i).indexOf("data: ") + 6));
            assertThat(data.path("sequence_number").asLong()).isEqualTo(i);
            assertThat(events.get(i)).startsWith("event: " + data.path("type").asText() + "\n");
        }
        assertThat(raw.get(raw.size() - 2)).startsWith(": caravan-receipt ");
        assertThat(raw.get(raw.size() - 1)).startsWith("event: response.completed\n");
        String decisionId =
                raw.get(raw.size() - 2).substring(raw.get(raw.size() - 2).lastIndexOf(' ') + 1);
        JsonNode receipt = FIXTURE.receipt(decisionId);
        assertThat(receipt.path("verdicts").path("completion").asText()).isEqualTo("redact");
        assertThat(receipt.path("usage").path("prompt_tokens").asLong()).isPositive();
        assertThat(receipt.path("usage").path("completion_tokens").asLong()).isPositive();
        assertThat(FIXTURE.auditEvent(decisionId).path("stream").asBoolean()).isTrue();
    }

    @Test
    void aDeniedWordMidStreamEndsTheStreamAsAnIncompleteResponse() {
        String reply =
                "A perfectly ordinary opening that streams out first. Then " + Governed.DENIED_WORD + " appears.";
        String model = replying(reply, "chunks=8");

        List<String> raw = rawEvents(model, "please answer");
        Response response = accumulate(ask(model, "please answer"), new ArrayList<>());

        assertThat(raw).noneMatch(e -> e.contains(Governed.DENIED_WORD));
        assertThat(raw.get(raw.size() - 2)).startsWith(": caravan-receipt ");
        assertThat(raw.get(raw.size() - 1)).startsWith("event: response.incomplete\n");
        assertThat(response.status()).hasValueSatisfying(s -> assertThat(s).hasToString("incomplete"));
        assertThat(response.incompleteDetails().flatMap(d -> d.reason()))
                .hasValueSatisfying(r -> assertThat(r).hasToString("content_filter"));
        assertThat(text(response)).startsWith("A perfectly ordinary").doesNotContain(Governed.DENIED_WORD);
    }

    @Test
    void aPlainAnswerWithADeniedWordIsWithheldAsAnIncompleteResponse() {
        Response response = FIXTURE.client()
                .responses()
                .create(ask(replying("here is " + Governed.DENIED_WORD, "chunks=1"), "please answer"));

        assertThat(text(response)).startsWith("[This answer was withheld").contains("custom.forbidden");
        assertThat(response.status()).hasValueSatisfying(s -> assertThat(s).hasToString("incomplete"));
        assertThat(response.incompleteDetails().flatMap(d -> d.reason()))
                .hasValueSatisfying(r -> assertThat(r).hasToString("content_filter"));
    }

    @Test
    void aPlainCallLeavesAnAuditEventAndAReceiptWithItsUsage() {
        HttpResponseFor<Response> raw =
                FIXTURE.client().responses().withRawResponse().create(ask("mock", "count me"));
        Response response = raw.parse();
        String decisionId = raw.headers().values("x-caravan-decision-id").get(0);

        JsonNode receipt = FIXTURE.receipt(decisionId);
        assertThat(receipt.path("usage").path("prompt_tokens").asLong())
                .isEqualTo(response.usage().orElseThrow().inputTokens());
        assertThat(receipt.path("usage").path("completion_tokens").asLong())
                .isEqualTo(response.usage().orElseThrow().outputTokens());
        JsonNode audit = FIXTURE.auditEvent(decisionId);
        assertThat(audit.path("endpoint").asText()).isEqualTo("/v1/responses");
        assertThat(audit.toString()).doesNotContain(PROVIDER_KEY).doesNotContain("count me");
    }

    @Test
    void aStreamCutAfterItsFirstByteEndsWithAnErrorEventTheSdkRaises() {
        List<String> raw = rawEvents("mock?chunks=6&cut_after=2", "cut me");

        assertThat(raw.get(raw.size() - 1)).startsWith("event: error\n").contains("upstream_stream_failed");
        assertThatThrownBy(() -> accumulate(ask("mock?chunks=6&cut_after=2", "cut me"), new ArrayList<>()))
                .isInstanceOf(OpenAIException.class)
                .hasMessageContaining("upstream");
    }
}
