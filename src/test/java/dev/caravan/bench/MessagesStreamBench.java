package dev.caravan.bench;

import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.providers.anthropic.MessagesStreamGovernor;
import dev.caravan.providers.anthropic.MessagesStreamTap;
import dev.caravan.support.MessagesEvents;
import java.nio.charset.StandardCharsets;
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
 * Gateway work per streamed event on {@code /anthropic}: an answer of about 2.5 KB streamed as word-sized
 * {@code text_delta} events (framed by Anthropic's message and block events) through the relay's tap, ungoverned, and
 * governed by the default completion policy (clean, and with a secret and a card number in it). Reported per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MessagesStreamBench {
    /** The events of each stream; the benchmarks below report time per event. */
    static final int EVENTS = 480;

    GuardEngine engine;
    List<byte[]> clean;
    List<byte[]> sensitive;

    @Setup
    public void setUp() {
        BenchStreams streams = BenchStreams.of(MessagesStreamBench::events, EVENTS);
        engine = streams.engine();
        clean = streams.clean();
        sensitive = streams.sensitive();
    }

    /** The answer as Anthropic streams it: message and block start, one delta per word-sized token, the ends. */
    static List<byte[]> events(String answer) {
        List<String> deltas = BenchTexts.tokens(answer, EVENTS - 6);
        return MessagesEvents.textStream(MessagesEvents.usage(900, 0, 0, 1), 480, deltas.toArray(String[]::new))
                .stream()
                .map(e -> e.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void ungoverned(Blackhole sink) {
        BenchStreams.relay(new MessagesStreamTap(null), clean, sink);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void governedClean(Blackhole sink) {
        BenchStreams.relay(
                new MessagesStreamTap(new MessagesStreamGovernor(engine.stream(Phase.COMPLETION))), clean, sink);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void governedWithSecretAndCard(Blackhole sink) {
        BenchStreams.relay(
                new MessagesStreamTap(new MessagesStreamGovernor(engine.stream(Phase.COMPLETION))), sensitive, sink);
    }

    /** Checks the streams are what the benchmark claims: every event counted, the secret and card masked. */
    public static void main(String[] args) {
        MessagesStreamBench bench = new MessagesStreamBench();
        bench.setUp();
        MessagesStreamTap tap =
                new MessagesStreamTap(new MessagesStreamGovernor(bench.engine.stream(Phase.COMPLETION)));
        String text = BenchStreams.relayed(tap, bench.sensitive);
        System.out.println(bench.clean.size() + " / " + bench.sensitive.size() + " events; masked: "
                + text.contains("[REDACTED:secret]") + " " + text.contains("[REDACTED:pii_card]"));
    }
}
