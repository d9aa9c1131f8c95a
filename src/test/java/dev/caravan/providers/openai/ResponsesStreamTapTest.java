package dev.caravan.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.errors.ApiError;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Phase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A Responses stream through its tap: passed on as it came, or governed event by event under the default policy. */
class ResponsesStreamTapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GuardEngine ENGINE = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());

    /** The upstream's events for a message whose text arrives in {@code deltas}, then a function call's arguments. */
    private static List<ObjectNode> upstream(List<String> deltas, List<String> arguments, boolean logprobs) {
        List<ObjectNode> events = new ArrayList<>();
        String text = String.join("", deltas);
        String args = String.join("", arguments);
        ObjectNode response = JSON.createObjectNode().put("id", "resp_1").put("object", "response");
        response.put("status", "in_progress").putArray("output");
        events.add(event("response.created").set("response", response));
        events.add(event("response.output_item.added").put("output_index", 0).set("item", message("")));
        events.add(located(event("response.content_part.added")).set("part", part("")));
        for (String delta : deltas) {
            ObjectNode e = located(event("response.output_text.delta")).put("delta", delta);
            if (logprobs) {
                e.putArray("logprobs").addObject().put("token", delta).put("logprob", -0.1);
            } else {
                e.putArray("logprobs");
            }
            events.add(e);
        }
        events.add(located(event("response.output_text.done")).put("text", text));
        events.add(located(event("response.content_part.done")).set("part", part(text)));
        events.add(event("response.output_item.done").put("output_index", 0).set("item", message(text)));
        events.add(event("response.output_item.added").put("output_index", 1).set("item", call("")));
        for (String delta : arguments) {
            events.add(event("response.function_call_arguments.delta")
                    .put("item_id", "fc_1")
                    .put("output_index", 1)
                    .put("delta", delta));
        }
        events.add(event("response.function_call_arguments.done")
                .put("item_id", "fc_1")
                .put("output_index", 1)
                .put("arguments", args));
        events.add(event("response.output_item.done").put("output_index", 1).set("item", call(args)));
        ObjectNode done = response.deepCopy().put("status", "completed");
        done.putArray("output").add(message(text)).add(call(args));
        done.putObject("usage").put("input_tokens", 7).put("output_tokens", 11).put("total_tokens", 18);
        events.add(event("response.completed").set("response", done));
        for (int i = 0; i < events.size(); i++) {
            events.get(i).put("sequence_number", i);
        }
        return events;
    }

    /** A key in OpenAI's project-key shape, assembled at run time so no scanner flags this file. */
    private static String projectKey(Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder key = new StringBuilder("sk-" + "proj-");
        for (int i = 0; i < 120; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    private static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode located(ObjectNode event) {
        return event.put("item_id", "msg_1").put("output_index", 0).put("content_index", 0);
    }

    private static ObjectNode part(String text) {
        ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static ObjectNode message(String text) {
        ObjectNode item = JSON.createObjectNode().put("type", "message").put("id", "msg_1");
        item.put("role", "assistant").putArray("content").add(part(text));
        return item;
    }

    private static ObjectNode call(String arguments) {
        return JSON.createObjectNode()
                .put("type", "function_call")
                .put("id", "fc_1")
                .put("call_id", "call_1")
                .put("name", "run_shell")
                .put("arguments", arguments);
    }

    private static byte[] wire(List<ObjectNode> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ObjectNode e : events) {
            out.writeBytes(
                    ("event: " + e.path("type").asText() + "\ndata: " + e + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Feeds the bytes in reads of {@code step} bytes; returns what the client gets, the terminal event last. */
    private static String relay(ResponsesStreamTap tap, byte[] bytes, int step) {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        for (int at = 0; at < bytes.length && !tap.ended(); at += step) {
            client.writeBytes(tap.feed(bytes, at, Math.min(step, bytes.length - at)));
        }
        client.writeBytes(tap.remainder());
        client.writeBytes(tap.doneEvent());
        return client.toString(StandardCharsets.UTF_8);
    }

    private static ResponsesStreamTap governed() {
        return new ResponsesStreamTap(new ResponsesStreamGovernor(ENGINE.stream(Phase.COMPLETION)));
    }

    private static List<JsonNode> data(String stream) {
        List<JsonNode> events = new ArrayList<>();
        for (String event : stream.split("\n\n")) {
            try {
                events.add(JSON.readTree(event.substring(event.indexOf("data: ") + 6)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    private static String deltas(List<JsonNode> events, String type) {
        StringBuilder text = new StringBuilder();
        events.stream()
                .filter(e -> e.path("type").asText().equals(type))
                .forEach(e -> text.append(e.path("delta").asText()));
        return text.toString();
    }

    /** The text of the first content part of output item {@code item} in an event's response. */
    private static String firstText(JsonNode event, int item) {
        return event.path("response")
                .path("output")
                .path(item)
                .path("content")
                .path(0)
                .path("text")
                .asText();
    }

    /** A reasoning item whose summary arrives in {@code summary}, then a message that refuses in {@code refusal}. */
    private static List<ObjectNode> reasoningThenRefusal(List<String> summary, List<String> refusal) {
        String summaryText = String.join("", summary);
        String refusalText = String.join("", refusal);
        List<ObjectNode> events = new ArrayList<>();
        events.add(event("response.created")
                .set("response", JSON.createObjectNode().put("id", "resp_2")));
        events.add(event("response.output_item.added").put("output_index", 0).set("item", reasoning("")));
        events.add(
                summaryLocated(event("response.reasoning_summary_part.added")).set("part", summaryPart("")));
        for (String delta : summary) {
            events.add(summaryLocated(event("response.reasoning_summary_text.delta"))
                    .put("delta", delta));
        }
        events.add(summaryLocated(event("response.reasoning_summary_text.done")).put("text", summaryText));
        events.add(summaryLocated(event("response.reasoning_summary_part.done")).set("part", summaryPart(summaryText)));
        events.add(event("response.output_item.done").put("output_index", 0).set("item", reasoning(summaryText)));
        events.add(event("response.output_item.added").put("output_index", 1).set("item", refusing("")));
        events.add(refusalLocated(event("response.content_part.added")).set("part", refusalPart("")));
        for (String delta : refusal) {
            events.add(refusalLocated(event("response.refusal.delta")).put("delta", delta));
        }
        events.add(refusalLocated(event("response.refusal.done")).put("refusal", refusalText));
        events.add(refusalLocated(event("response.content_part.done")).set("part", refusalPart(refusalText)));
        events.add(event("response.output_item.done").put("output_index", 1).set("item", refusing(refusalText)));
        ObjectNode done = JSON.createObjectNode().put("id", "resp_2").put("status", "completed");
        done.putArray("output").add(reasoning(summaryText)).add(refusing(refusalText));
        events.add(event("response.completed").set("response", done));
        for (int i = 0; i < events.size(); i++) {
            events.get(i).put("sequence_number", i);
        }
        return events;
    }

    private static ObjectNode summaryLocated(ObjectNode event) {
        return event.put("item_id", "rs_1").put("output_index", 0).put("summary_index", 0);
    }

    private static ObjectNode refusalLocated(ObjectNode event) {
        return event.put("item_id", "msg_2").put("output_index", 1).put("content_index", 0);
    }

    private static ObjectNode summaryPart(String text) {
        return JSON.createObjectNode().put("type", "summary_text").put("text", text);
    }

    private static ObjectNode refusalPart(String text) {
        return JSON.createObjectNode().put("type", "refusal").put("refusal", text);
    }

    private static ObjectNode reasoning(String summary) {
        ObjectNode item = JSON.createObjectNode().put("type", "reasoning").put("id", "rs_1");
        ArrayNode parts = item.putArray("summary");
        if (!summary.isEmpty()) {
            parts.add(summaryPart(summary));
        }
        return item;
    }

    private static ObjectNode refusing(String refusal) {
        ObjectNode item = JSON.createObjectNode().put("type", "message").put("id", "msg_2");
        item.put("role", "assistant").putArray("content").add(refusalPart(refusal));
        return item;
    }

    @Test
    void anAddressInAStreamedReasoningSummaryAndInARefusalIsMaskedWhereverTheTextIsRepeated() {
        List<ObjectNode> upstream = reasoningThenRefusal(
                List.of("They asked me to mail jane", ".doe@exam", "ple.com directly."),
                List.of("I can't write to jane.d", "oe@example.com."));

        String stream = relay(governed(), wire(upstream), 9);
        List<JsonNode> events = data(stream);

        assertThat(stream).doesNotContain("doe@");
        assertThat(deltas(events, "response.reasoning_summary_text.delta"))
                .isEqualTo("They asked me to mail [REDACTED:pii_email] directly.");
        assertThat(deltas(events, "response.refusal.delta")).isEqualTo("I can't write to [REDACTED:pii_email].");
        JsonNode output = events.get(events.size() - 1).path("response").path("output");
        assertThat(output.path(0).path("summary").path(0).path("text").asText())
                .isEqualTo("They asked me to mail [REDACTED:pii_email] directly.");
        assertThat(output.path(1).path("content").path(0).path("refusal").asText())
                .isEqualTo("I can't write to [REDACTED:pii_email].");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asLong()).isEqualTo(i);
        }
    }

    @Test
    void anUngovernedStreamPassesByteForByteWithItsTerminalEventHeldToTheEnd() {
        byte[] bytes = wire(upstream(List.of("Hello ", "there"), List.of("{\"a\":", "1}"), false));
        ResponsesStreamTap tap = new ResponsesStreamTap(null);

        String out = relay(tap, bytes, 7);

        assertThat(out).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(tap.done()).isTrue();
        assertThat(tap.usage().promptTokens()).isEqualTo(7);
        assertThat(tap.usage().completionTokens()).isEqualTo(11);
    }

    @Test
    void aCleanGovernedStreamKeepsItsTextsAndItsNumbering() {
        List<ObjectNode> upstream =
                upstream(List.of("Hello ", "there, ", "friend."), List.of("{\"city\":", "\"Paris\"}"), false);

        List<JsonNode> events = data(relay(governed(), wire(upstream), 5));

        assertThat(deltas(events, "response.output_text.delta")).isEqualTo("Hello there, friend.");
        assertThat(deltas(events, "response.function_call_arguments.delta")).isEqualTo("{\"city\":\"Paris\"}");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asLong()).isEqualTo(i);
        }
        assertThat(firstText(events.get(events.size() - 1), 0)).isEqualTo("Hello there, friend.");
    }

    @Test
    void aSecretSplitAcrossDeltasIsMaskedInTheDeltasAndInEveryEventThatRepeatsTheText() {
        String key = projectKey(new Random(71));
        int cut = 4 + key.length() / 2;
        String text = "Use " + key + " now.";
        List<ObjectNode> upstream = upstream(
                List.of(text.substring(0, cut), text.substring(cut)),
                List.of("{\"token\":\"" + key.substring(0, 30), key.substring(30) + "\"}"),
                false);

        String out = relay(governed(), wire(upstream), 64);
        List<JsonNode> events = data(out);

        assertThat(out).doesNotContain(key.substring(10, 30)).doesNotContain(key.substring(90, 110));
        assertThat(deltas(events, "response.output_text.delta")).isEqualTo("Use [REDACTED:secret] now.");
        assertThat(deltas(events, "response.function_call_arguments.delta"))
                .isEqualTo("{\"token\":\"[REDACTED:secret]\"}");
        JsonNode completed = events.get(events.size() - 1);
        assertThat(completed.path("type").asText()).isEqualTo("response.completed");
        assertThat(firstText(completed, 0)).isEqualTo("Use [REDACTED:secret] now.");
        assertThat(completed
                        .path("response")
                        .path("output")
                        .path(1)
                        .path("arguments")
                        .asText())
                .isEqualTo("{\"token\":\"[REDACTED:secret]\"}");
    }

    @Test
    void deltasWithLogprobsLoseThemOnceTheirTextChanges() {
        String key = projectKey(new Random(72));
        List<ObjectNode> upstream = upstream(List.of("a " + key + " b"), List.of("{}"), true);

        String out = relay(governed(), wire(upstream), 1000);

        assertThat(out).doesNotContain(key.substring(10, 40)).doesNotContain("\"logprob\"");
    }

    @Test
    void aDestructiveCommandInFunctionArgumentsEndsTheStreamWithAnIncompleteResponse() {
        List<ObjectNode> upstream =
                upstream(List.of("Cleaning up."), List.of("{\"cmd\":\"rm -rf ", "/ --no-preserve-root\"}"), false);
        ResponsesStreamTap tap = governed();

        List<JsonNode> events = data(relay(tap, wire(upstream), 50));

        JsonNode last = events.get(events.size() - 1);
        assertThat(tap.ended()).isTrue();
        assertThat(last.path("type").asText()).isEqualTo("response.incomplete");
        assertThat(last.path("response").path("status").asText()).isEqualTo("incomplete");
        assertThat(last.path("response")
                        .path("incomplete_details")
                        .path("reason")
                        .asText())
                .isEqualTo("content_filter");
        assertThat(firstText(last, 0)).isEqualTo("Cleaning up.");
        assertThat(last.toString()).doesNotContain("rm -rf");
        assertThat(last.path("sequence_number").asLong()).isEqualTo(events.size() - 1);
    }

    @Test
    void theErrorEventOfACutStreamCarriesTheErrorObjectTheSdksRaiseAndTheNextNumber() throws IOException {
        List<ObjectNode> upstream = upstream(List.of("Hello ", "there"), List.of("{}"), false);
        byte[] bytes = wire(upstream.subList(0, 4));
        ResponsesStreamTap tap = new ResponsesStreamTap(null);
        tap.feed(bytes, 0, bytes.length);

        String error = new String(tap.errorEvent(ApiError.UPSTREAM_STREAM_FAILED, "cut"), StandardCharsets.UTF_8);

        assertThat(tap.done()).isFalse();
        assertThat(error).startsWith("event: error\ndata: ").endsWith("\n\n");
        JsonNode data = JSON.readTree(error.substring(error.indexOf("data: ") + 6));
        assertThat(data.path("type").asText()).isEqualTo("error");
        assertThat(data.path("code").asText()).isEqualTo("upstream_stream_failed");
        assertThat(data.path("sequence_number").asLong()).isEqualTo(4);
        assertThat(data.path("error").path("message").asText()).isEqualTo("cut");
    }

    @Test
    void aStreamWithoutUsageIsEstimatedFromTheTextItEmitted() {
        byte[] bytes = wire(upstream(List.of("one two ", "three four"), List.of("{}"), false));

        var usage = new ResponsesStreamTap(null).estimatedUsage(bytes, 5);

        assertThat(usage.promptTokens()).isEqualTo(5);
        assertThat(usage.completionTokens()).isPositive();
    }
}
