package dev.caravan.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InjectionRobustnessTest {
    private static final String[] PIECES = {
        "ignore",
        " ",
        "  ",
        "previous",
        "instructions",
        "system:",
        "<|im_start|>",
        "[INST]",
        "%2",
        "%41",
        "==",
        "QUJD",
        "0",
        "1",
        "3",
        "4",
        "5",
        "7",
        "@",
        "$",
        "\n",
        ".",
        "!",
        "[",
        "]",
        "{",
        "}",
        "^",
        "\\",
        "```",
        ":",
        "'",
        "\"",
        "\u200B",
        "\u200D",
        "\u202E",
        "\uFEFF",
        "Ｉ",
        "і",
        "Ι",
        "ⓐ",
        "\uDB40\uDC41",
        "\uDB40",
        "\uDC41",
        "😀",
        "🏴",
        "忽略",
        "指令",
        "игнорируй",
        "AI:",
        "assistant",
        "dan",
        "mode",
        "base64",
        "rot13",
        "reverse",
        "http://x.test/?q=",
    };
    private final InjectionDetector detector = new InjectionDetector();

    private static String random(Random random, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private void assertSane(String text, List<Finding> findings) {
        assertThat(findings.size()).isLessThanOrEqualTo(2);
        for (Finding f : findings) {
            assertThat(f.start()).isBetween(0, text.length());
            assertThat(f.end()).isBetween(f.start(), text.length());
            assertThat(f.score()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void randomNastyStringsNeverThrowAndKeepSpansInside() {
        Random random = new Random(7);
        for (int i = 0; i < 2_500; i++) {
            String text = random(random, random.nextInt(400));
            for (Source source : Source.values()) {
                assertSane(text, detector.scan(text, source));
            }
        }
    }

    @Test
    void largeRandomInputsFinishQuickly() {
        Random random = new Random(11);
        // The bound is about the algorithm, not the JIT: a few small scans first so the timed ones run compiled code.
        for (int i = 0; i < 40; i++) {
            detector.scan(random(random, 5_000), Source.USER);
        }
        for (int i = 0; i < 6; i++) {
            String text = random(random, 100_000);
            long start = System.nanoTime();
            List<Finding> findings = detector.scan(text, Source.USER);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertSane(text, findings);
            assertThat(millis).as("scan of 100 KB took %d ms", millis).isLessThan(500);
        }
    }

    @Test
    void longRunsOfOneTriggerStayFast() {
        for (String unit : List.of("ignore previous ", "%41", "QUJD", "\u200B", "! [ ", "1gn0r3 ", "a ")) {
            String text = unit.repeat(100_000 / unit.length());
            long start = System.nanoTime();
            assertSane(text, detector.scan(text, Source.USER));
            assertThat((System.nanoTime() - start) / 1_000_000).as(unit).isLessThan(500);
        }
    }
}
