package dev.caravan.bench;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.pii.PiiDetector;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** PII detector speed on an ordinary 1 KB prompt, 100 KB of prose and code, and 1 MB runs of its trigger characters. */
@State(Scope.Benchmark)
public class PiiBench {
    private static final String[] WORDS = {
        "the",
        "report",
        "should",
        "summarise",
        "our",
        "quarterly",
        "results",
        "for",
        "the",
        "board",
        "and",
        "explain",
        "why",
        "revenue",
        "grew",
        "while",
        "costs",
        "stayed",
        "flat",
        "please",
        "keep",
        "it",
        "under",
        "300",
        "words",
        "Monday",
        "Paris",
        "team",
        "in",
        "2024",
        "with",
        "3",
        "examples",
        "API",
        "JSON",
        "user",
        "service",
        "retry"
    };
    private static final String[] CODE = {
        "for (int i = 0; i < items.size(); i++) {",
        "    total += items.get(i).price() * 2;",
        "}",
        "@Override public String toString() { return name + \":\" + id; }",
        "if (x > 10 && y < 0.5) return;",
        "const url = `https://api.example.com/v1/items?page=${page}`;",
        "def handler(event, context):",
        "    return {\"status\": 200, \"body\": json.dumps(event)}",
        "SELECT id, name FROM users WHERE age > 21;"
    };
    /** Fragments shaped like the detector's candidates, which adversarial input repeats without end. */
    private static final String[] NASTY = {
        "1", "12", "0", " ", "-", ".", "(", ")", "+", "@", "a@", "@b.", "x.y", "::", ":", "ff", "DE89", "ABCPE", "4111",
        "0123 ", "1.2.3.4", "+1 (", "x", "ext", "9", "\u00A0", "/", "A"
    };

    private final PiiDetector detector = new PiiDetector();
    private String prompt1k;
    private String prose100k;
    private String adversarial1m;
    private String digits1m;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        prompt1k = BenchTexts.prose(random, 1024, WORDS, CODE);
        prose100k = BenchTexts.prose(random, 100 * 1024, WORDS, CODE);
        adversarial1m = nasty(random, 1024 * 1024);
        digits1m = digitRuns(random, 1024 * 1024);
    }

    @Benchmark
    public List<Finding> prompt1k() {
        return detector.scan(prompt1k, Source.USER);
    }

    @Benchmark
    public List<Finding> prose100k() {
        return detector.scan(prose100k, Source.USER);
    }

    @Benchmark
    public List<Finding> adversarial1m() {
        return detector.scan(adversarial1m, Source.USER);
    }

    @Benchmark
    public List<Finding> phoneShapedRuns1m() {
        return detector.scan(digits1m, Source.USER);
    }

    static String nasty(Random random, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            String fragment = NASTY[random.nextInt(NASTY.length)];
            int repeat = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 4);
            for (int r = 0; r < repeat; r++) {
                sb.append(fragment);
            }
        }
        sb.setLength(length);
        return sb.toString();
    }

    /** Distinct phone-shaped numbers separated by commas, each of which passes the cheap shape rules. */
    static String digitRuns(Random random, int length) {
        StringBuilder sb = new StringBuilder(length + 32);
        while (sb.length() < length) {
            sb.append(random.nextBoolean() ? "0" : "(")
                    .append(1 + random.nextInt(9))
                    .append(random.nextInt(10));
            sb.append(random.nextBoolean() ? ") " : " ")
                    .append(1000 + random.nextInt(9000))
                    .append('-');
            sb.append(1000 + random.nextInt(9000)).append(", ");
        }
        sb.setLength(length);
        return sb.toString();
    }
}
