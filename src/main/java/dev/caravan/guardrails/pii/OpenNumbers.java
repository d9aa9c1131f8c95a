package dev.caravan.guardrails.pii;

/**
 * Where a run of digit groups begins that more text could still turn into a finding: the run a streamed text ends
 * with ("call +1 415 555", "4111 1111 "), a run that reaches into the last token, or a run of phone length shortly
 * before the end, which a cue word after it ("... is my cell", "... (SSN)") could still make a phone, an SSN or a
 * high-scoring Aadhaar number.
 */
final class OpenNumbers {
    /** Cues are looked for up to 24 chars after a number and run up to 15 chars ("social security"). */
    static final int CUE_REACH = 40;
    /** A cue names nothing shorter than a phone number. */
    private static final int MIN_NAMED_DIGITS = 7;
    /** No finding spans more digits than the longest card number. */
    private static final int MAX_DIGITS = 19;

    private static final int MAX_SEPARATOR = 3;

    private OpenNumbers() {}

    /**
     * The start of the earliest run from {@code floor} on that may still become a finding, else the length. A run that
     * reaches into the last token (which starts at {@code tail}) is held too: a finding that token may still become or
     * stop being, such as an e-mail address glued to the run, can overlap the run and hide or reveal a finding in it.
     */
    static int holdFrom(String text, int floor, int tail) {
        int n = text.length();
        int open = openEnd(text);
        int hold = n;
        int i = n;
        while (i > floor && (n - i < CUE_REACH || i > tail)) {
            if (!DigitGroups.isDigit(text.charAt(i - 1))) {
                i--;
                continue;
            }
            int end = i;
            int last = -1;
            int before = 0;
            int first = end;
            int group = end;
            while (true) {
                int start = group;
                while (start > floor && DigitGroups.isDigit(text.charAt(start - 1))) {
                    start--;
                }
                i = start;
                // a letter glued to the last group drops it from the run, so only the groups before it are budgeted
                if (last < 0) {
                    last = group - start;
                } else if (before + group - start <= MAX_DIGITS) {
                    before += group - start;
                } else {
                    break;
                }
                first = start;
                group = separatorStart(text, start);
                if (group < 0) {
                    break;
                }
            }
            if (end == open || end > tail || last + before >= MIN_NAMED_DIGITS) {
                boolean lead = first > 0 && (text.charAt(first - 1) == '+' || text.charAt(first - 1) == '(');
                hold = Math.min(hold, lead ? first - 1 : first);
            }
        }
        return hold;
    }

    /** The end of the run the text ends with, when more digits may still join it; else -1. */
    private static int openEnd(String text) {
        int n = text.length();
        int j = separatorStart(text, n);
        if (j >= 0) {
            return j;
        }
        if (n > 0 && DigitGroups.isDigit(text.charAt(n - 1))) {
            return n;
        }
        // "0187x": an extension's digits may still follow
        return n > 1 && text.charAt(n - 1) == 'x' && DigitGroups.isDigit(text.charAt(n - 2)) ? n - 1 : -1;
    }

    /** Where a separator that joins a digit to the group at {@code at} begins (after that digit), else -1. */
    private static int separatorStart(String text, int at) {
        int j = at;
        int spaces = 0;
        while (j > 0 && at - j < MAX_SEPARATOR && isSeparator(text.charAt(j - 1))) {
            spaces += isSpace(text.charAt(j - 1)) ? 1 : 0;
            j--;
        }
        return j < at && spaces <= 1 && j > 0 && DigitGroups.isDigit(text.charAt(j - 1)) ? j : -1;
    }

    /** The characters {@link DigitGroups} reads between two groups. */
    private static boolean isSeparator(char c) {
        return isSpace(c) || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\u2011';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F';
    }
}
