package dev.caravan.guardrails.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecretDetectorRobustnessTest {
    /** Characters the detector keys on, plus separators, digits, astral and invisible characters. */
    private static final String[] NASTY = {
        "-",
        "-----BEGIN ",
        "-----END ",
        "PRIVATE KEY-----",
        "=",
        ":",
        "://",
        "@",
        "\"",
        "'",
        "`",
        "\\n",
        "\n",
        " ",
        "\t",
        "sk-",
        "sk-ant-",
        "sk_live_",
        "ghp_",
        "github_pat_",
        "glpat-",
        "xoxb-",
        "xapp-",
        "AKIA",
        "ASIA",
        "AIza",
        "SG.",
        "npm_",
        "hf_",
        "dop_v1_",
        "shpat_",
        "dapi",
        "hvs.",
        "secret_",
        "ntn_",
        "SK",
        "AC",
        "eyJ",
        ".",
        "_",
        "password",
        "token",
        "api_key",
        "-u ",
        "-p ",
        "--user ",
        "hooks.slack.com/services/",
        "T3BlbkFJ",
        "==",
        "0",
        "1",
        "9",
        "123456789",
        "A",
        "a",
        "Z",
        "z",
        "f",
        "/",
        "+",
        "$",
        "{",
        "}",
        "<",
        ">",
        "*",
        "\u2026",
        "\u200b",
        "\u200d",
        "\u2060",
        "\ud83d\ude00",
        "\ud83d",
        "\ude00",
        "\u00e9",
        "\uff21",
        "\u0430"
    };

    private final SecretDetector detector = new SecretDetector();

    private static String nasty(Random random, int pieces) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            out.append(NASTY[random.nextInt(NASTY.length)]);
        }
        return out.toString();
    }

    @Test
    void randomNastyStringsNeverThrowAndYieldSpansInsideTheText() {
        Random random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            String text = nasty(random, random.nextInt(120));
            List<Finding> found = SecretDetector.scanText(text);
            assertThat(found).allSatisfy(f -> {
                assertThat(f.start()).isBetween(0, text.length());
                assertThat(f.end()).isBetween(f.start(), text.length());
                assertThat(f.category()).isEqualTo(Category.SECRET);
            });
        }
    }

    @Test
    void largeRandomInputsAreScannedQuickly() {
        Random random = new Random(7);
        for (int round = 0; round < 5; round++) {
            String text = nasty(random, 12_000);
            String large = text.length() > 100_000 ? text.substring(0, 100_000) : text;
            long start = System.nanoTime();
            SecretDetector.scanText(large);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("round %d", round).isLessThan(500);
        }
    }

    @Test
    void longRunsOfTriggerCharactersAreScannedQuickly() {
        for (String piece : List.of(
                "=",
                ":",
                "-",
                "a=",
                "password=",
                "sk-ant-",
                "-----BEGIN ",
                "AKIA",
                "eyJ",
                "://@",
                "1234567890:",
                "-u a:",
                "AKIAABCDEFGHIJKLMNOP ")) {
            String text = piece.repeat(100_000 / piece.length());
            long start = System.nanoTime();
            SecretDetector.scanText(text);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as(piece).isLessThan(500);
        }
    }

    @Test
    void emptyTextHasNoFindings() {
        assertThat(detector.scan("", Source.USER)).isEmpty();
        assertThat(detector.id()).isEqualTo("secrets");
        assertThat(detector.categories()).containsExactly(Category.SECRET);
    }
}
