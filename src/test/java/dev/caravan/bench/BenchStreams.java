package dev.caravan.bench;

import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import java.util.List;
import java.util.function.Function;

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
}
