package dev.caravan.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Phase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatStreamGovernorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GuardEngine ENGINE = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());

    private final ChatStreamTap tap =
            new ChatStreamTap(false, new ChatStreamGovernor(ENGINE.stream(Phase.COMPLETION), 2));
    private final ByteArrayOutputStream client = new ByteArrayOutputStream();

    private static ObjectNode chunk(int index, ObjectNode delta, String finish) {
        ObjectNode choice = JSON.createObjectNode().put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        ObjectNode chunk = JSON.createObjectNode()
                .put("id", "chatcmpl-1")
                .put("object", "chat.completion.chunk")
                .put("created", 1)
                .put("model", "m");
        chunk.set("choices", JSON.createArrayNode().add(choice));
        return chunk;
    }

    private static ObjectNode content(String text) {
        return JSON.createObjectNode().put("content", text);
    }

    private void send(ObjectNode chunk) {
        byte[] event = ("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8);
        client.writeBytes(tap.feed(event, 0, event.length));
    }

    private List<JsonNode> received() throws IOException {
        client.writeBytes(tap.remainder());
        List<JsonNode> events = new ArrayList<>();
        for (String event : client.toString(StandardCharsets.UTF_8).split("\n\n")) {
            assertThat(event).startsWith("data: ");
            events.add(JSON.readTree(event.substring(6)));
        }
        return events;
    }

    private static String text(List<JsonNode> events, int index) {
        return text(events, index, "content");
    }

    private static String text(List<JsonNode> events, int index, String field) {
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events) {
            for (JsonNode choice : event.path("choices")) {
                if (choice.path("index").asInt() == index) {
                    text.append(choice.path("delta").path(field).asText(""));
                }
            }
        }
        return text.toString();
    }

    private static ObjectNode delta(String field, String text) {
        return JSON.createObjectNode().put(field, text);
    }

    @Test
    void reasoningAndRefusalDeltasAreRedactedLikeContentEachInItsOwnField() throws IOException {
        send(chunk(0, delta("reasoning_content", "They wrote jane"), null));
        send(chunk(0, delta("reasoning_content", ".doe@exam"), null));
        send(chunk(0, delta("reasoning_content", "ple.com, so"), null));
        send(chunk(0, delta("refusal", "I will not mail "), null));
        send(chunk(0, delta("refusal", "jane.doe@"), null));
        send(chunk(0, delta("refusal", "example.com."), null));
        send(chunk(0, JSON.createObjectNode(), "stop"));

        List<JsonNode> events = received();

        assertThat(text(events, 0, "reasoning_content")).isEqualTo("They wrote [REDACTED:pii_email], so");
        assertThat(text(events, 0, "refusal")).isEqualTo("I will not mail [REDACTED:pii_email].");
        assertThat(text(events, 0)).isEmpty();
        assertThat(events).noneMatch(e -> e.toString().contains("doe@"));
    }

    @Test
    void reasoningStillHeldWhenTheContentStartsLeavesBeforeTheContentNotAtTheEnd() throws IOException {
        send(chunk(0, delta("reasoning_content", "Thinking about the answer"), null));
        send(chunk(0, content("The"), null));
        send(chunk(0, content(" answer is 42."), null));
        send(chunk(0, JSON.createObjectNode(), "stop"));

        List<JsonNode> events = received();
        int reasoningEnds = -1;
        int contentStarts = -1;
        for (int i = 0; i < events.size(); i++) {
            JsonNode delta = events.get(i).path("choices").path(0).path("delta");
            if (delta.path("reasoning_content").asText("").contains("answer")) {
                reasoningEnds = i;
            }
            if (contentStarts < 0 && !delta.path("content").asText("").isEmpty()) {
                contentStarts = i;
            }
        }

        assertThat(text(events, 0, "reasoning_content")).isEqualTo("Thinking about the answer");
        assertThat(text(events, 0)).isEqualTo("The answer is 42.");
        assertThat(reasoningEnds).isBetween(0, contentStarts);
    }

    @Test
    void heldTextJoinsTheNextEventAndEmptyEventsAreDroppedNotInvented() throws IOException {
        send(chunk(0, content("").put("role", "assistant"), null));
        send(chunk(0, content("Mail"), null));
        send(chunk(0, content(" jane"), null));
        send(chunk(0, content(".doe@"), null));
        send(chunk(0, content("example.com"), null));
        send(chunk(0, content(" today."), null));
        send(chunk(0, JSON.createObjectNode(), "stop"));

        List<JsonNode> events = received();

        assertThat(text(events, 0)).isEqualTo("Mail [REDACTED:pii_email] today.");
        assertThat(events.get(0)
                        .path("choices")
                        .path(0)
                        .path("delta")
                        .path("role")
                        .asText())
                .isEqualTo("assistant");
        assertThat(events).hasSizeLessThan(7).allSatisfy(e -> assertThat(e.path("choices"))
                .isNotEmpty());
        assertThat(events.get(events.size() - 1)
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("stop");
    }

    @Test
    void textStillHeldWhenAChoiceFinishesGoesOutWithItsFinishEvent() throws IOException {
        send(chunk(0, content("The answer is"), null));
        send(chunk(0, content(" final"), null));
        send(chunk(0, JSON.createObjectNode(), "stop"));

        List<JsonNode> events = received();

        JsonNode last = events.get(events.size() - 1).path("choices").path(0);
        assertThat(last.path("delta").path("content").asText()).isEqualTo("final");
        assertThat(last.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(text(events, 0)).isEqualTo("The answer is final");
    }

    @Test
    void aStreamThatEndsWithoutAFinishReasonStillFlushesWhatWasHeld() throws IOException {
        send(chunk(0, content("no finish"), null));
        byte[] done = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
        client.writeBytes(tap.feed(done, 0, done.length));

        assertThat(text(received(), 0)).isEqualTo("no finish");
    }

    @Test
    void aStreamTheUpstreamCutDropsWhatWasHeldRatherThanReleaseHalfASecret() throws IOException {
        send(chunk(0, content("The key is "), null));
        send(chunk(0, content("sk-proj-Zq8vN2rT5w"), null));

        assertThat(text(received(), 0)).isEqualTo("The key is ");
    }

    @Test
    void aDeniedChoiceEndsWithContentFilterWhileTheOtherChoiceStreamsOn() throws IOException {
        ObjectNode args =
                JSON.createObjectNode().put("index", 0).put("id", "call_1").put("type", "function");
        args.putObject("function").put("name", "shell").put("arguments", "{\"cmd\":\"rm -rf ");
        ObjectNode toolDelta = JSON.createObjectNode();
        toolDelta.putArray("tool_calls").add(args);
        send(chunk(1, toolDelta, null));
        ObjectNode more = JSON.createObjectNode().put("index", 0);
        more.putObject("function").put("arguments", "/ --no-preserve-root\"}");
        ObjectNode moreDelta = JSON.createObjectNode();
        moreDelta.putArray("tool_calls").add(more);
        send(chunk(1, moreDelta, null));
        send(chunk(0, content("Choice zero is fine. "), null));
        send(chunk(1, content("ignored after the deny"), null));
        send(chunk(0, JSON.createObjectNode(), "stop"));

        List<JsonNode> events = received();

        String all = events.toString();
        assertThat(all).doesNotContain("rm -rf").doesNotContain("ignored after the deny");
        assertThat(all).contains("\"finish_reason\":\"content_filter\"");
        assertThat(text(events, 0)).isEqualTo("Choice zero is fine. ");
        assertThat(tap.ended()).isFalse();
    }

    @Test
    void whenEveryChoiceIsDeniedTheGatewayEndsTheStream() {
        ChatStreamTap single = new ChatStreamTap(false, new ChatStreamGovernor(ENGINE.stream(Phase.COMPLETION), 1));
        ObjectNode call = JSON.createObjectNode().put("index", 0).put("id", "call_1");
        call.putObject("function").put("name", "sql").put("arguments", "{\"q\":\"DROP TABLE users;\"}");
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        byte[] event = ("data: " + chunk(0, delta, null) + "\n\n").getBytes(StandardCharsets.UTF_8);

        String out = new String(single.feed(event, 0, event.length), StandardCharsets.UTF_8);

        assertThat(single.ended()).isTrue();
        assertThat(out).contains("content_filter").doesNotContain("DROP");
        assertThat(new String(single.doneEvent(), StandardCharsets.US_ASCII)).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void logProbabilitiesAreRemovedFromAnEventWhoseTextWasHeldOrMasked() throws IOException {
        ObjectNode withLogprobs = chunk(0, content("Call"), null);
        ((ObjectNode) withLogprobs.path("choices").path(0))
                .putObject("logprobs")
                .putArray("content");
        send(withLogprobs);
        send(chunk(0, content(" me."), null));
        send(chunk(0, JSON.createObjectNode(), "stop"));

        assertThat(received()).allSatisfy(e -> assertThat(
                        e.path("choices").path(0).path("logprobs").isNull())
                .isTrue());
    }

    @Test
    void escapedAndNonAsciiContentIsSplicedBackExactly() throws IOException {
        send(chunk(0, content("Grüße \"quoted\"\n\ttab é"), null));
        send(chunk(0, content(" ✓ done "), null));

        assertThat(text(received(), 0)).isEqualTo("Grüße \"quoted\"\n\ttab é ✓ done ");
    }
}
