package dev.caravan.guardrails;

import java.util.Random;

/** Random texts glued from pieces, for tests that compare a fast search with a char-by-char one. */
public final class PieceTexts {
    private PieceTexts() {}

    /**
     * Up to {@code most} pieces; half the time a piece is drawn from the first {@code common} only, so that plain runs
     * of them come between the rarer pieces.
     */
    public static String of(Random random, String[] pieces, int common, int most) {
        StringBuilder sb = new StringBuilder();
        for (int k = random.nextInt(most); k > 0; k--) {
            sb.append(pieces[random.nextInt(random.nextBoolean() ? common : pieces.length)]);
        }
        return sb.toString();
    }
}
