package dev.caravan.guardrails.destructive;

import java.util.ArrayList;
import java.util.List;

/** Splits one command into its words on unquoted white space, with quotes removed and positions kept. */
final class ShellTokens {
    private static final int MOST_TOKENS = 64;

    /**
     * One word of a command: its span in the text and its value with quotes and escapes removed. The value is copied
     * only when it is first read; the word's plain lead (the chars before its first quote or escape) can be read
     * without it.
     */
    static final class Token {
        private final String text;
        private final int start;
        private final int end;
        private final int plain;
        private String value;

        Token(String text, int start, int end, int plain) {
            this.text = text;
            this.start = start;
            this.end = end;
            this.plain = plain;
        }

        int start() {
            return start;
        }

        int end() {
            return end;
        }

        String value() {
            if (value == null) {
                value = plain == end - start ? text.substring(start, end) : unquote(text, start, end);
            }
            return value;
        }

        /** True when the value's first two chars are the text's at start: the word begins with two plain chars. */
        boolean plainLead() {
            return plain >= 2;
        }

        /** The value's char k, for k below 2 when plainLead() holds. */
        char lead(int k) {
            return text.charAt(start + k);
        }

        boolean flag() {
            if (plain >= 2) {
                return text.charAt(start) == '-';
            }
            String v = value();
            return v.length() > 1 && v.charAt(0) == '-';
        }

        /** A single-dash cluster such as {@code -rf} contains the letter. */
        boolean shortFlag(char letter) {
            if (plain >= 2 && text.charAt(start) != '-') {
                return false;
            }
            String v = value();
            return v.length() > 1 && v.charAt(0) == '-' && v.charAt(1) != '-' && v.indexOf(letter) > 0;
        }

        boolean is(String word) {
            if (plain == end - start) {
                return word.length() == end - start && text.regionMatches(true, start, word, 0, word.length());
            }
            return value().equalsIgnoreCase(word);
        }
    }

    private ShellTokens() {}

    static List<Token> of(String text, int from, int to) {
        List<Token> tokens = new ArrayList<>();
        int i = from;
        while (i < to && tokens.size() < MOST_TOKENS) {
            while (i < to && blank(text.charAt(i))) {
                i++;
            }
            if (i >= to) {
                break;
            }
            int start = i;
            // The first quote or escape; the value is only copied (by unquote) when it is read.
            int special = -1;
            char quote = 0;
            while (i < to) {
                char c = text.charAt(i);
                if (quote == 0 && blank(c)) {
                    break;
                }
                if (c == '\\' && i + 1 < to && isEscapable(text.charAt(i + 1))) {
                    special = special < 0 ? i : special;
                    i += 2;
                    continue;
                }
                boolean closes = quote != 0 && c == quote;
                boolean opens = !closes && quote == 0 && opensQuote(text, start, i, c);
                if (closes || opens) {
                    special = special < 0 ? i : special;
                    quote = closes ? 0 : c;
                }
                i++;
            }
            tokens.add(new Token(text, start, i, (special < 0 ? i : special) - start));
        }
        return tokens;
    }

    private static boolean opensQuote(String text, int start, int i, char c) {
        return c == '"' || c == '\'' && (i == start || !Character.isLetterOrDigit(text.charAt(i - 1)));
    }

    /**
     * The value of the word [start, end) that of() found: quotes removed, escaped quotes and backslashes kept. The
     * word's end is where of() stopped, so its escapes and quotes pair up here as they did there.
     */
    private static String unquote(String text, int start, int end) {
        StringBuilder value = new StringBuilder(end - start);
        int run = start;
        char quote = 0;
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < end && isEscapable(text.charAt(i + 1))) {
                value.append(text, run, i).append(text.charAt(i + 1));
                i += 2;
                run = i;
                continue;
            }
            boolean closes = quote != 0 && c == quote;
            boolean opens = !closes && quote == 0 && opensQuote(text, start, i, c);
            if (closes || opens) {
                value.append(text, run, i);
                run = i + 1;
                quote = closes ? 0 : c;
            }
            i++;
        }
        return value.append(text, run, end).toString();
    }

    /** Character.isWhitespace, without its table look-up for printable ASCII, which is never white space. */
    private static boolean blank(char c) {
        return (c <= ' ' || c >= 128) && Character.isWhitespace(c);
    }

    private static boolean isEscapable(char c) {
        return c == '"' || c == '\'' || c == '\\';
    }

    /** The first words that are not flags, skipping the values of flags that take one. */
    static List<Token> words(List<Token> tokens, int most, java.util.Set<String> flagsWithValue) {
        List<Token> out = new ArrayList<>(most);
        for (int k = 0; k < tokens.size() && out.size() < most; k++) {
            Token t = tokens.get(k);
            if (t.flag()) {
                if (t.value().indexOf('=') < 0
                        && flagsWithValue.contains(t.value().toLowerCase(java.util.Locale.ROOT))) {
                    k++;
                }
            } else {
                out.add(t);
            }
        }
        return out;
    }

    static boolean any(List<Token> tokens, String... values) {
        for (Token t : tokens) {
            for (String v : values) {
                if (t.is(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean anyShortFlag(List<Token> tokens, char letter) {
        for (Token t : tokens) {
            if (t.shortFlag(letter)) {
                return true;
            }
        }
        return false;
    }
}
