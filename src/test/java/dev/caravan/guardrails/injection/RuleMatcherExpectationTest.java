package dev.caravan.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A rule's expected words and chars only spare its pattern windows it cannot match in: texts stitched from runs of the
 * rules' own words get the same signals with the expectations as without them.
 */
class RuleMatcherExpectationTest {
    private static final String[] GLUE = {
        " ",
        " ",
        " ",
        "  ",
        ", ",
        ": ",
        ":",
        "\n",
        "\n## ",
        " [",
        "] ",
        " (",
        ") ",
        " <",
        "> ",
        "!",
        " '",
        " \"",
        ". ",
        " http://x.test/?q={",
        " www.",
        " a@b.test",
        "-",
        "_"
    };

    private static Rule withoutExpectation(Rule r) {
        return new Rule(
                r.id(),
                r.category(),
                r.weight(),
                r.triggers(),
                r.literals(),
                r.pattern(),
                r.context(),
                r.back(),
                r.forward(),
                r.documentLevel(),
                r.amplifier(),
                r.needs(),
                r.lineStart(),
                null);
    }

    /**
     * A random string the regex (of the subset the rules use) can match: one alternative per group, a few repeats per
     * quantifier; look-arounds, boundaries and anchors are left out, so a sample may also fall short of a match.
     */
    private static final class Sample {
        private final String re;
        private final Random random;
        private int i;

        Sample(String re, Random random) {
            this.re = re;
            this.random = random;
        }

        static String of(Pattern p, Random random) {
            Sample s = new Sample(p.pattern(), random);
            StringBuilder out = new StringBuilder();
            s.alternatives(out);
            return out.toString();
        }

        /** Reads alternatives up to a ')' or the end, appending one of them. */
        void alternatives(StringBuilder out) {
            List<StringBuilder> alts = new ArrayList<>();
            alts.add(new StringBuilder());
            while (i < re.length() && re.charAt(i) != ')') {
                if (re.charAt(i) == '|') {
                    i++;
                    alts.add(new StringBuilder());
                } else {
                    piece(alts.get(alts.size() - 1));
                }
            }
            out.append(alts.get(random.nextInt(alts.size())));
        }

        void piece(StringBuilder out) {
            StringBuilder atom = new StringBuilder();
            int atomStart = i;
            char c = re.charAt(i);
            boolean skip = false;
            if (c == '(') {
                skip = re.startsWith("(?=", i)
                        || re.startsWith("(?!", i)
                        || re.startsWith("(?<=", i)
                        || re.startsWith("(?<!", i);
                i += re.startsWith("(?:", i) ? 3 : re.startsWith("(?<", i) ? 4 : re.startsWith("(?", i) ? 3 : 1;
                alternatives(atom);
                i++;
            } else if (c == '[') {
                atom.append(classChar());
            } else if (c == '\\') {
                char e = re.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 's' -> atom.append(random.nextInt(8) == 0 ? '\n' : ' ');
                    case 'w' -> atom.append((char) ('a' + random.nextInt(26)));
                    case 'd' -> atom.append((char) ('0' + random.nextInt(10)));
                    case 'S', 'W' -> atom.append(e == 'S' ? 'x' : ' ');
                    case 'b', 'B' -> {}
                    case 'n' -> atom.append('\n');
                    case 't' -> atom.append('\t');
                    default -> atom.append(e);
                }
            } else if (c == '^' || c == '$') {
                i++;
            } else {
                atom.append(c == '.' ? 'x' : c);
                i++;
            }
            int[] range = quantifier();
            if (skip || atomStart == i) {
                return;
            }
            int times = range[0] + random.nextInt(Math.min(range[1], range[0] + 2) - range[0] + 1);
            out.append(String.valueOf(atom).repeat(times));
        }

