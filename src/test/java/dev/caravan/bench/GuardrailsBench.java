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
    public static String ORDINARY_TEXT() {
        return ORDINARY;
    }

    static final String ORDINARY =
            """
            I'm refactoring a small Spring service and would like a second opinion before the review on Thursday.
            The controller below returns a list of orders for a customer, sorted by date. It works, but the query
            is slow once a customer has more than 2,000 orders, and the page takes about 3.5 seconds to render.

                @GetMapping("/customers/{id}/orders")
                List<OrderView> orders(@PathVariable long id) {
                    return repository.findByCustomer(id).stream()
                            .sorted(comparing(Order::placedAt).reversed())
                            .map(OrderView::of)
                            .toList();
                }

            Could you suggest how to paginate this properly, whether an index on (customer_id, placed_at) would
            help, and how to keep the API backwards compatible for the mobile app, which still calls version 2.3?
            Please keep the answer short and explain the trade-offs in plain words. Thanks a lot!
            """;

    GuardEngine engine;
    List<ScanText> oneKb;
    List<ScanText> hundredKb;
    List<ScanText> oneMbAdversarial;

    @Setup
    public void setUp() {
        engine = new GuardEngine(BuiltInGuardrails.create(), GuardPolicy.defaults());
        oneKb = List.of(new ScanText(ORDINARY.substring(0, 1024), Source.USER));
        StringBuilder big = new StringBuilder();
        while (big.length() < 100 * 1024) {
            big.append(ORDINARY);
        }
        hundredKb = List.of(new ScanText(big.substring(0, 100 * 1024), Source.USER));
        oneMbAdversarial = List.of(new ScanText(adversarial(1024 * 1024, new Random(7)), Source.USER));
    }

    /** Runs of what detectors key on: key prefixes, '@', digit runs, trigger words, base64, separators. */
    public static String adversarial(int length, Random random) {
        String[] pieces = {
            "sk-",
            "sk-proj-",
            "AKIA",
            "ghp_",
            "eyJ",
            "-----BEGIN ",
            "@",
            "@@",
            "user@",
            "+1 ",
            "4111 ",
            "0000-",
            "DE89",
            "ignore ",
            "previous ",
            "instructions ",
            "rm -rf ",
            "DROP ",
            "' OR '1'='1",
            "UNION SELECT ",
            "aGVsbG8gd29ybGQ=",
            "0x",
            "ᴀ",
            "\u200b",
            "password=",
            "://",
            ":",
            "/",
            "-",
            " ",
            "1234567890"
        };
        StringBuilder out = new StringBuilder(length + 32);
        while (out.length() < length) {
            out.append(pieces[random.nextInt(pieces.length)]);
            if (random.nextInt(4) == 0) {
                for (int i = random.nextInt(40); i > 0; i--) {
                    out.append((char) ('a' + random.nextInt(26)));
                }
            }
        }
        return out.substring(0, length);
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
