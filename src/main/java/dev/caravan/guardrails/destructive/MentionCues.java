package dev.caravan.guardrails.destructive;

import java.util.regex.Pattern;

/**
 * Tells a command that is talked about from one that is asked for: the sentence before it asks what it does, warns
 * against it, or describes a rule that blocks it. Only the sentence before the command, on its line, is read.
 */
final class MentionCues {
    private static final int SENTENCE_WINDOW = 160;
    private static final Pattern TALK = Pattern.compile(
            "\\b(?:what(?:'s| is| does| do| happens| would| will)"
                    + "|why|how (?:do|does|did|can|could|should|would|to|is|are)|when (?:should|do|does|is|would|to)"
                    + "|explain\\w*|meaning of|difference between|is it (?:safe|ok|okay|dangerous|bad|a good idea|wise)"
                    + "|never|don'?t|do not|avoid\\w*|prevent\\w*|block(?:s|ed|ing)?|detect\\w*|contain(?:s|ed|ing)?"
                    + "|warn(?:s|ed|ing)?|incident|accidentally|someone ran|flag(?:s|ged)?|alert\\w*|forbid\\w*"
                    + "|disallow\\w*|deny|denies|reject\\w*|catch(?:es)?|refuse\\w*|example of|such as)\\b",
            Pattern.CASE_INSENSITIVE);

    private MentionCues() {}

    /** True when the sentence leading up to start (on the same line) talks about the command instead of asking for it. */
    static boolean talkedAbout(String text, int start) {
        int floor = Math.max(0, start - SENTENCE_WINDOW);
        int i = start;
        while (i > floor) {
            char c = text.charAt(i - 1);
            if (c == '\n') {
                break;
            }
            if ((c == '.' || c == '?' || c == '!') && i < start && Character.isWhitespace(text.charAt(i))) {
                break;
            }
            i--;
        }
        if (i == start) {
            return false;
        }
        return TALK.matcher(text).region(i, start).find();
    }
}