        /** The quantifier at i as {min, max} ({1, 1} for none), with a lazy or possessive mark stepped over. */
        int[] quantifier() {
            if (i >= re.length()) {
                return new int[] {1, 1};
            }
            char c = re.charAt(i);
            int[] range;
            if (c == '?' || c == '*' || c == '+') {
                i++;
                range = new int[] {c == '+' ? 1 : 0, c == '?' ? 1 : 3};
            } else if (c == '{') {
                int close = re.indexOf('}', i);
                String[] parts = re.substring(i + 1, close).split(",", -1);
                int min = Integer.parseInt(parts[0]);
                int max = parts.length == 1 ? min : parts[1].isEmpty() ? min + 3 : Integer.parseInt(parts[1]);
                i = close + 1;
                range = new int[] {min, max};
            } else {
                return new int[] {1, 1};
            }
            if (i < re.length() && (re.charAt(i) == '?' || re.charAt(i) == '+')) {
                i++;
            }
            return range;
        }

        /** One char a class at i admits (a letter or a space for a negated one), leaving i after it. */
        char classChar() {
            int k = i + 1;
            boolean negated = re.charAt(k) == '^';
            List<Character> chars = new ArrayList<>();
            for (k = negated ? k + 1 : k; re.charAt(k) != ']'; k++) {
                char c = re.charAt(k);
                if (c == '\\') {
                    char e = re.charAt(++k);
                    chars.add(e == 's' ? ' ' : e == 'w' ? 'a' : e == 'd' ? '7' : e == 'n' ? '\n' : e);
                } else if (re.charAt(k + 1) == '-' && re.charAt(k + 2) != ']') {
                    chars.add((char) (c + random.nextInt(re.charAt(k + 2) - c + 1)));
                    k += 2;
                } else {
                    chars.add(c);
                }
            }
            i = k + 1;
            if (negated) {
                return random.nextBoolean() ? ' ' : (char) ('a' + random.nextInt(26));
            }
            return chars.get(random.nextInt(chars.size()));
        }
    }

    /** A signal by its rule's id (the rules differ in their expectation only) and its span. */
    private static String found(Signal s) {
        return s.rule().id() + " " + s.start() + "-" + s.end();
    }

    @Test
    void expectationsNeverDropASignal() {
        List<Rule> rules = InjectionDetector.defaultRules();
        List<Rule> expecting = rules.stream().filter(r -> r.expects() != null).toList();
        assertThat(expecting).hasSizeGreaterThan(10);
        RuleMatcher with = new RuleMatcher(rules);
        RuleMatcher without = new RuleMatcher(rules.stream()
                .map(RuleMatcherExpectationTest::withoutExpectation)
                .toList());
        Random random = new Random(20261207);
        Set<String> matched = new HashSet<>();
        for (int round = 0; round < 4_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int run = random.nextInt(4); run >= 0; run--) {
                text.append(GLUE[random.nextInt(GLUE.length)]);
                Rule rule = expecting.get(random.nextInt(expecting.size()));
                String sample = Sample.of(rule.pattern(), random);
                // Now and then a piece of the sample only: near misses belong in the test as much as matches.
                int cut = random.nextInt(3) == 0 ? random.nextInt(sample.length() + 1) : sample.length();
                text.append(random.nextBoolean() ? sample.substring(0, cut) : sample.substring(sample.length() - cut));
                text.append(GLUE[random.nextInt(GLUE.length)]);
            }
            String s = text.toString();
            List<Signal> expected = new ArrayList<>();
            without.match(s, false, new int[] {0, 0, 0}, expected);
            List<Signal> actual = new ArrayList<>();
            with.match(s, false, new int[] {0, 0, 0}, actual);
            assertThat(actual.stream().map(RuleMatcherExpectationTest::found).toList())
                    .as(s)
                    .isEqualTo(expected.stream()
                            .map(RuleMatcherExpectationTest::found)
                            .toList());
            expected.stream()
                    .map(sig -> sig.rule().id())
                    .filter(id -> expecting.stream().anyMatch(r -> r.id().equals(id)))
                    .forEach(matched::add);
        }
        // The texts must reach the rules: a generator that never matched would prove nothing.
        assertThat(matched).as("rules matched").hasSizeGreaterThan(expecting.size() * 4 / 5);
    }
}
