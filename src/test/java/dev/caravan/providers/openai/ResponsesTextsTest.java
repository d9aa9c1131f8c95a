package dev.caravan.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.guardrails.policy.ScanText;
import dev.caravan.providers.BoundTexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the guardrails read of a Responses request and answer, where each text comes from, and how a deny looks. */
class ResponsesTextsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GuardEngine ENGINE = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());

    private static ObjectNode tree(String json) throws IOException {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void everyTextOfARequestIsReadWithItsSourceAndMaskedInPlace() {
        String body =
                """
                {"model": "m", "instructions": "be brief", "input": [
                  {"role": "developer", "content": "dev rules"},
                  {"type": "message", "role": "user", "content": [
                    {"type": "input_text", "text": "question"}, {"type": "input_image", "image_url": "https://x/y.png"}]},
                  {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "earlier"}]},
                  {"type": "function_call", "call_id": "c1", "name": "f", "arguments": "{\\"a\\":1}"},
                  {"type": "function_call_output", "call_id": "c1", "output": "tool said"},
                  {"type": "reasoning", "id": "rs_1", "summary": []}]}
                """;
        ResponsesRequest request = ResponsesRequest.parse(body.getBytes(StandardCharsets.UTF_8));
        BoundTexts texts = request.promptTexts();

        assertThat(texts.texts())
                .containsExactly(
                        new ScanText("be brief", Source.SYSTEM),
                        new ScanText("dev rules", Source.SYSTEM),
                        new ScanText("question", Source.USER),
                        new ScanText("earlier", Source.ASSISTANT),
                        new ScanText("{\"a\":1}", Source.TOOL_ARGUMENTS),
                        new ScanText("tool said", Source.TOOL_RESULT));

        texts.write(List.of("be brief", "dev rules", "[REDACTED:secret]", "earlier", "{\"a\":1}", "tool said"));
        String sent = new String(request.rewritten().upstreamBodyFor("m"), StandardCharsets.UTF_8);
        assertThat(sent).contains("\"text\":\"[REDACTED:secret]\"").doesNotContain("question");
    }

    @Test
    void aStringInputIsOneUserText() {
        ResponsesRequest request =
                ResponsesRequest.parse("{\"model\":\"m\",\"input\":\"hi\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(request.promptTexts().texts()).containsExactly(new ScanText("hi", Source.USER));
        assertThat(request.upstreamBodyFor("other"))
                .asString(StandardCharsets.UTF_8)
                .contains("\"model\":\"other\"");
    }

    @Test
    void anAnswersRefusalAndReasoningTextsAreReadAsCompletionTextOfTheirItemAndMaskedInPlace() throws IOException {
        ObjectNode answer = tree(
                """
                {"id": "resp_1", "object": "response", "status": "completed", "output": [
                  {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "summary"}],
                   "content": [{"type": "reasoning_text", "text": "thinking"}]},
                  {"type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
                   "content": [{"type": "refusal", "refusal": "no"}, {"type": "output_text", "text": "yes"}]}]}
                """);
        BoundTexts texts = ResponsesTexts.ofResponse(answer);

        assertThat(texts.texts())
                .containsExactly(
                        new ScanText("summary", Source.COMPLETION),
                        new ScanText("thinking", Source.COMPLETION),
                        new ScanText("no", Source.COMPLETION),
                        new ScanText("yes", Source.COMPLETION));
        assertThat(List.of(texts.choiceOf(0), texts.choiceOf(1), texts.choiceOf(2), texts.choiceOf(3)))
                .containsExactly(0, 0, 1, 1);

        texts.write(List.of("[REDACTED:a]", "[REDACTED:b]", "[REDACTED:c]", "yes"));
        assertThat(answer.toString())
                .contains("\"text\":\"[REDACTED:a]\"", "\"text\":\"[REDACTED:b]\"", "\"refusal\":\"[REDACTED:c]\"")
                .doesNotContain(":\"summary\"", "thinking", "\"no\"");
    }

    @Test
    void aDeniedFunctionCallInAnAnswerIsWithheldAsAnIncompleteMessageAndTheCleanItemStays() throws IOException {
        ObjectNode answer = tree(
                """
                {"id": "resp_1", "object": "response", "status": "completed", "output": [
                  {"type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
                   "content": [{"type": "output_text", "text": "I will clean up.", "annotations": []}]},
                  {"type": "function_call", "id": "fc_1", "call_id": "c1", "name": "run_shell",
                   "arguments": "{\\"cmd\\":\\"rm -rf / --no-preserve-root\\"}", "status": "completed"}]}
                """);
        BoundTexts texts = ResponsesTexts.ofResponse(answer);

        Outcome outcome = ENGINE.check(Phase.COMPLETION, texts.texts());
        ResponsesVerdicts.withhold(answer, texts, outcome);

        assertThat(texts.texts().get(1).source()).isEqualTo(Source.TOOL_ARGUMENTS);
        assertThat(answer.path("status").asText()).isEqualTo("incomplete");
        assertThat(answer.path("incomplete_details").path("reason").asText()).isEqualTo("content_filter");
        JsonNode output = answer.path("output");
        assertThat(output.path(0).path("content").path(0).path("text").asText()).isEqualTo("I will clean up.");
        assertThat(output.path(1).path("type").asText()).isEqualTo("message");
        assertThat(output.path(1).path("id").asText()).isEqualTo("fc_1");
        assertThat(output.path(1).path("content").path(0).path("text").asText())
                .startsWith("[This answer was withheld");
        assertThat(answer.toString()).doesNotContain("rm -rf");
    }

    @Test
    void anAnswerWithNothingDeniedIsLeftAsItIs() throws IOException {
        ObjectNode answer = tree(
                "{\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"fine\"}]}]}");
        String before = answer.toString();
        BoundTexts texts = ResponsesTexts.ofResponse(answer);

        ResponsesVerdicts.withhold(answer, texts, ENGINE.check(Phase.COMPLETION, texts.texts()));

        assertThat(answer).hasToString(before);
    }
}
