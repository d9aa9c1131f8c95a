package dev.caravan.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AdversarialSuffixTest {
    @Test
    void aLineStartsWithProseExactlyWhenItsFirstFourTokensSplitAtWhitespaceArePlainWords() {
        Random random = new Random(29);
        String[] tokens = {
            "a",
            "Word",
            "it's",
            "x-ray",
            "9",
            "end.",
            "ok?",
            "so,",
            "(Hi",
            "Hi)",
            "\"q\"",
            "\"q",
            "q\"",
            "-",
            "'",
            "é",
            "@GetMapping(\"/x\")",
            "foo.bar(",
            "x::y",
            "a.b",
            "{",
            "}",
            "<T>",
            "=",
            "!",
            "a\u00a0b",
            ")",
            "(",
            "a;b"
        };
        String[] gaps = {" ", " ", " ", "  ", "\t", "\u00a0", ""};
        int prose = 0;
        for (int round = 0; round < 50_000; round++) {
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "" : gaps[random.nextInt(gaps.length)]);
            for (int k = random.nextInt(8); k > 0; k--) {
                sb.append(random.nextInt(3) == 0 ? tokens[random.nextInt(tokens.length)] : tokens[random.nextInt(9)]);
                sb.append(gaps[random.nextInt(gaps.length)]);
            }
            String line = sb.toString();
            boolean expected = splitThenCheck(line, 0, line.length());
            prose += expected ? 1 : 0;
            assertThat(AdversarialSuffix.startsWithProse(line, 0, line.length()))
                    .as(line)
                    .isEqualTo(expected);
        }
        assertThat(prose).isGreaterThan(2_000);
    }

    /** The check as it was written before it stopped reading a token at its first bad char: split, then look. */
    private static boolean splitThenCheck(String text, int from, int to) {
        int i = from;
        for (int words = 0; words < 4; words++) {
            while (i < to && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < to && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (s == i || !plainWord(text, s, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plainWord(String text, int s, int e) {
        int letters = 0;
        for (int k = s; k < e; k++) {
            char c = text.charAt(k);
            if (Character.isLetterOrDigit(c) || c == '\'' || c == '-') {
                letters++;
            } else if (!(k == e - 1 && ".,;:?!".indexOf(c) >= 0)
                    && !(k == s && (c == '"' || c == '('))
                    && !(k == e - 1 && (c == '"' || c == ')'))) {
                return false;
            }
        }
        return letters > 0;
    }
}
