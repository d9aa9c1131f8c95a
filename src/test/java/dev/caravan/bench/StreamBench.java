package dev.caravan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.providers.openai.ChatStreamGovernor;
import dev.caravan.providers.openai.ChatStreamTap;
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
 * Gateway work per streamed delta: an answer of about 2.5 KB streamed as word-sized Chat Completions events (as OpenAI sends
 * them) through the relay's tap, ungoverned, and governed by the default completion policy (clean, and with a
 * secret and a card number in it). Reported per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamBench {
    /** The events of each stream; the benchmarks below report time per event. */
    static final int EVENTS = 480;

    private static final ObjectMapper JSON = new ObjectMapper();

    GuardEngine engine;
    List<byte[]> clean;
    List<byte[]> sensitive;

    @Setup
    public void setUp() {
        BenchStreams streams = BenchStreams.of(StreamBench::events, EVENTS);
        engine = streams.engine();
        clean = streams.clean();
        sensitive = streams.sensitive();
    }

    /** The answer as OpenAI streams it: a role event, one event per word-sized token, a finish event; cut to EVENTS. */
    static List<byte[]> events(String answer) {
        List<byte[]> events = new ArrayList<>();
        events.add(event(JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        for (String token : BenchTexts.tokens(answer, EVENTS - 2)) {
            events.add(event(JSON.createObjectNode().put("content", token), null));
        }
        events.add(event(JSON.createObjectNode(), "stop"));
        return events;
    }

    private static byte[] event(ObjectNode delta, String finish) {
        ObjectNode choice = JSON.createObjectNode().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        ObjectNode chunk = JSON.createObjectNode()
                .put("id", "chatcmpl-bench")
                .put("object", "chat.completion.chunk")
                .put("created", 1_765_000_000L)
                .put("model", "gpt-4o-mini-2024-07-18")
                .put("system_fingerprint", "fp_bench");
        chunk.set("choices", JSON.createArrayNode().add(choice));
        return ("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void ungoverned(Blackhole sink) {
        BenchStreams.relay(new ChatStreamTap(false), clean, sink);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void governedClean(Blackhole sink) {
        BenchStreams.relay(
                new ChatStreamTap(false, new ChatStreamGovernor(engine.stream(Phase.COMPLETION), 1)), clean, sink);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void governedWithSecretAndCard(Blackhole sink) {
        BenchStreams.relay(
                new ChatStreamTap(false, new ChatStreamGovernor(engine.stream(Phase.COMPLETION), 1)), sensitive, sink);
    }

    /**
     * What a governed stream costs before its first byte leaves: the tap and its governor built, and the role event
     * and the first content event fed (the time to first event pays this once per stream).
     */
    @Benchmark
    public void governedFirstEvents(Blackhole sink) {
        ChatStreamTap tap = new ChatStreamTap(false, new ChatStreamGovernor(engine.stream(Phase.COMPLETION), 1));
        sink.consume(tap.feed(clean.get(0), 0, clean.get(0).length));
        sink.consume(tap.feed(clean.get(1), 0, clean.get(1).length));
    }

    /** Checks the streams are what the benchmark claims: every event counted, the secret and card masked. */
    public static void main(String[] args) {
        StreamBench bench = new StreamBench();
        bench.setUp();
        ChatStreamTap tap = new ChatStreamTap(false, new ChatStreamGovernor(bench.engine.stream(Phase.COMPLETION), 1));
        String text = BenchStreams.relayed(tap, bench.sensitive);
        System.out.println(bench.clean.size() + " / " + bench.sensitive.size() + " events; masked: "
                + text.contains("[REDACTED:secret]") + " " + text.contains("[REDACTED:pii_card]"));
    }
}
