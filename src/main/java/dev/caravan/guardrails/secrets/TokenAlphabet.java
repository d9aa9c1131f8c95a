package dev.caravan.guardrails.secrets;

/** The character sets that credential bodies are drawn from, tested without regular expressions. */
enum TokenAlphabet {
    ALNUM,
    ALNUM_UNDERSCORE,
    BASE64URL,
    BASE64URL_DOT,
    HEX_LOWER,
    HEX,
    UPPER_DIGIT;

    boolean accepts(char c) {
        return c < 128 && MEMBERS[ordinal()][c];
    }

    /** The definition of each alphabet, from which {@link #MEMBERS} is built. */
    private boolean decides(char c) {
        return switch (this) {
            case ALNUM -> isAlnum(c);
            case ALNUM_UNDERSCORE -> isAlnum(c) || c == '_';
            case BASE64URL -> isAlnum(c) || c == '_' || c == '-';
            case BASE64URL_DOT -> isAlnum(c) || c == '_' || c == '-' || c == '.';
            case HEX_LOWER -> isDigit(c) || (c >= 'a' && c <= 'f');
            case HEX -> isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            case UPPER_DIGIT -> isDigit(c) || (c >= 'A' && c <= 'Z');
        };
    }

    /** Character classes of ASCII as bit flags, so that the hot loops test a character with one load. */
    private static final byte[] FLAGS = flags();

    private static final byte ALNUM_FLAG = 1;
    private static final byte WORD_FLAG = 2;

    private static byte[] flags() {
        byte[] flags = new byte[128];
        for (char c = 0; c < 128; c++) {
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            boolean word = alnum || c == '_' || c == '-' || c == '.';
            flags[c] = (byte) ((alnum ? ALNUM_FLAG : 0) | (word ? WORD_FLAG : 0));
        }
        return flags;
    }

    /**
     * Each alphabet's ASCII members (all alphabets are ASCII), so that a body is read with one look-up per char.
     * Declared after FLAGS, which building it reads.
     */
    private static final boolean[][] MEMBERS = members();

    private static boolean[][] members() {
        TokenAlphabet[] alphabets = values();
        boolean[][] members = new boolean[alphabets.length][128];
        for (TokenAlphabet alphabet : alphabets) {
            for (char c = 0; c < 128; c++) {
                members[alphabet.ordinal()][c] = alphabet.decides(c);
            }
        }
        return members;
    }

    static boolean isAlnum(char c) {
        return c < 128 && (FLAGS[c] & ALNUM_FLAG) != 0;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isBase64(char c) {
        return isAlnum(c) || c == '+' || c == '/';
    }

    /** {@link Character#toLowerCase(char)}, answering ASCII (nearly every character scanned) without the tables. */
    static char toLowerCase(char c) {
        return c < 128 ? lowerAscii(c) : Character.toLowerCase(c);
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * Same answer as {@code text.regionMatches(true, at, needle, 0, needle.length())}, which takes a slow generic
     * path when the text holds any non-Latin-1 character; only non-ASCII characters pay for the Unicode case rules.
     */
    static boolean regionMatchesIgnoreCase(String text, int at, String needle) {
        int length = needle.length();
        if (at < 0 || at > text.length() - length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (!sameIgnoringCase(text.charAt(at + k), needle.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** The per-character rule of {@link String#regionMatches(boolean, int, String, int, int)} with ignoreCase. */
    private static boolean sameIgnoringCase(char a, char b) {
        if (a == b) {
            return true;
        }
        if ((a | b) < 128) {
            return lowerAscii(a) == lowerAscii(b);
        }
        char upperA = Character.toUpperCase(a);
        char upperB = Character.toUpperCase(b);
        return upperA == upperB || Character.toLowerCase(upperA) == Character.toLowerCase(upperB);
    }

    /** Whether a token that starts right after {@code c} would be the continuation of a longer word. */
    static boolean continuesWord(char c) {
        return c < 128 && (FLAGS[c] & WORD_FLAG) != 0;
    }
}
