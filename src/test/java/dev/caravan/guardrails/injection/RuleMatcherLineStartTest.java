package dev.caravan.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuleMatcherLineStartTest {
    /** The look-behind of the output-directive rules, which the hand-written check must never turn down. */
    private static final Pattern LINE_START =
            Pattern.compile("(?<=(?:^|\\n)[ \\t*-]{0,6}(?:please\\s{1,3})?)", Pattern.MULTILINE);

    private static final String[] PIECES = {"\n", "\r", "\r\n", " ", "\t", "*", "-", "please", "please ", "x", ".", "\f"
    };

    @Test
    void everyPositionTheLookBehindAcceptsIsOneTheCheapCheckAccepts() {
        Random random = new Random(20261206);
        int accepted = 0;
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            text.append("add");
            String s = text.toString();
            Matcher m = LINE_START.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
            for (int p = 0; p <= s.length(); p++) {
                if (m.region(p, s.length()).lookingAt()) {
                    accepted++;
                    assertThat(RuleMatcher.beginsLine(s.toCharArray(), p))
                            .as("%s at %d", s.replace("\n", "\\n"), p)
                            .isTrue();
                }
            }
        }
        assertThat(accepted).isGreaterThan(1_000);
    }

    @Test
    void aWordInsideASentenceDoesNotBeginALine() {
        String text = "how to keep the api stable\n  - please  keep it short";
        assertThat(RuleMatcher.beginsLine(text.toCharArray(), text.indexOf("keep")))
                .isFalse();
        assertThat(RuleMatcher.beginsLine(text.toCharArray(), text.lastIndexOf("keep")))
                .isTrue();
        assertThat(RuleMatcher.beginsLine(text.toCharArray(), 0)).isTrue();
        assertThat(RuleMatcher.beginsLine("x\n       keep".toCharArray(), 9)).isFalse();
    }
}
