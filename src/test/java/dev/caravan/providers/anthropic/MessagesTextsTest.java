package dev.caravan.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.GatewayException;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.guardrails.policy.ScanText;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessagesTextsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-proj-" + "Zq8vN2rT5wXk3LmP9sYb4HcJ7fGd1QeR6tUa0VnM";
    private static final GuardEngine ENGINE = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());

    private static final String REQUEST =
            """
            {"model":"claude-sonnet-4-5","max_tokens":100,
             "system":[{"type":"text","text":"You are the ops bot."}],
             "messages":[
               {"role":"user","content":"Deploy with key %1$s please"},
               {"role":"assistant","content":[
                 {"type":"thinking","thinking":"I saw %1$s","signature":"EqQBsig"},
                 {"type":"text","text":"Running it."},
                 {"type":"tool_use","id":"toolu_1","name":"shell","input":{"cmd":"deploy --token %1$s","tags":["a","%1$s"]}}]},
               {"role":"user","content":[
                 {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"done, used %1$s"}]},
                 {"type":"document","source":{"type":"text","media_type":"text/plain","data":"notes: %1$s"}}]}]}
            """
                    .formatted(KEY);

    private static MessagesRequest request() {
        return MessagesRequest.parse(REQUEST.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyPromptTextIsReadFromItsOwnPlace() {
        MessagesTexts texts = request().promptTexts();

        assertThat(texts.texts())
                .extracting(ScanText::source)
                .containsExactly(
                        Source.SYSTEM,
                        Source.USER,
                        Source.ASSISTANT,
                        Source.TOOL_ARGUMENTS,
                        Source.TOOL_ARGUMENTS,
                        Source.TOOL_ARGUMENTS,
                        Source.TOOL_RESULT,
                        Source.USER);
        assertThat(texts.texts()).extracting(ScanText::text).noneMatch(t -> t.startsWith("I saw"));
    }

    @Test
    void maskingWritesBackIntoTheTreeKeepingToolInputValidAndThinkingUntouched() throws Exception {
        MessagesRequest request = request();
        MessagesTexts texts = request.promptTexts();
        Outcome outcome = ENGINE.check(Phase.PROMPT, texts.texts());

        texts.write(outcome.texts());
        JsonNode sent = JSON.readTree(request.rewritten().upstreamBodyFor("claude-sonnet-4-5"));

        JsonNode assistant = sent.path("messages").path(1).path("content");
        assertThat(assistant.path(0).path("thinking").asText()).isEqualTo("I saw " + KEY);
        assertThat(assistant.path(2).path("input").path("cmd").asText()).isEqualTo("deploy --token [REDACTED:secret]");
        assertThat(assistant.path(2).path("input").path("tags").path(1).asText())
                .isEqualTo("[REDACTED:secret]");
        assertThat(sent.path("messages").path(0).path("content").asText())
                .isEqualTo("Deploy with key [REDACTED:secret] please");
        assertThat(sent.path("messages")
                        .path(2)
                        .path("content")
                        .path(0)
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo("done, used [REDACTED:secret]");
        assertThat(sent.path("messages")
                        .path(2)
                        .path("content")
                        .path(1)
                        .path("source")
                        .path("data")
                        .asText())
                .isEqualTo("notes: [REDACTED:secret]");
        assertThat(sent.path("system").path(0).path("text").asText()).isEqualTo("You are the ops bot.");
    }

    @Test
    void anUnchangedRequestGoesUpstreamAsTheClientSentIt() {
        byte[] raw = "{\"model\":\"m\",  \"messages\":[{\"role\":\"user\",\"content\":\"hi\"}], \"max_tokens\": 9}"
                .getBytes(StandardCharsets.UTF_8);

        MessagesRequest request = MessagesRequest.parse(raw);

        assertThat(request.upstreamBodyFor("m")).isSameAs(raw);
        assertThat(request.maxOutputTokens(4096)).isEqualTo(9);
        assertThat(request.stream()).isFalse();
    }

    @Test
    void aRequestWithoutModelOrMessagesIsRefusedAsInvalid() {
        assertThatThrownBy(() -> MessagesRequest.parse("{\"messages\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("model");
        assertThatThrownBy(() -> MessagesRequest.parse("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("messages");
        assertThatThrownBy(() -> MessagesRequest.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GatewayException.class);
    }

    @Test
    void anAnswersTextAndToolInputAreGovernedAndADenyBecomesARefusal() throws Exception {
        ObjectNode answer = (ObjectNode)
                JSON.readTree(
                        """
                {"id":"msg_1","type":"message","role":"assistant","model":"m",
                 "content":[{"type":"thinking","thinking":"hmm","signature":"s"},
                            {"type":"text","text":"Running it."},
                            {"type":"tool_use","id":"t","name":"shell","input":{"cmd":"rm -rf / --no-preserve-root"}}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":4}}
                """);
        MessagesTexts texts = MessagesTexts.ofAnswer(answer);
        Outcome outcome = ENGINE.check(Phase.COMPLETION, texts.texts());

        texts.write(outcome.texts());
        MessagesVerdicts.withhold(answer, outcome);

        assertThat(texts.texts())
                .extracting(ScanText::source)
                .containsExactly(Source.COMPLETION, Source.TOOL_ARGUMENTS);
        assertThat(texts.choiceOf(1)).isZero();
        assertThat(answer.path("stop_reason").asText()).isEqualTo("refusal");
        assertThat(answer.path("content")).hasSize(1);
        assertThat(answer.path("content").path(0).path("text").asText())
                .startsWith("[This answer was withheld")
                .contains("destructive");
        assertThat(answer.path("usage").path("output_tokens").asInt()).isEqualTo(4);
    }
}
