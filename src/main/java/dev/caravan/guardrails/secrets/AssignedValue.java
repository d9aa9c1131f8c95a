package dev.caravan.guardrails.secrets;

/**
 * The value written after an assignment or flag: quoted (up to the closing quote on the same line) or bare (up to
 * whitespace or a delimiter), with an HTTP auth scheme such as {@code Bearer} stepped over and {@code Basic} noted.
 */
record AssignedValue(int start, int end, boolean quoted, boolean basicAuth) {
    static final int MAX_LENGTH = 256;
    /** How many spaces or tabs may come before a value. */
    static final int MAX_BLANKS = 8;

    private static final String[] AUTH_SCHEMES = {"Bearer ", "Basic ", "Token ", "token ", "bearer "};
    /** {@link #isDelimiter} for ASCII, computed from it once: values are mostly ASCII and read char by char. */
    private static final boolean[] ASCII_DELIMITERS = asciiDelimiters();

    /** Reads the value that begins at or after {@code at} (leading spaces skipped); null when there is none. */
    static AssignedValue read(String text, int at) {
        int n = text.length();
        int i = at;
        while (i < n && i - at < MAX_BLANKS && isBlank(text.charAt(i))) {
            i++;
        }
        if (i >= n) {
            return null;
        }
        char open = text.charAt(i);
        if (open == '"' || open == '\'' || open == '`') {
            int close = closing(text, i + 1, open);
            if (close >= 0) {
                int start = skipScheme(text, i + 1, close);
                return new AssignedValue(start, close, true, isBasic(text, i + 1, start));
            }
            i++;
        }
        int start = skipScheme(text, i, n);
        int end = start;
        int limit = Math.min(n, start + MAX_LENGTH);
        while (end < limit && !isDelimiter(text.charAt(end))) {
            end++;
        }
        return end > start ? new AssignedValue(start, end, false, isBasic(text, i, start)) : null;
    }

    /** Where the bare value that {@code text} ends with begins: its trailing run of non-delimiters, capped in length. */
    static int trailingStart(String text) {
        int n = text.length();
        int i = n;
        while (i > 0 && n - i < MAX_LENGTH && !isDelimiter(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** Where an auth scheme and its spaces written just before {@code value} begin, or {@code value} itself. */
    static int schemeBefore(String text, int value) {
        int i = value;
        while (i > 0 && text.charAt(i - 1) == ' ') {
            i--;
        }
        if (i == value) {
            return value;
        }
        for (String scheme : AUTH_SCHEMES) {
            int word = i - (scheme.length() - 1);
            if (word >= 0 && text.startsWith(scheme, word)) {
                return word;
            }
        }
        return value;
    }

    static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    /** The blanks {@link #read} skips before a value. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isBasic(String text, int valueStart, int tokenStart) {
        return tokenStart > valueStart && text.startsWith("Basic ", valueStart);
    }

    private static int closing(String text, int from, char quote) {
        int limit = Math.min(text.length(), from + MAX_LENGTH);
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == quote) {
                return i;
            }
            if (c == '\n' || c == '\r') {
                return -1;
            }
        }
        return -1;
    }

    private static int skipScheme(String text, int from, int to) {
        for (String scheme : AUTH_SCHEMES) {
            if (text.startsWith(scheme, from) && from + scheme.length() < to) {
                int i = from + scheme.length();
                while (i < to && text.charAt(i) == ' ') {
                    i++;
                }
                return i;
            }
        }
        return from;
    }

    private static boolean[] asciiDelimiters() {
        boolean[] delimiters = new boolean[128];
        for (char c = 0; c < 128; c++) {
            delimiters[c] = isAnyDelimiter(c);
        }
        return delimiters;
    }

    static boolean isDelimiter(char c) {
        return c < 128 ? ASCII_DELIMITERS[c] : isAnyDelimiter(c);
    }

    private static boolean isAnyDelimiter(char c) {
        return Character.isWhitespace(c)
                || c == '"'
                || c == '\''
                || c == '`'
                || c == ','
                || c == ';'
                || c == '&'
                || c == ')'
                || c == ']'
                || c == '}'
                || c == '<'
                || c == '>';
    }
}
