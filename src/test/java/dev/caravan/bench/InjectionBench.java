package dev.caravan.bench;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.injection.InjectionDetector;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Speed of the injection detector: a 1 KB ordinary prompt with a little code, 100 KB of ordinary text, and 1 MB of
 * input built from the characters and words its rules key on. Inputs come from a seeded generator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InjectionBench {
    private static final String[] SENTENCES = {
        "Could you help me refactor the billing service so that invoices are generated once per month?",
        "The current implementation loops over every customer and calls the payment API for each one.",
        "Please keep the public interface the same and add a short explanation of the changes.",
        "We deploy with a small shell script and the tests run in CI on every pull request.",
        "I would also like a summary of the trade-offs between batching and streaming here.",
        "Our team prefers readable code over clever code, and the reviewers are strict about naming.",
    };
    private static final String CODE =
            """
            ```python
            def monthly_invoices(customers):
                for c in customers:
                    total = sum(item.price * item.qty for item in c.items)
                    api.charge(c.id, total)
            ```
            """;
    private static final String[] HOSTILE = {
        "ignore ",
        "previous ",
        "instructions ",
        "system: ",
        "<|im_start|>",
        "%41%42",
        "QUJDRA==",
        "1gn0r3 ",
        "\u200b",
        "! [ ",
        "{ ^ ",
        "d a n ",
        "developer mode ",
        "AI assistant: ",
        "\uDB40\uDC41",
        "0101",
        "@@",
    };

    private final InjectionDetector detector = new InjectionDetector();
    private String prompt1k;
    private String text100k;
    private String hostile1m;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        prompt1k = ordinary(random, 1_024);
        text100k = ordinary(random, 100 * 1_024);
        hostile1m = hostile(random);
    }

    /** 1 MB of runs of what the rules key on. */
    public static String hostile(Random random) {
        StringBuilder sb = new StringBuilder(1 << 20);
        while (sb.length() < 1 << 20) {
            String piece = HOSTILE[random.nextInt(HOSTILE.length)];
            int repeats = 1 + random.nextInt(64);
            for (int i = 0; i < repeats && sb.length() < 1 << 20; i++) {
                sb.append(piece);
            }
        }
        return sb.substring(0, 1 << 20);
    }

    /** Ordinary prose with a code block every few sentences, cut to {@code size} chars. */
    public static String ordinary(Random random, int size) {
        StringBuilder sb = new StringBuilder(size + 256);
        int sentences = 0;
        while (sb.length() < size) {
            sb.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
            if (++sentences % 5 == 0) {
                sb.append('\n').append(CODE);
            }
        }
        return sb.substring(0, size);
    }

    @Benchmark
    public List<Finding> ordinaryPrompt1k() {
        return detector.scan(prompt1k, Source.USER);
    }

    @Benchmark
    public List<Finding> ordinaryText100k() {
        return detector.scan(text100k, Source.USER);
    }

    @Benchmark
    public List<Finding> adversarial1m() {
        return detector.scan(hostile1m, Source.USER);
    }
}
