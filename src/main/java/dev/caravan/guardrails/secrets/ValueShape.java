package dev.caravan.guardrails.secrets;

import java.util.Arrays;

/**
 * What a candidate value looks like: its length, character classes and entropy, and whether it reads as a
 * placeholder, a mask, a vendor's documented example or a low-entropy dummy rather than a real credential.
 */
record ValueShape(int length, int classes, double entropy, boolean hexOnly, boolean digitsOnly, boolean hasSpace) {

    /** Substrings that mark a value as written for documentation or as a stand-in, in lower case. */
    private static final String[] PLACEHOLDER_MARKS = {
        "example",
        "sample",
        "dummy",
        "placeholder",
        "replace",
        "redacted",
        "changeme",
        "change_me",
        "change-me",
        "notareal",
        "not-a-real",
        "not_a_real",
        "your",
        "insert",
        "xxxx",
        "****",
        "...",
        "\u2026",
        "\u2022",
        "<",
        ">",
        "{{",
        "}}",
        "${",
        "$(",
        "%(",
        "password",
        "secret",
        "fake"
    };

    private static final String[][] MARKS_BY_FIRST_CHAR = byFirstChar(PLACEHOLDER_MARKS);
    private static final String[] UNICODE_MARKS = {"\u2026", "\u2022"};

    /** Whole words (between non-letters) that mark a value as a stand-in. */
    private static final String[] PLACEHOLDER_WORDS = {
        "test", "todo", "tbd", "none", "null", "mock", "foo", "bar", "demo", "here", "token", "key", "abc"
    };

    static ValueShape of(String text, int from, int to) {
        int[] counts = new int[128];
        int other = 0;
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        boolean hexOnly = true;
        boolean space = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
            if (c >= 'a' && c <= 'z') {
                lower = true;
                hexOnly &= c <= 'f';
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
                hexOnly = false;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                symbol = true;
                hexOnly = false;
                space |= Character.isWhitespace(c);
            }
        }
        int length = to - from;
        double entropy = 0;
        for (int count : counts) {
            entropy += term(count, length);
        }
        entropy += term(other, length);
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        return new ValueShape(length, classes, entropy, hexOnly && length > 0, digit && classes == 1, space);
    }

    private static double term(int count, int length) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / length;
        return -p * Math.log(p) / Math.log(2);
    }

    /** True when the value is not a placeholder, mask, documented example or low-entropy dummy. */
    static boolean looksGenuine(String text, int from, int to) {
        return !isLowDiversity(text, from, to) && !isSequential(text, from, to) && !isPlaceholder(text, from, to);
    }

    static boolean isPlaceholder(String text, int from, int to) {
        int wordStart = -1;
        for (int i = from; i <= to; i++) {
            char c = i < to ? Character.toLowerCase(text.charAt(i)) : ' ';
            if (i < to && startsMark(text, i, to, c)) {
                return true;
            }
            boolean letter = c >= 'a' && c <= 'z';
            if (letter && wordStart < 0) {
                wordStart = i;
            } else if (!letter && wordStart >= 0) {
                if (isPlaceholderWord(text, from, to, wordStart, i)) {
                    return true;
                }
                wordStart = -1;
            }
        }
        return false;
    }

    private static boolean startsMark(String text, int at, int to, char lower) {
        String[] marks = lower < 128
                ? MARKS_BY_FIRST_CHAR[lower]
                : (lower == '\u2026' || lower == '\u2022' ? UNICODE_MARKS : null);
        if (marks == null) {
            return false;
        }
        for (String mark : marks) {
            if (at + mark.length() <= to && text.regionMatches(true, at, mark, 0, mark.length())) {
                return true;
            }
        }
        return false;
    }

    private static String[][] byFirstChar(String[] marks) {
        String[][] table = new String[128][];
        for (String mark : marks) {
            char first = mark.charAt(0);
            if (first < 128) {
                String[] old = table[first] == null ? new String[0] : table[first];
                String[] grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = mark;
                table[first] = grown;
            }
        }
        return table;
    }

    private static boolean isPlaceholderWord(String text, int from, int to, int wordStart, int wordEnd) {
        // a stand-in word only counts when it is set apart, not when it happens inside a random run of letters
        boolean apart = (wordStart == from || !Character.isLetterOrDigit(text.charAt(wordStart - 1)))
                && (wordEnd == to || !Character.isLetterOrDigit(text.charAt(wordEnd)));
        if (!apart) {
            return false;
        }
        for (String word : PLACEHOLDER_WORDS) {
            if (word.length() == wordEnd - wordStart && text.regionMatches(true, wordStart, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Too few distinct characters for the length, or one character dominating: zeros, x-runs, "aaaa...". */
    static boolean isLowDiversity(String text, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return true;
        }
        long seenLow = 0;
        long seenHigh = 0;
        int distinct = 0;
        int run = 1;
        int longestRun = 1;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (i > from) {
                run = c == text.charAt(i - 1) ? run + 1 : 1;
                longestRun = Math.max(longestRun, run);
            }
            int bit = c & 127;
            long mask = 1L << (bit & 63);
            if (bit < 64) {
                if ((seenLow & mask) == 0) {
                    seenLow |= mask;
                    distinct++;
                }
            } else if ((seenHigh & mask) == 0) {
                seenHigh |= mask;
                distinct++;
            }
        }
        return distinct * 4 < Math.min(length, 40) || longestRun >= Math.max(6, length / 4);
    }

    /** Runs such as "123456", "abcdef" or "AbC123dEf456" that keyboards and docs produce and generators do not. */
    static boolean isSequential(String text, int from, int to) {
        int steps = 0;
        int run = 1;
        int direction = 0;
        for (int i = from + 1; i < to; i++) {
            int a = Character.toLowerCase(text.charAt(i - 1));
            int b = Character.toLowerCase(text.charAt(i));
            int step = TokenAlphabet.isAlnum((char) a) && TokenAlphabet.isAlnum((char) b) && Math.abs(b - a) == 1
                    ? b - a
                    : 0;
            if (step != 0) {
                steps++;
                run = step == direction ? run + 1 : 2;
                if (run >= 6) {
                    return true;
                }
            } else {
                run = 1;
            }
            direction = step;
        }
        return to - from >= 12 && steps * 3 >= to - from;
    }
}
