package dev.caravan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.providers.openai.ResponsesStreamGovernor;
import dev.caravan.providers.openai.ResponsesStreamTap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Gateway work per streamed Responses event: an answer of about 2.5 KB streamed as OpenAI's Responses API sends it
 * (created, item and part added, word-sized {@code response.output_text.delta} events, the four events that repeat the
 * whole text, {@code response.completed}) through the relay's tap, ungoverned, and governed by the default completion
 * policy (clean, and with a secret and a card number in it). Reported per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResponsesStreamBench {
    /** The events of each stream; the benchmarks below report time per event. */
    static final int EVENTS = 480;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events around the deltas: created, in_progress, item and part added; four done events and completed. */
    private static final int FRAMING = 8;

    GuardEngine engine;
    List<byte[]> clean;
    List<byte[]> sensitive;

    @Setup
    public void setUp() {
        BenchStreams streams = BenchStreams.of(ResponsesStreamBench::events, EVENTS);
        engine = streams.engine();
        clean = streams.clean();
        sensitive = streams.sensitive();
    }

    /** The answer as the Responses API streams it, with as many word-sized deltas as make EVENTS events. */
    static List<byte[]> events(String answer) {
        List<String> deltas = BenchTexts.tokens(answer, EVENTS - FRAMING);
        String text = String.join("", deltas);
        List<ObjectNode> events = new ArrayList<>();
        ObjectNode response = JSON.createObjectNode()
                .put("id", "resp_bench")
                .put("object", "response")
                .put("created_at", 1_765_000_000L)
                .put("status", "in_progress")
                .put("model", "gpt-4o-mini-2024-07-18");
        response.putArray("output");
        events.add(event("response.created").set("response", response));
        events.add(event("response.in_progress").set("response", response));
        events.add(event("response.output_item.added").put("output_index", 0).set("item", message("in_progress", "")));
        events.add(located(event("response.content_part.added")).set("part", part("")));
        for (String delta : deltas) {
            ObjectNode event = located(event("response.output_text.delta")).put("delta", delta);
            event.putArray("logprobs");
            events.add(event);
        }
        ObjectNode done = located(event("response.output_text.done")).put("text", text);
        done.putArray("logprobs");
        events.add(done);
        events.add(located(event("response.content_part.done")).set("part", part(text)));
        events.add(event("response.output_item.done").put("output_index", 0).set("item", message("completed", text)));
        ObjectNode completed = response.deepCopy().put("status", "completed");
        completed.putArray("output").add(message("completed", text));
        completed
                .putObject("usage")
                .put("input_tokens", 20)
                .put("output_tokens", 471)
                .put("total_tokens", 491);
        events.add(event("response.completed").set("response", completed));
        List<byte[]> wire = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = events.get(i).put("sequence_number", i);
            wire.add(("event: " + event.path("type").asText() + "\ndata: " + event + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return wire;
    }

    private static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode located(ObjectNode event) {
        return event.put("item_id", "msg_bench").put("output_index", 0).put("content_index", 0);
    }

    private static ObjectNode part(String text) {
        ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static ObjectNode message(String status, String text) {
        ObjectNode item = JSON.createObjectNode()
                .put("type", "message")
                .put("id", "msg_bench")
                .put("status", status)
                .put("role", "assistant");
        item.putArray("content").add(part(text));
        return item;
    }

    private ResponsesStreamTap governed() {
        return new ResponsesStreamTap(new ResponsesStreamGovernor(engine.stream(Phase.COMPLETION)));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void ungoverned(Blackhole sink) {
        BenchStreams.relay(new ResponsesStreamTap(null), clean, sink);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void governedClean(Blackhole sink) {
        BenchStreams.relay(governed(), clean, sink);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void governedWithSecretAndCard(Blackhole sink) {
        BenchStreams.relay(governed(), sensitive, sink);
    }

    /** Checks the streams are what the benchmark claims: every event counted, the secret and card masked everywhere. */
    public static void main(String[] args) {
        ResponsesStreamBench bench = new ResponsesStreamBench();
        bench.setUp();
        ResponsesStreamTap tap = bench.governed();
        String text = BenchStreams.relayed(tap, bench.sensitive);
        System.out.println(bench.clean.size() + " / " + bench.sensitive.size() + " events; masked: "
                + text.contains("[REDACTED:secret]") + " " + text.contains("[REDACTED:pii_card]") + "; leaked: "
                + text.contains("Zq8vN2rT5wXk") + " " + text.contains("4111 1111"));
    }
}
