package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.StreamTails;

/**
 * Where a private key block begins that a stream has not finished: its END line, an escaped newline after it, or a
 * token glued to it (which the scan reports merged with the block) may still be written.
 */
final class OpenKeyBlocks {
    private OpenKeyBlocks() {}

    /** The first unfinished private key block that begins at or after {@code from}, else the text's length. */
    static int holdFrom(String text, int from) {
        int n = text.length();
        int at = text.indexOf(PrivateKeyBlocks.BEGIN, from);
        while (at >= 0) {
            int labelStart = at + PrivateKeyBlocks.BEGIN.length();
            int labelEnd = PrivateKeyBlocks.indexWithin(
                    text, PrivateKeyBlocks.DASHES, labelStart, labelStart + PrivateKeyBlocks.MAX_LABEL);
            int resume = labelStart;
            if (labelEnd < 0) {
                if (n < labelStart + PrivateKeyBlocks.MAX_LABEL + PrivateKeyBlocks.DASHES.length()) {
                    return gluedStart(text, at, from); // the label's closing dashes may still come
                }
            } else {
                String label = text.substring(labelStart, labelEnd);
                if (PrivateKeyBlocks.isPrivate(label)) {
                    String endLine = PrivateKeyBlocks.endLine(label);
                    int endAt = text.indexOf(endLine, labelEnd + PrivateKeyBlocks.DASHES.length());
                    if (endAt < 0) {
                        return gluedStart(text, at, from);
                    }
                    resume = PrivateKeyBlocks.escapedNewlinesEnd(text, endAt + endLine.length());
                    if (StreamTails.lastToken(text, n - resume) <= resume) {
                        // an escaped newline may still extend the block, or a token glued to it overlap it
                        return gluedStart(text, at, from);
                    }
                }
            }
            at = text.indexOf(PrivateKeyBlocks.BEGIN, resume);
        }
        return n;
    }

    /**
     * Where the run of non-whitespace that the block at {@code at} is glued to begins: a token, URL or value written
     * right before it overlaps the block and is reported merged with it.
     */
    private static int gluedStart(String text, int at, int from) {
        int i = at;
        while (i > from && !Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
