package dev.caravan.guardrails.injection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a pattern inside a window of a text as {@code Matcher.region(from, to).find()} would, but runs the regex only
 * where one of the pattern's leading words starts: a regex that opens with a long alternation is otherwise tried,
 * branch by branch, at every char of the window.
 */
final class CueSearch {
    private final Pattern pattern;
    private final LeadingWords leads;

    CueSearch(Pattern pattern) {
        this.pattern = pattern;
        this.leads = LeadingWords.of(pattern);
    }

    /** The end of the first match in {@code text[from, to)}, or -1; the window's edges bound the pattern like a region's. */
    int end(String text, int from, int to) {
        if (leads == null) {
            Matcher m = pattern.matcher(text).region(from, to);
            return m.find() ? m.end() : -1;
        }
        // A region's default opaque bounds hide the text outside it; a copy of the window does the same, while the
        // transparent bounds below still let each try see the window before its starting point. The leads are looked
        // for in a char copy of the window; its string is made for the first lead found.
        char[] chars = new char[to - from];
        text.getChars(from, to, chars, 0);
        Matcher m = null;
        for (int p = leads.next(chars, 0); p >= 0; p = leads.next(chars, p + 1)) {
            if (m == null) {
                m = pattern.matcher(new String(chars))
                        .useTransparentBounds(true)
                        .useAnchoringBounds(false);
            }
            if (m.region(p, chars.length).lookingAt()) {
                return from + m.end();
            }
        }
        return -1;
    }

    /** True if the pattern occurs in {@code text[from, to)}. */
    boolean find(String text, int from, int to) {
        return end(text, from, to) >= 0;
    }
}
