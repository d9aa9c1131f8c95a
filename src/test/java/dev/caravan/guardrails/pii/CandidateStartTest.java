package dev.caravan.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.CharLanes;
import dev.caravan.guardrails.PieceTexts;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CandidateStartTest {
    @Test
    void theLaneSearchStopsWhereACharByCharReadWouldFindADigitAtColonOrTwoCapitals() {
        Random random = new Random(37);
        String[] pieces = {
            "a",
            "z",
            " ",
            "0",
            "9",
            "@",
            ":",
            ";",
            "?",
            "/",
            "A",
            "Z",
            "AB",
            "DE89",
            "[",
            "`",
            "\u00c9",
            "\u0130",
            "\u0141",
            "\uff10",
            "\u4e2d",
            "\ud83d\ude00",
            "\n",
            "word "
        };
        for (int round = 0; round < 20_000; round++) {
            String text = PieceTexts.of(random, pieces, 5, 60);
            byte[] bytes = CharLanes.of(text);
            int n = text.length();
            for (int from = 0; from <= n; from += 1 + random.nextInt(5)) {
                assertThat(PiiDetector.nextStart(text, bytes, from, n))
                        .as("%s from %d", text, from)
                        .isEqualTo(nextStartCharByChar(text, from));
            }
        }
    }

    /** Digits, '@' and ':' start a candidate; a capital does when the next char is a capital too. */
    private static int nextStartCharByChar(String text, int from) {
        int n = text.length();
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            boolean capital = c >= 'A' && c <= 'Z';
            if ((c >= '0' && c <= '9')
                    || c == '@'
                    || c == ':'
                    || (capital && i + 1 < n && isCapital(text.charAt(i + 1)))) {
                return i;
            }
        }
        return n;
    }

    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
