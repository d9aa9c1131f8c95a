package dev.caravan.guardrails.pii;

import java.util.Locale;

/** A small list of lower-case cue words looked up in a bounded window around a candidate value. */
final class ContextWords {
    private final String[] words;
    private final int before;
    private final int after;
    /** The cues' first letters, so most word starts are rejected with one look-up. */
    private final String initials;

    /**
     * Cues are matched at the start of a word, so "ssn" does not fire inside "lessons"; a cue may end mid-word to
     * cover inflections ("call" in "calling") unless it ends with {@code $}, which requires the word to end there.
     */
    ContextWords(int before, int after, String... words) {
        this.before = before;
        this.after = after;
        this.words = words.clone();
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < this.words.length; i++) {
            this.words[i] = this.words[i].toLowerCase(Locale.ROOT);
            if (first.indexOf(this.words[i].substring(0, 1)) < 0) {
                first.append(this.words[i].charAt(0));
            }
        }
        initials = first.toString();
    }

    /** True when a cue word starts within the window before {@code start} or after {@code end}. */
    boolean near(String text, int start, int end) {
        return within(text, Math.max(0, start - before), start)
                || within(text, end, Math.min(text.length(), end + after));
    }

    /** True when a cue word starts within the window before {@code start}. */
    boolean before(String text, int start) {
        return within(text, Math.max(0, start - before), start);
    }

    /** True when a cue word starts in {@code [from, to)}, whatever the windows. */
    boolean in(String text, int from, int to) {
        return within(text, from, to);
    }

    /** Where the first cue word in the window after {@code end} starts, or -1. */
    int firstAfter(String text, int end) {
        return first(text, end, Math.min(text.length(), end + after));
    }

    /** Like {@link #near}, but only on the candidate's own line: a label on the line above names something else. */
    boolean nearOnLine(String text, int start, int end) {
        int from = Math.max(0, start - before);
        for (int i = start - 1; i >= from; i--) {
            if (text.charAt(i) == '\n') {
                from = i + 1;
                break;
            }
        }
        int to = Math.min(text.length(), end + after);
        for (int i = end; i < to; i++) {
            if (text.charAt(i) == '\n') {
                to = i;
                break;
            }
        }
        return within(text, from, start) || within(text, end, to);
    }

    /**
     * Where the last cue word starts in the window before {@code start}, or -1; only on the candidate's own line when
     * {@code onLine}.
     */
    int lastBefore(String text, int start, boolean onLine) {
        int from = Math.max(0, start - before);
        for (int i = start - 1; onLine && i >= from; i--) {
            if (text.charAt(i) == '\n') {
                from = i + 1;
                break;
            }
        }
        int last = -1;
        for (int at = first(text, from, start); at >= 0; at = first(text, at + 1, start)) {
            last = at;
        }
        return last;
    }

    private boolean within(String text, int from, int to) {
        return first(text, from, to) >= 0;
    }

    /** Where the first cue word in {@code [from, to)} starts, or -1. */
    private int first(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c) || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
                continue;
            }
            char lower = Character.toLowerCase(c);
            if (initials.indexOf(lower) < 0) {
                continue;
            }
            for (String w : words) {
                if (w.charAt(0) == lower && matches(text, i, w)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean matches(String text, int at, String word) {
        boolean whole = word.charAt(word.length() - 1) == '$';
        int len = whole ? word.length() - 1 : word.length();
        if (!text.regionMatches(true, at, word, 0, len)) {
            return false;
        }
        return !whole || at + len >= text.length() || !Character.isLetter(text.charAt(at + len));
    }
}
