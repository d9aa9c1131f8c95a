package dev.caravan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
    private static String[] run(String extraConfig) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new Demo(new PrintStream(printed, true, StandardCharsets.UTF_8), extraConfig).run();
        return new String[] {Integer.toString(exit), printed.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void theOfflineDemoShowsEveryStepBehavingAndExitsZero() throws Exception {
        String[] result = run("");
        String account = result[1];

        assertThat(result[0]).as(account).isEqualTo("0");
        assertThat(account)
                .containsPattern("1\\. blocked .*\\R.*-> 403 policy_denied; the model was called 0 times")
                .containsPattern("2\\. masked .*\\R.*-> the model saw: \"Deploy the staging build with this key:"
                        + " \\[REDACTED:secret] and tell me when it is done\\.\"")
                .containsPattern("3\\. streamed +\\d+ chunks: \"echo: Say hello to the caravan\\.")
                .containsPattern("-> receipt [0-9a-f-]{36}: receipt verified, signature checked against the live"
                        + " http://127\\.0\\.0\\.1:\\d+/\\.well-known/caravan/jwks\\.json")
                .containsPattern("4\\. failed over +demo/failover: the first target answered 503, the second"
                        + " answered 200 \\(2 attempts, the model called 2 times")
                .containsPattern(
                        "5\\. spend +4 calls, \\d+ tokens, \\$0\\.0000\\d\\d in all \\([1-9]\\d* micro-dollars")
                .containsPattern("demo finished in \\d+\\.\\d s: every step behaved as shown")
                .doesNotContain("FAILED")
                .doesNotContain("sk-proj-" + "0");
    }

    @Test
    void aStepThatMisbehavesIsNamedAndTheDemoExitsOne() throws Exception {
        String[] result = run("guardrails:\n  prompt:\n    mode: observe\n");
        String account = result[1];

        assertThat(result[0]).as(account).isEqualTo("1");
        assertThat(account)
                .contains("1. blocked?       the prompt injection went through: FAILED")
                .contains("FAILED: the masked step did not behave as shown above")
                .contains("demo FAILED: a step misbehaved");
    }
}
