package dev.caravan.guardrails.destructive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomInputTest {
    private static final String[] PIECES = {
        "rm",
        " -rf ",
        "/",
        "~",
        "*",
        "git",
        " push ",
        "--force",
        "'",
        "\"",
        "`",
        "```",
        "(",
        ")",
        "{",
        "}",
        ";",
        "&&",
        "||",
        "|",
        "&",
        "\\",
        "\n",
        "\t",
        "<<",
        "<<EOF\n",
        "EOF\n",
        "#",
        "--",
        "/*",
        "DROP",
        " TABLE ",
        "delete",
        " FROM ",
        "update",
        " set ",
        "where",
        "' OR '1'='1",
        "union select",
        "sleep(",
        "kubectl",
        " delete ",
        "docker",
        "prune",
        "MATCH (n)",
        "detach",
        "db.",
        ".drop()",
        "0",
        "7",
        "42",
        " ",
        "é",
        "\u200b",
        "\u200d",
        "\ud83d\ude00",
        "\ud800",
        "\udc00",
        "C:\\",
        "$HOME",
        "bash -c '",
        "echo ",
        "-e ",
        "find ",
        "-delete",
        "dd ",
        "of=/dev/sda",
        "format ",
        "Remove",
        "-Item",
    };

    private final DestructiveDetector detector = new DestructiveDetector();

    @Test
    void randomStringsFromANastyAlphabetNeverBreakTheDetector() {
        Random random = new Random(20261122L);
        for (int n = 0; n < 3000; n++) {
            String text = random(random, random.nextInt(200));
            List<Finding> findings = detector.scan(text, Source.TOOL_RESULT);
            for (Finding f : findings) {
                assertThat(f.start()).isBetween(0, text.length());
                assertThat(f.end()).isBetween(f.start(), text.length());
                assertThat(f.score()).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void hundredKilobyteRandomInputsFinishQuickly() {
        Random random = new Random(7);
        for (int n = 0; n < 6; n++) {
            String text = random(random, 100 * 1024);
            long start = System.nanoTime();
            List<Finding> findings = detector.scan(text, Source.USER);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isLessThan(500);
            assertThat(findings).allSatisfy(f -> assertThat(f.end()).isLessThanOrEqualTo(text.length()));
        }
    }

    @Test
    void emptyAndTinyInputsAreFine() {
        assertThat(detector.scan("", Source.USER)).isEmpty();
        assertThat(detector.scan("'", Source.USER)).isEmpty();
        assertThat(detector.scan("rm", Source.USER)).isEmpty();
    }

    private static String random(Random random, int length) {
        StringBuilder out = new StringBuilder(length + 16);
        while (out.length() < length) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.substring(0, length);
    }
}
