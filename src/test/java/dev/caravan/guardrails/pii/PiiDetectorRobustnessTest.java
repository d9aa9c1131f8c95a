package dev.caravan.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PiiDetectorRobustnessTest {
    /** Trigger characters, digits, separators, a surrogate pair, zero-width and other awkward code points. */
    private static final String[] ALPHABET = {
        "0", "1", "4", "5", "9", " ", "-", ".", "(", ")", "+", "/", ":", "::", "@", "x", "ext", "#", "A", "D", "E", "P",
        "a", "f", "\u00A0", "\u202F", "\u200B", "\u200D", "\u2060", "😀", "\uD83D", "\uDE00", "ü", "आ", "\n", "DE89",
        "ABCPE", "xn--", ".com", "1234 ", "+1 (", "0.0.0."
    };

    private final PiiDetector detector = new PiiDetector();

    @Test
    void randomNastyStringsNeverThrowAndYieldSpansInsideTheText() {
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            String text = nasty(random, random.nextInt(200));
            assertSane(text, detector.scan(text, Source.USER));
        }
    }

    @Test
    void hundredKilobytesOfNastyInputScanQuickly() {
        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            String text = nasty(random, 100 * 1024);
            long start = System.nanoTime();
            List<Finding> found = detector.scan(text, Source.USER);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertSane(text, found);
            assertThat(millis).as("scan of 100 KB").isLessThan(500);
        }
    }

    @Test
    void longRunsOfOneTriggerScanQuickly() {
        for (String unit :
                new String[] {"1", "1 ", "@", "a@", ":", "f:", "A", "DE89 ", "(0) 1234-5678, ", "1.2.3.4."}) {
            String text = unit.repeat(100 * 1024 / unit.length());
            long start = System.nanoTime();
            assertSane(text, detector.scan(text, Source.USER));
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("run of '%s'", unit)
                    .isLessThan(500);
        }
    }

    private static void assertSane(String text, List<Finding> found) {
        for (Finding f : found) {
            assertThat(f.start()).isBetween(0, f.end());
            assertThat(f.end()).isLessThanOrEqualTo(text.length());
        }
    }

    private static String nasty(Random random, int length) {
        StringBuilder sb = new StringBuilder(length + 8);
        while (sb.length() < length) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
