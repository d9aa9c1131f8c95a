package dev.caravan.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.CharLanes;
import dev.caravan.guardrails.PieceTexts;
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

    @Test
    void theLaneSearchStopsAtTheFirstSoupCharAsACharByCharReadOfEachLineDoes() {
        Random random = new Random(31);
        String[] pieces = {
            "a",
            "b",
            "Z",
            "Q",
            " ",
            "\n",
            "\n",
            "!",
            "?",
            "@",
            "[",
            "]",
            "^",
            "\\",
            "`",
            "{",
            "|",
            "}",
            "~",
            "<",
            "=",
            ">",
            "(",
            "*",
            "\u0001",
            "\u001c",
            "A",
            "\u007f",
            "é",
            "É",
            "\u0130",
            "\u03c9",
            "\u03a9",
            "\u4e2d",
            "\ud83d\ude00",
            "word ",
            "camelCase",
            "x.y",
            "7"
        };
        for (int round = 0; round < 20_000; round++) {
            String text = PieceTexts.of(random, pieces, 3, 60);
            byte[] bytes = CharLanes.of(text);
            for (int from = 0; from <= text.length(); from += 1 + random.nextInt(5)) {
                assertThat(AdversarialSuffix.nextSoup(text, bytes, from, text.length()))
                        .as("%s from %d", text, from)
                        .isEqualTo(nextSoupCharByChar(text, from));
            }
        }
    }

    /**
     * The soup test as it was written before the lane search: each char of a line in turn, ' ' before the line's first;
     * a line with none is passed over.
     */
    private static int nextSoupCharByChar(String text, int from) {
        String soup = "[]{}^\\|~<>=@`!";
        char previous = from > 0 && text.charAt(from - 1) != '\n' ? text.charAt(from - 1) : ' ';
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean camel = c < 128
                    ? c >= 'A' && c <= 'Z' && previous >= 'a' && previous <= 'z'
                    : Character.isUpperCase(c) && Character.isLowerCase(previous);
            if (soup.indexOf(c) >= 0 || camel) {
                return i;
            }
            previous = c == '\n' ? ' ' : c;
        }
        return text.length();
    }
}
