package dev.caravan.bench;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.secrets.SecretDetector;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Secret detector speed on an ordinary 1 KB prompt with some code, 100 KB of the same, and 1 MB of trigger runs. */
@State(Scope.Benchmark)
public class SecretsBench {
    private static final String[] WORDS = {
        "the",
        "service",
        "should",
        "retry",
        "when",
        "upstream",
        "returns",
        "a",
        "timeout",
        "and",
        "log",
        "why",
        "please",
        "explain",
        "how",
        "token",
        "limits",
        "work",
        "for",
        "our",
        "team",
        "in",
        "2024",
        "with",
        "3",
        "examples",
        "API",
        "JSON",
        "secret",
        "password",
        "key",
        "config",
        "deploy",
        "staging",
        "Kubernetes",
        "user"
    };
    private static final String[] CODE = {
        "for (int i = 0; i < items.size(); i++) { total += items.get(i).price(); }",
        "const url = `https://api.example.com/v1/items?page=${page}`;",
        "def handler(event, context): return {\"status\": 200, \"body\": json.dumps(event)}",
        "password = os.environ[\"DB_PASSWORD\"]",
        "timeout: 30s",
        "replicas: 3",
        "max_tokens=512",
        "git commit -m \"fix: retry on 503\" && git push -u origin main",
        "SELECT id, name FROM users WHERE age > 21;",
        "headers = {\"Authorization\": f\"Bearer {token}\"}"
    };
    /** Fragments the detector keys on, repeated without end so that every position is a candidate. */
    private static final String[] TRIGGERS = {
        "=", ":", "-", "://", "@", "password=", "token: ", "-----BEGIN ", "-----BEGIN RSA PRIVATE KEY-----",
        "sk-ant-", "sk-", "ghp_", "xoxb-", "AKIA", "AIza", "eyJ", "eyJhbGciOiJIUzI1NiJ9.", "123456789:",
        "-u a:", " -p ", "hooks.slack.com/services/", "A", "1", "x", "/", "."
    };

    private final SecretDetector detector = new SecretDetector();
    private String prompt1k;
    private String prose100k;
    private String adversarial1m;

    @Setup
    public void setUp() {
        Random random = new Random(11);
        prompt1k = BenchTexts.prose(random, 1024, WORDS, CODE);
        prose100k = BenchTexts.prose(random, 100 * 1024, WORDS, CODE);
        adversarial1m = triggerRuns(random, 1024 * 1024);
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

    /** Long runs of one trigger fragment each, then a mix of all of them. */
    static String triggerRuns(Random random, int length) {
        StringBuilder sb = new StringBuilder(length + 64);
        int run = length / (TRIGGERS.length + 1);
        for (String trigger : TRIGGERS) {
            int end = sb.length() + run;
            while (sb.length() < end) {
                sb.append(trigger);
            }
        }
        while (sb.length() < length) {
            sb.append(TRIGGERS[random.nextInt(TRIGGERS.length)]);
        }
        return sb.substring(0, length);
    }
}
