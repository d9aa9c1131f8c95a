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

    static boolean isAlnum(char c) {
        return c < 128 && (FLAGS[c] & ALNUM_FLAG) != 0;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isBase64(char c) {
        return isAlnum(c) || c == '+' || c == '/';
    }

    /** Whether a token that starts right after {@code c} would be the continuation of a longer word. */
    static boolean continuesWord(char c) {
        return c < 128 && (FLAGS[c] & WORD_FLAG) != 0;
    }
}
