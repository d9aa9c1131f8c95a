package dev.caravan.guardrails.destructive;

/**
 * A trigger word a rule is asked about: the text, the word's bounds, and the quote character that closes the string
 * the word sits in (0 outside any string), which also ends the command.
 */
record Spot(String text, int start, int end, char close) {
    char before() {
        return start > 0 ? text.charAt(start - 1) : ' ';
    }

    char after() {
        return end < text.length() ? text.charAt(end) : ' ';
    }

    /** A Unix command in command position: those are written in lower case, so "Find the bug" is prose. */
    boolean unixCommand() {
        return Character.isLowerCase(text.charAt(start)) && commandPosition();
    }

    /** True when one of the lower-case needles occurs in [from, to), ignoring case; a bounded search. */
    boolean anyIn(int from, int to, String... needles) {
        int limit = Math.min(to, text.length());
        for (int i = Math.max(0, from); i < limit; i++) {
            char c = text.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            for (String n : needles) {
                if (lower == n.charAt(0)
                        && i + n.length() <= limit
                        && text.regionMatches(true, i + 1, n, 1, n.length() - 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the word stands where a command name can: not inside a path, a flag, a file name or a call. */
    boolean commandPosition() {
        char b = before();
        if (Character.isLetterOrDigit(b)
                || b == '-'
                || b == '.'
                || b == '_'
                || b == '='
                || b == '@'
                || b == ':' && start > 1 && Character.isLetterOrDigit(text.charAt(start - 2))) {
            return false;
        }
        char a = after();
        return a == ' ' || a == '\t' || a == '\'' || a == '"' || a == '\n' || end == text.length();
    }
}
