package dev.caravan.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CueSearchTest {
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("\\b(?:phrases?|e\\.g\\.|red[\\s-]team\\w*|our\\s+logs)\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile(
                    "(?:here\\s+is|here's|the\\s+following)\\b[^\\n]{0,30}?\\b(?:text|code)\\b[^\\n]{0,10}?(?::|\\n)"),
            Pattern.compile("\\b(?:(?:exact\\s+)?opposite\\s+of|rules?\\s+are)\\b"),
            Pattern.compile("(?<=(?:^|\\n)[ \\t]{0,4})(?:add|use)\\w*\\s+the\\b", Pattern.MULTILINE),
            Pattern.compile("[\\[(]\\s*(?:safe|admin)\\s*[\\])]"),
            // Under 'a': a one-char lead and a bounded one; under 'p': a lead without a boundary.
            Pattern.compile("(?:a\\s+rule|\\bare\\b|ph)", Pattern.CASE_INSENSITIVE),
            // Punctuation leads, plain and escaped; then a start the leads cannot read (a negated class).
            Pattern.compile("(?:!\\[|\\]\\(|<@)\\s*(?:admin|safe)"),
            Pattern.compile("(?:^|[^\\w@])(?:admin|safe)\\b"));
    private static final String[] WORDS = {
        "phrase",
        "phrases",
        "e.g.",
        "Red-Team",
        "redteam",
        "our",
        "logs",
        "OUR LOGS",
        "here",
        "is",
        "here's",
        "the",
        "following",
        "text",
        "code:",
        "exact",
        "opposite",
        "of",
        "rules",
        "rule",
        "are",
        "add",
        "used",
        "[admin]",
        "![safe",
        "]( admin",
        "<@admin",
        "( safe )",
        "x_phrase",
        "\n",
        "\t",
        ":",
        "ß",
        "é",
        "word",
        "a",
        "A",
        "xare",
        "Phrase",
        "alpha"
    };

    @Test
    void findsWhatARegionSearchFindsInAnyWindow() {
        Random random = new Random(5);
        for (int round = 0; round < 3_000; round++) {
            String text = randomText(random, 30);
            int from = random.nextInt(text.length());
            int to = from + random.nextInt(text.length() - from + 1);
            for (Pattern p : PATTERNS) {
                Matcher m = p.matcher(text).region(from, to);
                int expected = m.find() ? m.end() : -1;
                assertThat(new CueSearch(p).end(text, from, to))
                        .as("%s in [%s]", p, text)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void nextStopsAtEachPositionWhereALeadingWordStarts() {
        Random random = new Random(11);
        for (int round = 0; round < 1_000; round++) {
            String text = randomText(random, 20);
            for (Pattern p : PATTERNS) {
                LeadingWords leads = LeadingWords.of(p);
                if (leads == null) {
                    continue;
                }
                char[] chars = text.toCharArray();
                for (int from = 0; from <= text.length(); from++) {
                    int expected = -1;
                    for (int q = from; q < text.length() && expected < 0; q++) {
                        expected = leads.startAt(chars, q) ? q : -1;
                    }
                    assertThat(leads.next(chars, from))
                            .as("%s from %d in [%s]", p, from, text)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void aStartTheLeadingWordsTurnDownIsOneWhereNoRuleMatches() {
        List<Rule> rules = InjectionDetector.defaultRules();
        List<String> words = new java.util.ArrayList<>(List.of(WORDS));
        rules.forEach(r -> words.addAll(r.triggers()));
        words.addAll(List.of("ignore", "all", "previous", "instructions", "you", "are", "now", "\n", ":", "-", "*"));
        Random random = new Random(13);
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                sb.append(words.get(random.nextInt(words.size()))).append(random.nextInt(4) == 0 ? "" : " ");
            }
            String text = sb.toString();
            char[] chars = text.toCharArray();
            for (Rule rule : rules) {
                LeadingWords leads = LeadingWords.of(rule.pattern());
                if (leads == null) {
                    continue;
                }
                Matcher m =
                        rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                for (int p = 0; p < chars.length; p++) {
                    if (!leads.startAt(chars, p)) {
                        assertThat(m.region(p, chars.length).lookingAt())
                                .as("%s at %d in [%s]", rule.id(), p, text)
                                .isFalse();
                    }
                }
            }
        }
    }

    /** {@code words} of WORDS, most of them followed by a space. */
    private static String randomText(Random random, int words) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            sb.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return sb.toString();
    }

    @Test
    void readsTheWordsAMatchMustStartWith() {
        assertThat(LeadingWords.of(PATTERNS.get(2))).isNotNull();
        assertThat(LeadingWords.of(PATTERNS.get(7))).isNull();
        LeadingWords brackets = LeadingWords.of(PATTERNS.get(4));
        assertThat(brackets.startAt("a [safe]".toCharArray(), 2)).isTrue();
        assertThat(brackets.startAt("a (safe)".toCharArray(), 2)).isTrue();
        assertThat(brackets.startAt("a (safe)".toCharArray(), 0)).isFalse();
        LeadingWords marks = LeadingWords.of(PATTERNS.get(6));
        assertThat(marks.startAt("x![safe".toCharArray(), 1)).isTrue();
        assertThat(marks.startAt("x](safe".toCharArray(), 1)).isTrue();
        assertThat(marks.startAt("x[safe".toCharArray(), 1)).isFalse();
        LeadingWords opposite = LeadingWords.of(PATTERNS.get(2));
        assertThat(opposite.startAt("the exact opposite".toCharArray(), 4)).isTrue();
        assertThat(opposite.startAt("the opposite of".toCharArray(), 4)).isTrue();
        // A lead the pattern follows with \s+ does not start a match at the end of the text or before a letter.
        assertThat(opposite.startAt("the opposite".toCharArray(), 4)).isFalse();
        assertThat(opposite.startAt("the oppositeness".toCharArray(), 4)).isFalse();
        assertThat(opposite.startAt("the rules".toCharArray(), 4)).isTrue();
        assertThat(opposite.startAt("the xopposite".toCharArray(), 5)).isFalse();
        assertThat(opposite.startAt("the other".toCharArray(), 4)).isFalse();
    }
}
