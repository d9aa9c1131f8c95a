package dev.caravan.bench;

import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.providers.StreamTap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.openjdk.jmh.infra.Blackhole;

/** What every per-event stream bench streams: the default engine, a clean answer and one leaking a secret and a card. */
record BenchStreams(GuardEngine engine, List<byte[]> clean, List<byte[]> sensitive) {
    /** Both answers in one API's stream format ({@code events}), each checked to have exactly {@code count} events. */
    static BenchStreams of(Function<String, List<byte[]>> events, int count) {
        String answer = BenchTexts.ordinary(4096);
        BenchStreams streams = new BenchStreams(
                new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults()),
                events.apply(answer),
                events.apply(BenchTexts.withSecretAndCard(answer)));
        if (streams.clean().size() != count || streams.sensitive().size() != count) {
            throw new IllegalStateException("the streams must have " + count + " events each");
        }
        return streams;
    }

    /** What the relay does with a stream: every event fed through the tap, then its remainder and terminal event. */
    static void relay(StreamTap tap, List<byte[]> events, Blackhole sink) {
        for (byte[] event : events) {
            sink.consume(tap.feed(event, 0, event.length));
        }
        sink.consume(tap.remainder());
        sink.consume(tap.doneEvent());
    }

    /** The text a client receives when {@code events} are relayed through {@code tap}: for the benches' self-checks. */
    static String relayed(StreamTap tap, List<byte[]> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] event : events) {
            out.writeBytes(tap.feed(event, 0, event.length));
        }
        out.writeBytes(tap.remainder());
        out.writeBytes(tap.doneEvent());
        return out.toString(StandardCharsets.UTF_8);
    }
}
