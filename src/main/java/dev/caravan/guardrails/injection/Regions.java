package dev.caravan.guardrails.injection;

/** Where a finding should point: the line (or fenced block it introduces) around a match, and hidden-text runs. */
final class Regions {
    private static final int MAX_REACH = 2_000;
    private static final int MAX_FENCE = 4_000;

    private Regions() {}

    /** The line holding {@code [start, end)}, extended over a code fence the line introduces with a colon. */
    static int[] around(String text, int start, int end) {
        int n = text.length();
        int s = Math.max(0, Math.min(start, n));
        int e = Math.max(s, Math.min(end, n));
        int lineStart = s;
        while (lineStart > 0 && text.charAt(lineStart - 1) != '\n' && s - lineStart < MAX_REACH) {
            lineStart--;
        }
        int lineEnd = e;
        while (lineEnd < n && text.charAt(lineEnd) != '\n' && lineEnd - e < MAX_REACH) {
            lineEnd++;
        }
        int trimmed = lineEnd;
        while (trimmed > lineStart && Character.isWhitespace(text.charAt(trimmed - 1))) {
            trimmed--;
        }
        if (trimmed > lineStart && text.charAt(trimmed - 1) == ':' && text.startsWith("```", lineEnd + 1)) {
            int close = text.indexOf("```", lineEnd + 4);
            if (close > 0 && close - lineEnd < MAX_FENCE) {
                lineEnd = close + 3;
            }
        }
        return new int[] {lineStart, lineEnd};
    }

    /** The hull of the Unicode tag characters (U+E0000 block, a surrogate pair led by U+DB40). */
    static int[] tagRun(String text) {
        int first = -1;
        int last = -1;
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.charAt(i) == '\uDB40' && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (first < 0) {
                    first = i;
                }
                last = i + 2;
            }
        }
        return first < 0 ? new int[] {0, 0} : new int[] {first, last};
    }

    /** The hull of zero-width and bidi characters: the first one read from the start, the last from the end. */
    static int[] invisibleRun(String text) {
        int first = 0;
        while (first < text.length() && !zeroWidthOrBidi(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return new int[] {0, 0};
        }
        int last = text.length();
        while (!zeroWidthOrBidi(text.charAt(last - 1))) {
            last--;
        }
        return new int[] {first, last};
    }

    private static boolean zeroWidthOrBidi(char c) {
        return c >= '\u200B'
                && ((c <= '\u200F')
                        || (c >= '\u202A' && c <= '\u202E')
                        || (c >= '\u2060' && c <= '\u2069')
                        || c == '\uFEFF');
    }
}
