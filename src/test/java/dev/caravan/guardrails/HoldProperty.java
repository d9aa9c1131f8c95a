package dev.caravan.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Checks a guardrail's {@link Guardrail#holdFrom} against its own scan at every cut a stream can make in a text. */
public final class HoldProperty {
    /** The score from which a stream masks a finding: the default threshold. */
    public static final double MASKED_FROM = 0.5;

    private HoldProperty() {}

    /** Both properties over many texts: every violation, described; empty when the detector's holds are sound. */
    public static List<String> misses(Guardrail guardrail, List<String> texts) {
        List<String> misses = new java.util.ArrayList<>();
        for (String text : texts) {
            misses.addAll(releasedSplitFindings(guardrail, text));
            misses.addAll(findingsReleasedUnmasked(guardrail, text));
        }
        return misses;
    }

    /**
     * The findings of the whole text that a cut splits, or that end right at it, yet start before the hold of the text
     * up to that cut (unless they start more than {@link Guardrail#longestMatch} before it), one line each.
     */
    public static List<String> releasedSplitFindings(Guardrail guardrail, String text) {
        List<Finding> found = guardrail.scan(text, Source.COMPLETION);
        List<String> misses = new ArrayList<>();
        for (int cut = 1; cut <= text.length() && !found.isEmpty(); cut++) {
            int hold = -1;
            for (Finding f : found) {
                boolean split = f.start() < cut && f.end() >= cut;
                if (split && cut - f.start() <= guardrail.longestMatch()) {
                    hold = hold < 0 ? guardrail.holdFrom(text.substring(0, cut)) : hold;
                    if (f.start() < hold) {
                        misses.add("cut " + cut + " holds from " + hold + " but " + describe(text, f));
                    }
                }
            }
        }
        return misses;
    }

    /**
     * The masked findings of the whole text some of whose characters a stream releases, cut by cut, while the text up
     * to the cut has no masked finding over them: a finding that later text creates (a cue word after a number, the
     * other half of a key pair, a flag after a password) must still be held when it appears.
     */
    public static List<String> findingsReleasedUnmasked(Guardrail guardrail, String text) {
        List<Finding> found = guardrail.scan(text, Source.COMPLETION).stream()
                .filter(f -> f.score() >= MASKED_FROM)
                .toList();
        List<String> misses = new ArrayList<>();
        int released = 0;
        for (int cut = 1; cut <= text.length() && !found.isEmpty(); cut++) {
            String prefix = text.substring(0, cut);
            int hold = Math.max(released, guardrail.holdFrom(prefix));
            List<Finding> masks = null;
            for (Finding f : found) {
                int from = Math.max(released, f.start());
                int to = Math.min(hold, f.end());
                if (from < to) {
                    masks = masks != null ? masks : guardrail.scan(prefix, Source.COMPLETION);
                    if (!covered(masks, from, to)) {
                        misses.add("cut " + cut + " releases up to " + hold + " but " + describe(text, f));
                    }
                }
            }
            released = hold;
        }
        return misses;
    }

    /** Both properties over the positives of one dev-set file; the test is skipped where the dev set is absent. */
    public static List<String> devSetMisses(Guardrail guardrail, String file) {
        assumeTrue(DevSetTexts.present(), "the guardrail dev set is not on this machine");
        List<String> texts = DevSetTexts.positives(file);
        assertThat(texts).hasSizeGreaterThan(100);
        return misses(guardrail, texts);
    }

    /** {@link #meanHeld} over the dev set's benign texts, printed under {@code name}; skipped without the dev set. */
    public static double meanHeldOverBenign(Guardrail guardrail, String name) {
        assumeTrue(DevSetTexts.present(), "the guardrail dev set is not on this machine");
        double mean = meanHeld(guardrail, DevSetTexts.all("benign.jsonl"));
        System.out.printf("%s: mean held over benign texts cut at every position: %.2f chars%n", name, mean);
        return mean;
    }

    /**
     * {@code count} texts of 2 to {@code 1 + spread} pieces drawn at random (with {@code random}, which the pieces may
     * use too), so that findings meet cuts in every position and context.
     */
    public static List<String> composed(Random random, List<Supplier<String>> pieces, int count, int spread) {
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            StringBuilder text = new StringBuilder();
            for (int i = 2 + random.nextInt(spread); i > 0; i--) {
                text.append(pieces.get(random.nextInt(pieces.size())).get());
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** How many chars a stream holds back on average, over every cut of every text. */
    public static double meanHeld(Guardrail guardrail, List<String> texts) {
        long held = 0;
        long cuts = 0;
        for (String text : texts) {
            for (int cut = 0; cut <= text.length(); cut++) {
                held += cut - guardrail.holdFrom(text.substring(0, cut));
                cuts++;
            }
        }
        return cuts == 0 ? 0 : (double) held / cuts;
    }

    private static boolean covered(List<Finding> masks, int from, int to) {
        for (int i = from; i < to; i++) {
            int at = i;
            if (masks.stream().noneMatch(m -> m.score() >= MASKED_FROM && m.start() <= at && at < m.end())) {
                return false;
            }
        }
        return true;
    }

    private static String describe(String text, Finding f) {
        String span = text.substring(f.start(), f.end());
        String shown = span.length() > 40 ? span.substring(0, 40) + "..." : span;
        return f.category().id() + " [" + f.start() + ", " + f.end() + ") \"" + shown.replace("\n", "\\n") + "\"";
    }
}
