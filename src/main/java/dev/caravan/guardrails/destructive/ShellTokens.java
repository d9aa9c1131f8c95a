package dev.caravan.guardrails.destructive;

import java.util.ArrayList;
import java.util.List;

/** Splits one command into its words on unquoted white space, with quotes removed and positions kept. */
final class ShellTokens {
    private static final int MOST_TOKENS = 64;

    /** One word of a command: its span in the text and its value with quotes and escapes removed. */
    record Token(int start, int end, String value) {
        boolean flag() {
            return value.length() > 1 && value.charAt(0) == '-';
        }

        /** A single-dash cluster such as {@code -rf} contains the letter. */
        boolean shortFlag(char letter) {
            return value.length() > 1 && value.charAt(0) == '-' && value.charAt(1) != '-' && value.indexOf(letter) > 0;
        }

        boolean is(String word) {
            return value.equalsIgnoreCase(word);
        }
    }

    private ShellTokens() {}

    static List<Token> of(String text, int from, int to) {
        List<Token> tokens = new ArrayList<>();
        int i = from;
        StringBuilder value = new StringBuilder();
        while (i < to && tokens.size() < MOST_TOKENS) {
            while (i < to && blank(text.charAt(i))) {
                i++;
            }
            if (i >= to) {
                break;
            }
            int start = i;
            value.setLength(0);
            // Most words have no quote or escape: their value is then a plain substring, copied only once one is met.
            boolean copied = false;
            char quote = 0;
            while (i < to) {
                char c = text.charAt(i);
                if (quote == 0 && blank(c)) {
                    break;
                }
                if (c == '\\' && i + 1 < to && isEscapable(text.charAt(i + 1))) {
                    if (!copied) {
                        value.append(text, start, i);
                        copied = true;
                    }
                    value.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                boolean closes = quote != 0 && c == quote;
                boolean opens = !closes
                        && quote == 0
                        && (c == '"' || c == '\'' && (i == start || !Character.isLetterOrDigit(text.charAt(i - 1))));
                if (closes || opens) {
                    if (!copied) {
                        value.append(text, start, i);
                        copied = true;
                    }
                    quote = closes ? 0 : c;
                } else if (copied) {
                    value.append(c);
                }
                i++;
            }
            tokens.add(new Token(start, i, copied ? value.toString() : text.substring(start, i)));
        }
        return tokens;
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
