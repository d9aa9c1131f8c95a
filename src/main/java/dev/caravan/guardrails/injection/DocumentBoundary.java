package dev.caravan.guardrails.injection;

import java.util.regex.Pattern;

/**
 * Where the material in a message begins: after the first line or a colon that opens a quote (level 1), and after an
 * explicit "here is the email/document/…" announcement (level 2). Instructions to the model inside that material are
 * suspect in a way the same words in the request itself are not.
 */
final class DocumentBoundary {
    private static final CueSearch ANNOUNCED = new CueSearch(Pattern.compile(
            "(?:here\\s+is|here's|below\\s+is|the\\s+following)\\b[^\\n]{0,60}?\\b(?:e-?mail|document|content|text|passage|article|page|form|table|code|answer|message|thread|report|review|data|context|file|transcript)\\b[^\\n]{0,40}?(?::|\\n)",
            Pattern.CASE_INSENSITIVE));
    private static final int SEARCH_LIMIT = 4_000;
    private static final String[] CUES = {"here", "below", "following"};
    private static final String[] CAPITALISED_CUES = {"Here", "Below", "Following"};

    private DocumentBoundary() {}

    private static int indexOfIgnoreCase(String text, String lowerWord, String capitalised, int limit) {
        // Only a start before the limit counts: searching a 1 MB text to its end for a cue word would be wasted.
        String head = text.length() > limit + lowerWord.length() ? text.substring(0, limit + lowerWord.length()) : text;
        int at = head.indexOf(lowerWord);
        // The folded text has no capitals: a search for one char (much cheaper than for a word) usually settles it.
        int capital = head.indexOf(capitalised.charAt(0));
        int upper = capital < 0 ? -1 : head.indexOf(capitalised, capital);
        int first = at < 0 ? upper : upper < 0 ? at : Math.min(at, upper);
        return first >= 0 && first < limit ? first : -1;
    }

    private static boolean blankFrom(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0, level 1 start, level 2 start]}; a level without material starts at the text's end. */
    static int[] starts(String text) {
        int n = text.length();
        int limit = Math.min(n, SEARCH_LIMIT);
        int loose = n;
        int newline = text.indexOf('\n');
        if (newline >= 0 && newline + 1 < n && !blankFrom(text, newline + 1)) {
            loose = newline + 1;
        }
        for (int colon = text.indexOf(':');
                colon >= 0 && colon < Math.min(loose, limit);
                colon = text.indexOf(':', colon + 1)) {
            int k = colon + 1;
            while (k < n && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
                k++;
            }
            if (k < n && (text.charAt(k) == '"' || text.charAt(k) == '\'' || text.charAt(k) == '`')) {
                loose = k;
                break;
            }
        }
        int announced = n;
        for (int c = 0; c < CUES.length; c++) {
            int at = indexOfIgnoreCase(text, CUES[c], CAPITALISED_CUES[c], limit);
            if (at >= 0 && at < announced) {
                int end = ANNOUNCED.end(text, Math.max(0, at - 8), Math.min(n, at + 160));
                if (end >= 0) {
                    announced = Math.min(announced, end);
                }
            }
        }
        return new int[] {0, loose, announced};
    }
}
