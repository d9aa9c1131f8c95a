package dev.caravan.guardrails.injection;

import dev.caravan.guardrails.CharLanes;

/**
 * Spots GCG-style adversarial suffixes: a line that starts as ordinary prose and trails off into token soup (lone
 * punctuation, unbalanced brackets, camelCase and operator-glued fragments). Returns the suffix span or null.
 */
final class AdversarialSuffix {
    private static final int MIN_PROSE_WORDS = 4;
    private static final int MIN_TAIL_TOKENS = 6;
    private static final int MAX_TOKENS = 400;
    private static final String GLUE = "[]{}^\\|~<>=@*`";
    private static final String SOUP = "[]{}^\\|~<>=@`!";
    private static final byte SOUP_CHAR = 1;
    private static final byte UPPER = 2;
    /** Per ASCII char: a soup char, an upper-case letter (soup after a lower-case one), or neither. */
    private static final byte[] KIND = new byte[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            KIND[c] = UPPER;
        }
        for (char c : SOUP.toCharArray()) {
            KIND[c] = SOUP_CHAR;
        }
    }

    /** The first suffix found, as {start, end} in {@code text}, or null. */
    int[] find(String text) {
        int n = text.length();
        byte[] bytes = CharLanes.of(text);
        int from = 0;
        int[] starts = null;
        int[] ends = null;
        boolean[] odd = null;
        while (from < n) {
            // only a line with a soup char is read further: the lines before the next one are passed over
            int soup = nextSoup(text, bytes, from, n);
            if (soup == n) {
                break;
            }
            int lineStart = text.lastIndexOf('\n', soup) + 1;
            int lineEnd = text.indexOf('\n', soup);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            if (startsWithProse(text, lineStart, lineEnd) && bracketsOrLoneMarks(text, lineStart, lineEnd)) {
                // Tokens are at least a char and a space apart: a short line needs short buffers, not 400 entries.
                int tokens = Math.min(MAX_TOKENS, (lineEnd - lineStart + 1) / 2);
                if (starts == null || starts.length < tokens) {
                    starts = new int[tokens];
                    ends = new int[tokens];
                    odd = new boolean[tokens];
                }
                int[] hit = inLine(text, lineStart, lineEnd, starts, ends, odd);
                if (hit != null) {
                    return hit;
                }
            }
            from = lineEnd + 1;
        }
        return null;
    }

    /**
     * The first soup char (see {@link #isSoup}) at or after {@code from}, or {@code n}. The text's bytes are read eight
     * at a time for the chars that can be soup: '!', '<' to '^' (with the capitals, and '?', which stands for a char
     * outside Latin-1), '`', '{' and up (any byte above ASCII too); only those places are looked at char by char.
     */
    static int nextSoup(String text, byte[] bytes, int from, int n) {
        for (int at = from; at < n; at += 8) {
            long lanes = CharLanes.at(bytes, at);
            long mask = CharLanes.inRange(lanes, '<', '^')
                    | CharLanes.atLeast(lanes, '{')
                    | CharLanes.mayEqual(lanes, '!')
                    | CharLanes.mayEqual(lanes, '`');
            while (mask != 0) {
                int i = at + CharLanes.first(mask);
                if (i >= n) {
                    return n;
                }
                // a line's first char reads ' ' before it, as a '\n' does: neither is a lower-case letter
                if (isSoup(text.charAt(i), i > 0 ? text.charAt(i - 1) : ' ')) {
                    return i;
                }
                mask &= mask - 1;
            }
        }
        return n;
    }

    /** A soup char: one of {@link #SOUP}, or a capital right after a lower-case letter (camelCase glued words). */
    private static boolean isSoup(char c, char previous) {
        if (c < 128) {
            byte kind = KIND[c];
            return kind == SOUP_CHAR || (kind == UPPER && previous >= 'a' && previous <= 'z');
        }
        return Character.isUpperCase(c) && Character.isLowerCase(previous);
    }

    /**
     * Whether the line's first {@code MAX_TOKENS} tokens hold two brackets or three lone odd marks: inLine finds soup
     * only with one or the other (an unbalanced tail or lone punctuation), so most lines of prose that merely end in
     * '!' are turned down here, without splitting them into tokens. Tokens past the cap only make it say yes.
     */
    private static boolean bracketsOrLoneMarks(String text, int from, int to) {
        int brackets = 0;
        int lone = 0;
        int tokens = 0;
        boolean afterSpace = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                afterSpace = true;
                continue;
            }
            if (afterSpace && ++tokens > MAX_TOKENS) {
                return true;
            }
            brackets += c == '[' || c == '{' || c == '(' || c == ']' || c == '}' || c == ')' ? 1 : 0;
            if (afterSpace && (i + 1 == to || Character.isWhitespace(text.charAt(i + 1))) && loneOdd(c)) {
                lone++;
            }
            if (brackets >= 2 || lone >= 3) {
                return true;
            }
            afterSpace = false;
        }
        return false;
    }

    /** A one-char token that counts as odd (see odd). */
    private static boolean loneOdd(char c) {
        return !Character.isLetterOrDigit(c) && "-–—&/*#>|+=".indexOf(c) < 0;
    }

    /** The suffix in a line that starts with prose, or null. */
    private static int[] inLine(String text, int from, int to, int[] starts, int[] ends, boolean[] odd) {
        int count = 0;
        int i = from;
        while (i < to && count < MAX_TOKENS) {
            while (i < to && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= to) {
                break;
            }
            int s = i;
            while (i < to && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            starts[count] = s;
            ends[count] = i;
            count++;
        }
        int prose = 0;
        while (prose < count && plainWord(text, starts[prose], ends[prose])) {
            prose++;
        }
        if (prose < MIN_PROSE_WORDS || count - prose < MIN_TAIL_TOKENS) {
            return null;
        }
        // Only the tail's tokens are weighed: a line of prose that merely ends in '!' costs no more than its words.
        for (int k = prose; k < count; k++) {
            odd[k] = odd(text, starts[k], ends[k]);
        }
        int oddTotal = 0;
        int lone = 0;
        int open = 0;
        for (int k = prose; k < count; k++) {
            oddTotal += odd[k] ? 1 : 0;
            lone += odd[k] && ends[k] - starts[k] == 1 ? 1 : 0;
            for (int c = starts[k]; c < ends[k]; c++) {
                char ch = text.charAt(c);
                open += ch == '[' || ch == '{' || ch == '(' ? 1 : ch == ']' || ch == '}' || ch == ')' ? -1 : 0;
            }
        }
        int tail = count - prose;
        // Inline code is odd too, but its brackets balance and it rarely strews lone punctuation between words.
        boolean soup = oddTotal >= 3 && oddTotal * 4 >= tail && (Math.abs(open) >= 2 || lone >= 3);
        if (!soup || !(odd[prose] || odd[Math.min(prose + 1, count - 1)] || odd[Math.min(prose + 2, count - 1)])) {
            return null;
        }
        // The soup often opens with a few harmless-looking words right after the request's full stop.
        int begin = prose;
        while (begin > MIN_PROSE_WORDS && ".?!".indexOf(text.charAt(ends[begin - 1] - 1)) < 0) {
            begin--;
        }
        if (begin <= MIN_PROSE_WORDS || prose - begin > 4) {
            begin = prose;
        }
        return new int[] {starts[begin], ends[count - 1]};
    }

    /** Whether the line's first {@code MIN_PROSE_WORDS} tokens are plain words; read no further than the first that is not. */
    static boolean startsWithProse(String text, int from, int to) {
        int i = from;
        for (int words = 0; words < MIN_PROSE_WORDS; words++) {
            while (i < to && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            i = plainWordEnd(text, i, to);
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    /** Prose words: letters with at most trailing sentence punctuation or a leading quote. */
    private static boolean plainWord(String text, int s, int e) {
        return plainWordEnd(text, s, e) == e;
    }

    /**
     * The end of the token at {@code s} (its first whitespace, or {@code to}) when it is a plain word, else -1 (an
     * empty token too). A code line's first token is often long ("@GetMapping(\"/customers/{id}/orders\")"): it is read
     * only up to the first char that rules it out, not to its end first.
     */
    private static int plainWordEnd(String text, int s, int to) {
        int letters = 0;
        int k = s;
        for (; k < to; k++) {
            char c = text.charAt(k);
            if (Character.isLetterOrDigit(c) || c == '\'' || c == '-') {
                letters++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                break;
            }
            boolean last = k + 1 == to || Character.isWhitespace(text.charAt(k + 1));
            if (!(last && ".,;:?!".indexOf(c) >= 0)
                    && !(k == s && (c == '"' || c == '('))
                    && !(last && (c == '"' || c == ')'))) {
                return -1;
            }
        }
        return letters > 0 ? k : -1;
    }

    private static boolean odd(String text, int s, int e) {
        if (e - s == 1) {
            return loneOdd(text.charAt(s));
        }
        int inner = 0;
        int seen = 0;
        boolean camel = false;
        for (int k = s; k < e; k++) {
            char c = text.charAt(k);
            int g = GLUE.indexOf(c);
            if (g >= 0) {
                // Brackets that merely open or close a word are prose; glue between word characters is not.
                if (k > s && k < e - 1) {
                    inner++;
                }
                seen |= 1 << g;
            } else if (k - s >= 3
                    && Character.isUpperCase(c)
                    && Character.isLowerCase(text.charAt(k - 1))
                    && k + 1 < e
                    && Character.isLowerCase(text.charAt(k + 1))) {
                camel = true;
            }
        }
        int kinds = Integer.bitCount(seen);
        return (inner > 0 && kinds >= 2) || kinds >= 3 || camel;
    }
}
