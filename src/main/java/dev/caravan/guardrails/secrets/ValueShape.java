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
    /** ASCII pairs (lower case) that some mark starts with; a one-character mark claims every pair it begins. */
    private static final boolean[] MARK_PAIRS = markPairs(PLACEHOLDER_MARKS);

    /** Whole words (between non-letters) that mark a value as a stand-in. */
    private static final String[] PLACEHOLDER_WORDS = {
        "test", "todo", "tbd", "none", "null", "mock", "foo", "bar", "demo", "here", "token", "key", "abc"
    };

    private static final int SHORTEST_WORD =
            Arrays.stream(PLACEHOLDER_WORDS).mapToInt(String::length).min().orElseThrow();
    private static final int LONGEST_WORD =
            Arrays.stream(PLACEHOLDER_WORDS).mapToInt(String::length).max().orElseThrow();

    private static final int LOWER = 1;
    private static final int UPPER = 2;
    private static final int DIGIT = 4;
    private static final int SYMBOL = 8;
    private static final int NOT_HEX = 16;
    private static final int SPACE = 32;
    /** What each ASCII character says about a value, as flags to OR together without a branch per character. */
    private static final byte[] ASCII_KINDS = asciiKinds();

    private static byte[] asciiKinds() {
        byte[] kinds = new byte[128];
        for (char c = 0; c < 128; c++) {
            if (c >= 'a' && c <= 'z') {
                kinds[c] = (byte) (LOWER | (c <= 'f' ? 0 : NOT_HEX));
            } else if (c >= 'A' && c <= 'Z') {
                kinds[c] = UPPER | NOT_HEX;
            } else if (c >= '0' && c <= '9') {
                kinds[c] = DIGIT;
            } else {
                kinds[c] = (byte) (SYMBOL | NOT_HEX | (Character.isWhitespace(c) ? SPACE : 0));
            }
        }
        return kinds;
    }

    static ValueShape of(String text, int from, int to) {
        int[] counts = new int[128];
        // which ASCII characters occur, so that the entropy sum visits only those
        long seenLow = 0;
        long seenHigh = 0;
        int other = 0;
        int kinds = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
                kinds |= ASCII_KINDS[c];
                long bit = 1L << c;
                int half = c >>> 6;
                // no branch on which half: random characters would make it mispredict half the time
                seenLow |= bit & (half - 1L);
                seenHigh |= bit & -(long) half;
            } else {
                other++;
                kinds |= SYMBOL | NOT_HEX | (Character.isWhitespace(c) ? SPACE : 0);
            }
        }
        boolean lower = (kinds & LOWER) != 0;
        boolean upper = (kinds & UPPER) != 0;
        boolean digit = (kinds & DIGIT) != 0;
        boolean symbol = (kinds & SYMBOL) != 0;
        boolean hexOnly = (kinds & NOT_HEX) == 0;
        boolean space = (kinds & SPACE) != 0;
        int length = to - from;
        double entropy = entropy(counts, seenLow, seenHigh, other, length);
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        return new ValueShape(length, classes, entropy, hexOnly && length > 0, digit && classes == 1, space);
    }

    /**
     * Shannon entropy in bits per character, bit for bit the sum of {@link #term} over all 128 counts in order and
     * then {@code other}: zero terms are skipped (adding +0.0 cannot change a sum that starts at +0.0), and the term
     * of each distinct count is worked out once, since most characters occur once or twice and logarithms are slow.
     */
    private static double entropy(int[] counts, long seenLow, long seenHigh, int other, int length) {
        double[] termByCount = new double[Math.min(length, 16) + 1];
        double entropy = 0;
        for (long bits = seenLow; bits != 0; bits &= bits - 1) {
            entropy += term(counts[Long.numberOfTrailingZeros(bits)], length, termByCount);
        }
        for (long bits = seenHigh; bits != 0; bits &= bits - 1) {
            entropy += term(counts[64 + Long.numberOfTrailingZeros(bits)], length, termByCount);
        }
        return entropy + term(other, length);
    }

    private static double term(int count, int length, double[] termByCount) {
        if (count >= termByCount.length) {
            return term(count, length);
        }
        double cached = termByCount[count];
        if (cached == 0) {
            cached = term(count, length);
            termByCount[count] = cached;
        }
        return cached;
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
        char c = from < to ? TokenAlphabet.toLowerCase(text.charAt(from)) : ' ';
        for (int i = from; i <= to; i++) {
            // the next character is read once: it rules out most marks here and is the next round's own character
            char next = i + 1 < to ? text.charAt(i + 1) : ' ';
            if (i < to && mayStartMark(c, next) && startsMark(text, i, to, c)) {
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
            c = i + 1 < to ? TokenAlphabet.toLowerCase(next) : ' ';
        }
        return false;
    }

    /**
     * Cheap pre-check for {@link #startsMark}: false only when no mark can start with {@code lower} followed by
     * {@code next}. Non-ASCII characters may match ASCII marks under Unicode case rules, so they always pass.
     */
    private static boolean mayStartMark(char lower, char next) {
        return lower >= 128 || next >= 128 || MARK_PAIRS[lower * 128 + TokenAlphabet.toLowerCase(next)];
    }

    private static boolean startsMark(String text, int at, int to, char lower) {
        String[] marks = lower < 128
                ? MARKS_BY_FIRST_CHAR[lower]
                : (lower == '\u2026' || lower == '\u2022' ? UNICODE_MARKS : null);
        if (marks == null) {
            return false;
        }
        for (String mark : marks) {
            if (at + mark.length() <= to && TokenAlphabet.regionMatchesIgnoreCase(text, at, mark)) {
                return true;
            }
        }
        return false;
    }

    private static boolean[] markPairs(String[] marks) {
        boolean[] pairs = new boolean[128 * 128];
        for (String mark : marks) {
            char first = mark.charAt(0);
            if (first >= 128) {
                continue;
            }
            if (mark.length() == 1) {
                Arrays.fill(pairs, first * 128, first * 128 + 128, true);
            } else {
                pairs[first * 128 + mark.charAt(1)] = true;
            }
        }
        return pairs;
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
        int length = wordEnd - wordStart;
        if (length < SHORTEST_WORD || length > LONGEST_WORD) {
            return false;
        }
        // a stand-in word only counts when it is set apart, not when it happens inside a random run of letters
        boolean apart = (wordStart == from || !Character.isLetterOrDigit(text.charAt(wordStart - 1)))
                && (wordEnd == to || !Character.isLetterOrDigit(text.charAt(wordEnd)));
        if (!apart) {
            return false;
        }
        for (String word : PLACEHOLDER_WORDS) {
            if (word.length() == wordEnd - wordStart && TokenAlphabet.regionMatchesIgnoreCase(text, wordStart, word)) {
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
        // characters are told apart by their low seven bits, counted at the end, without a branch per character
        long seenLow = 0;
        long seenHigh = 0;
        int run = 1;
        int longestRun = 1;
        char previous = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (i > from) {
                run = c == previous ? run + 1 : 1;
                longestRun = Math.max(longestRun, run);
            }
            previous = c;
            int bit = c & 127;
            long mask = 1L << bit;
            int half = bit >>> 6;
            seenLow |= mask & (half - 1L);
            seenHigh |= mask & -(long) half;
        }
        int distinct = Long.bitCount(seenLow) + Long.bitCount(seenHigh);
        return distinct * 4 < Math.min(length, 40) || longestRun >= Math.max(6, length / 4);
    }

    /** Runs such as "123456", "abcdef" or "AbC123dEf456" that keyboards and docs produce and generators do not. */
    static boolean isSequential(String text, int from, int to) {
        int steps = 0;
        int run = 1;
        int direction = 0;
        char b = from < to ? TokenAlphabet.toLowerCase(text.charAt(from)) : 0;
        for (int i = from + 1; i < to; i++) {
            char a = b;
            b = TokenAlphabet.toLowerCase(text.charAt(i));
            int step = Math.abs(b - a) == 1 && TokenAlphabet.isAlnum(a) && TokenAlphabet.isAlnum(b) ? b - a : 0;
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
