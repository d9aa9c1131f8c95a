package dev.caravan.bench;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.destructive.DestructiveDetector;
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

/** Speed of the destructive-operation detector on a 1 KB prompt, 100 KB of prompts and 1 MB of trigger-dense input. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DestructiveBench {
    private static final String[] SENTENCES = {
        "Could you help me plan a three-day trip to Lisbon with a focus on food and museums?",
        "Our team wants to update the onboarding guide before the next release.",
        "Please summarise the attached meeting notes in five bullet points.",
        "I keep getting a timeout when the service starts; here is the log line we see.",
        "What is the difference between a list and a tuple in Python?",
        "Find the bug in this function and explain it in plain words.",
        "Write a friendly reminder to the team about Friday's demo.",
        "The report should drop the older figures and keep only this quarter.",
    };
    private static final String[] CODE = {
        "`git status`", "`npm run build`", "`SELECT name FROM users WHERE id = 3;`", "`docker ps -a`",
        "`kubectl get pods -n web`", "`rm -rf ./dist`", "`ls -la /var/log`", "`pip install requests`",
    };
    private static final String[] DENSE = {
        "rm ",
        "-rf ",
        "/ ",
        "git ",
        "push ",
        "--force ",
        "' or ",
        "'; ",
        "DROP ",
        "TABLE ",
        "<<EOF\n",
        "`",
        "\"",
        "(",
        "bash -c '",
        "delete ",
        "from ",
        "union select ",
        "sleep(",
        "kubectl ",
        "docker ",
        "'--",
        "\\",
        "; ",
        "&& ",
        "| ",
        "find / ",
        "-delete ",
        "update ",
        "set ",
        "# ",
        "EOF\n",
        "'",
        "drop",
        "rm",
        "' OR '1'='1 ",
        "$(",
    };

    private final DestructiveDetector detector = new DestructiveDetector();
    private String prompt1Kb;
    private String prompts100Kb;
    private String adversarial1Mb;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        prompt1Kb = prose(random, 1024);
        prompts100Kb = prose(random, 100 * 1024);
        StringBuilder dense = new StringBuilder(1 << 20);
        while (dense.length() < (1 << 20)) {
            dense.append(DENSE[random.nextInt(DENSE.length)]);
        }
        adversarial1Mb = dense.substring(0, 1 << 20);
    }

    private static String prose(Random random, int size) {
        StringBuilder out = new StringBuilder(size + 200);
        while (out.length() < size) {
            out.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
            if (random.nextInt(4) == 0) {
                out.append("Run ").append(CODE[random.nextInt(CODE.length)]).append(" first.\n");
            }
        }
        return out.substring(0, size);
    }

    @Benchmark
    public List<Finding> prompt1Kb() {
        return detector.scan(prompt1Kb, Source.USER);
    }

    @Benchmark
    public List<Finding> prompts100Kb() {
        return detector.scan(prompts100Kb, Source.USER);
    }

    @Benchmark
    public List<Finding> adversarial1Mb() {
        return detector.scan(adversarial1Mb, Source.USER);
    }
}
