package dev.caravan.providers.anthropic;

import static dev.caravan.support.MessagesEvents.blockStart;
import static dev.caravan.support.MessagesEvents.blockStop;
import static dev.caravan.support.MessagesEvents.delta;
import static dev.caravan.support.MessagesEvents.messageDelta;
import static dev.caravan.support.MessagesEvents.messageStart;
import static dev.caravan.support.MessagesEvents.messageStop;
import static dev.caravan.support.MessagesEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.call.Usage;
import dev.caravan.errors.ApiError;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.policy.Action;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.CategoryRule;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Mode;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.guardrails.policy.PhasePolicy;
import dev.caravan.support.MessagesEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesStreamTapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-proj-" + "Zq8vN2rT5wXk3LmP9sYb4HcJ7fGd1QeR6tUa0VnM";
    private static final GuardEngine DEFAULTS = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());

    private final ByteArrayOutputStream client = new ByteArrayOutputStream();

    private static MessagesStreamTap governed(GuardEngine engine) {
        return new MessagesStreamTap(new MessagesStreamGovernor(engine.stream(Phase.COMPLETION)));
    }

    /** A policy that denies secrets in answers instead of masking them. */
    private static GuardEngine denyingSecrets() {
        GuardPolicy d = GuardPolicy.defaults();
        Map<Category, CategoryRule> rules = new HashMap<>(d.completion().rules());
        rules.put(Category.SECRET, CategoryRule.of(Action.DENY, 0.5));
        return new GuardEngine(
                BuiltInGuardrails.create(),
                GuardPolicy.of(d.prompt(), new PhasePolicy(Mode.REDACT, rules), List.of(), false, Duration.ofHours(1)));
    }

    /** Feeds each event in one read, as the upstream flushes them. */
    private void send(MessagesStreamTap tap, List<String> events) {
        for (String event : events) {
            byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
            client.writeBytes(tap.feed(bytes, 0, bytes.length));
        }
        client.writeBytes(tap.remainder());
    }

    private String received() {
        return client.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> data(String stream) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String event : stream.split("\n\n")) {
            for (String line : event.split("\n")) {
                if (line.startsWith("data: ")) {
                    events.add(JSON.readTree(line.substring(6)));
                }
            }
        }
        return events;
    }

    private static String text(String stream) throws IOException {
        StringBuilder text = new StringBuilder();
        for (JsonNode event : data(stream)) {
            text.append(event.path("delta").path("text").asText(""));
        }
        return text.toString();
    }

    @Test
    void aSecretSplitAcrossTwoTextDeltasArrivesMasked() throws Exception {
        MessagesStreamTap tap = governed(DEFAULTS);

        send(
                tap,
                MessagesEvents.textStream(
                        usage(3, 0, 0, 1), 9, "Use " + KEY.substring(0, 20), KEY.substring(20) + " in the header."));

        assertThat(text(received())).isEqualTo("Use [REDACTED:secret] in the header.");
        assertThat(received()).doesNotContain(KEY.substring(8, 20)).doesNotContain(KEY.substring(20, 30));
        assertThat(received()).doesNotContain("message_stop");
        assertThat(tap.done()).isTrue();
        assertThat(new String(tap.doneEvent(), StandardCharsets.UTF_8)).isEqualTo(messageStop());
    }

    @Test
    void cleanTextIsReleasedAsItStreamsAndWhatIsHeldComesBeforeTheBlockStops() throws Exception {
        MessagesStreamTap tap = governed(DEFAULTS);
        List<String> events = MessagesEvents.textStream(usage(3, 0, 0, 1), 9, "The weather", " is fine", " today.");

        send(tap, events);

        List<JsonNode> out = data(received());
        assertThat(text(received())).isEqualTo("The weather is fine today.");
        int stop = indexOf(out, "content_block_stop");
        assertThat(out.subList(0, stop).stream().filter(e -> e.path("delta").has("text")))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(out.get(stop + 1).path("type").asText()).isEqualTo("message_delta");
    }

    @Test
    void thinkingBlocksPassByteForByteAndToolInputArrivesWhole() throws Exception {
        MessagesStreamTap tap = governed(DEFAULTS);
        List<String> thinking = List.of(
                messageStart(usage(10, 0, 0, 1)),
                blockStart(0, "thinking"),
                delta(0, "thinking_delta", "The user wants the weather; sk-not-a-key-just-thought"),
                delta(0, "signature_delta", "EqQBCgIYAhIM1gbcDa9GJwZA2b3h"),
                blockStop(0));
        List<String> tool = List.of(
                blockStart(1, "tool_use"),
                delta(1, "input_json_delta", "{\"location\": \"San Fra"),
                delta(1, "input_json_delta", "ncisco, CA\"}"),
                blockStop(1),
                messageDelta("tool_use", 40),
                messageStop());

        send(tap, thinking);
        assertThat(received()).isEqualTo(String.join("", thinking));
        client.reset();
        send(tap, tool);

        StringBuilder input = new StringBuilder();
        data(received())
                .forEach(e -> input.append(e.path("delta").path("partial_json").asText("")));
        assertThat(JSON.readTree(input.toString()))
                .isEqualTo(JSON.createObjectNode().put("location", "San Francisco, CA"));
        assertThat(received()).startsWith(tool.get(0)).endsWith(tool.get(3) + tool.get(4));
    }

    @Test
    void aDeniedAnswerStopsItsOpenBlockAndEndsWithStopReasonRefusal() throws Exception {
        MessagesStreamTap tap = governed(denyingSecrets());

        send(tap, MessagesEvents.textStream(usage(3, 0, 0, 1), 9, "Sure. ", "The key is " + KEY, " and more."));

        List<JsonNode> out = data(received());
        assertThat(tap.ended()).isTrue();
        assertThat(received()).doesNotContain(KEY.substring(8, 20));
        assertThat(out.get(out.size() - 2).path("type").asText()).isEqualTo("content_block_stop");
        JsonNode last = out.get(out.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("message_delta");
        assertThat(last.path("delta").path("stop_reason").asText()).isEqualTo("refusal");
        assertThat(last.path("usage").path("input_tokens").asInt()).isEqualTo(3);
        assertThat(new String(tap.doneEvent(), StandardCharsets.UTF_8)).isEqualTo(messageStop());
    }

    @Test
    void eventsCutAnywhereByTheNetworkAreReassembledWhole() {
        MessagesStreamTap tap = new MessagesStreamTap(null);
        List<String> events = MessagesEvents.textStream(usage(3, 0, 0, 1), 9, "Hello", ", world");
        byte[] all = String.join("", events).getBytes(StandardCharsets.UTF_8);

        for (int i = 0; i < all.length; i += 7) {
            client.writeBytes(tap.feed(all, i, Math.min(7, all.length - i)));
        }
        client.writeBytes(tap.remainder());

        assertThat(received()).isEqualTo(String.join("", events.subList(0, events.size() - 1)));
        assertThat(tap.done()).isTrue();
    }

    @Test
    void usageJoinsMessageStartAndMessageDeltaCacheTokensIncluded() {
        MessagesStreamTap tap = new MessagesStreamTap(null);

        send(tap, MessagesEvents.textStream(usage(12, 7, 5, 1), 15, "Hi"));

        assertThat(tap.usage()).isEqualTo(new Usage(24, 15, 39, 5, 0));
    }

    @Test
    void aStreamWithoutItsFinalUsageReportsNoneAndIsEstimatedFromWhatItEmitted() {
        MessagesStreamTap tap = new MessagesStreamTap(null);
        List<String> events = List.of(
                messageStart(usage(12, 0, 5, 1)), blockStart(0, "text"), delta(0, "text_delta", "one two three four"));

        send(tap, events);

        assertThat(tap.usage()).isNull();
        assertThat(tap.done()).isFalse();
        Usage estimate = tap.estimatedUsage(client.toByteArray(), 99);
        assertThat(estimate.promptTokens()).isEqualTo(17);
        assertThat(estimate.cachedTokens()).isEqualTo(5);
        assertThat(estimate.completionTokens()).isPositive();
    }

    @Test
    void anUpstreamErrorEventIsHeldToEndTheStreamAfterTheReceiptLine() {
        MessagesStreamTap tap = new MessagesStreamTap(null);
        String overloaded = MessagesEvents.event(
                "error",
                JSON.createObjectNode()
                        .put("type", "error")
                        .set(
                                "error",
                                JSON.createObjectNode()
                                        .put("type", "overloaded_error")
                                        .put("message", "Overloaded")));

        send(tap, List.of(messageStart(usage(1, 0, 0, 1)), overloaded));

        assertThat(received()).doesNotContain("overloaded_error");
        assertThat(new String(tap.errorEvent(ApiError.UPSTREAM_STREAM_FAILED, "cut"), StandardCharsets.UTF_8))
                .isEqualTo(overloaded);
    }

    @Test
    void aCutStreamEndsWithAnErrorEventInAnthropicsShape() throws Exception {
        MessagesStreamTap tap = new MessagesStreamTap(null);

        String error = new String(tap.errorEvent(ApiError.UPSTREAM_STREAM_FAILED, "cut short"), StandardCharsets.UTF_8);

        assertThat(error).startsWith("event: error\ndata: ").endsWith("\n\n");
        JsonNode body = data(error).get(0);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(body.path("error").path("message").asText()).isEqualTo("cut short");
    }

    private static int indexOf(List<JsonNode> events, String type) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).path("type").asText().equals(type)) {
                return i;
            }
        }
        return -1;
    }
}
