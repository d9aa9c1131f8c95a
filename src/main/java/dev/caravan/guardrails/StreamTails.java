package dev.caravan.guardrails;

/** Helpers for {@link Guardrail#holdFrom}: where the unfinished tail of a streamed text begins. */
public final class StreamTails {
    private StreamTails() {}

    /** The start of the trailing run of non-whitespace characters; the length when the text ends in whitespace. */
    public static int lastToken(String text) {
        int i = text.length();
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** The start of the trailing run of non-whitespace characters, but never more than {@code cap} before the end. */
    public static int lastToken(String text, int cap) {
        int from = Math.max(0, text.length() - cap);
        int i = text.length();
        while (i > from && !Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /**
     * The start of the trailing run of characters that are neither whitespace nor one of {@code stops} (characters no
     * match of the caller can contain), but never more than {@code cap} before the end.
     */
    public static int lastRun(String text, int cap, String stops) {
        int from = Math.max(0, text.length() - cap);
        int i = text.length();
        while (i > from) {
            char c = text.charAt(i - 1);
            if (Character.isWhitespace(c) || stops.indexOf(c) >= 0) {
                break;
            }
            i--;
        }
        return i;
    }

    /** The start of the last line, but never more than {@code cap} characters before the end. */
    public static int lastLine(String text, int cap) {
        int n = text.length();
        int from = Math.max(0, n - cap);
        int newline = text.lastIndexOf('\n', n - 1);
        return Math.max(from, newline + 1);
    }

    /** The end of the token that starts at {@code from}. */
    public static int endOfToken(String text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The start of the token before {@code from}, skipping whitespace first; 0 when there is none. */
    public static int previousToken(String text, int from) {
        int i = from;
        while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
