package dev.caravan.guardrails.injection;

/**
 * Text folded for keyword matching, with the way back to the original: {@code starts[i]} and {@code ends[i]} are the
 * original span of normalized char {@code i} (the arrays may be longer than the text); both are null when offsets are unchanged (plain ASCII that was only lower-cased).
 * {@code chars} holds the text's chars, for the scans that read a char array (never written).
 */
record NormalizedText(
        String text,
        char[] chars,
        String leetVariant,
        int[] starts,
        int[] ends,
        int hiddenTagChars,
        int invisibleChars) {

    /** Lower-cased ASCII {@code chars}, whose offsets are the original's. */
    static NormalizedText identity(char[] chars) {
        return new NormalizedText(new String(chars), chars, null, null, null, 0, 0);
    }

    boolean isIdentity() {
        return starts == null;
    }

    int originalStart(int index) {
        if (starts == null) {
            return index;
        }
        if (text.isEmpty()) {
            return 0;
        }
        return starts[Math.min(Math.max(index, 0), text.length() - 1)];
    }

    int originalEnd(int index) {
        if (ends == null) {
            return index;
        }
        if (index <= 0 || text.isEmpty()) {
            return originalStart(0);
        }
        return ends[Math.min(index, text.length()) - 1];
    }
}
