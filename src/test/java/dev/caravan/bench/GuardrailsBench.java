package dev.caravan.bench;

import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.policy.BuiltInGuardrails;
import dev.caravan.guardrails.policy.GuardEngine;
import dev.caravan.guardrails.policy.GuardPolicy;
import dev.caravan.guardrails.policy.Outcome;
import dev.caravan.guardrails.policy.Phase;
import dev.caravan.guardrails.policy.ScanText;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The full default policy (every built-in detector) over a prompt: 1 KB ordinary, 100 KB ordinary, 1 MB adversarial. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GuardrailsBench {
    /** An ordinary prompt: prose, a question, a little code and numbers that trip no detector. */
    GuardEngine engine;

    List<ScanText> oneKb;
    List<ScanText> hundredKb;
    List<ScanText> oneMbAdversarial;

    @Setup
    public void setUp() {
        engine = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());
        oneKb = List.of(new ScanText(BenchTexts.ordinary(1024), Source.USER));
        hundredKb = List.of(new ScanText(BenchTexts.ordinary(100 * 1024), Source.USER));
        oneMbAdversarial = List.of(new ScanText(BenchTexts.adversarial(1024 * 1024, new Random(7)), Source.USER));
    }

    @Benchmark
    public Outcome prompt1Kb() {
        return engine.check(Phase.PROMPT, oneKb);
    }

    @Benchmark
    public Outcome prompt100Kb() {
        return engine.check(Phase.PROMPT, hundredKb);
    }

    @Benchmark
    public Outcome adversarial1Mb() {
        return engine.check(Phase.PROMPT, oneMbAdversarial);
    }
}
