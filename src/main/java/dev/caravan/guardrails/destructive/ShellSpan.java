package dev.caravan.guardrails.destructive;

import java.util.Locale;
import java.util.Set;

/** Finds where a command or statement ends and where its wrappers and interpreter begin, in bounded windows. */
final class ShellSpan {
    /** A command longer than this is cut: rules look no further for its arguments. */
    static final int COMMAND_WINDOW = 256;

    private static final int STATEMENT_WINDOW = 600;
    private static final int LOOK_BACK = 120;
    private static final Set<String> WRAPPERS = Set.of(
            "sudo",
            "doas",
            "env",
            "nice",
            "nohup",
            "time",
            "timeout",
            "exec",
            "command",
            "builtin",
            "stdbuf",
            "ionice",
            "xargs",
            "watch",
            "chronic",
            "unbuffer",
            "pkexec",
            "run0",
            "eval",
            "then",
            "do",
            "ssh",
            "su");
    private static final Set<String> SQL_CONTINUATIONS = Set.of(
            "where",
            "and",
            "or",
            "set",
            "from",
            "limit",
            "returning",
            "order",
            "join",
            "inner",
            "left",
            "right",
            "on",
            "using",
            "cascade",
            "restart",
            "if",
            "not",
            "exists",
            "in",
            "with",
            "then",
            "detach",
            "delete");

    /**
     * The chars commandEnd() acts on, besides the closing quote: every other char (most of a command) is passed over
     * with one look-up, inside a local quote or not.
     */
    private static final boolean[] COMMAND_MARKS = new boolean[128];

    static {
        for (char c : "\\\n\r;`|&()'\"".toCharArray()) {
            COMMAND_MARKS[c] = true;
        }
    }

    private ShellSpan() {}

    /**
     * Where the command starting at from ends: a newline, a command separator, the string's closing quote, an
     * unbalanced parenthesis or the window's end. Pipes continue the command when allowPipe is set.
     */
    static int commandEnd(String text, int from, char close, boolean allowPipe) {
        int limit = Math.min(text.length(), from + COMMAND_WINDOW);
        char local = 0;
        int parens = 0;
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if ((c >= 128 || !COMMAND_MARKS[c]) && c != close) {
                continue;
            }
            if (c == '\\') {
                // In Markdown code a backslash escapes nothing: `rd /s /q D:\` ends at its backtick.
                if (close != '`' || i + 1 >= limit || text.charAt(i + 1) != '`') {
                    i++;
                }
                continue;
            }
            if (local != 0) {
                if (c == local) {
                    local = 0;
                } else if (c == '\n' || c == close) {
                    return i;
                }
                continue;
            }
            if (c == close && close != 0) {
                return i;
            }
            switch (c) {
                case '\n', '\r', ';', '`' -> {
                    return i;
                }
                case '|' -> {
                    if (!allowPipe || i + 1 < limit && text.charAt(i + 1) == '|') {
                        return i;
                    }
                }
                case '&' -> {
                    boolean redirect =
                            i > from && text.charAt(i - 1) == '>' || i + 1 < limit && text.charAt(i + 1) == '>';
                    if (!redirect) {
                        return i;
                    }
                }
                case '(' -> parens++;
                case ')' -> {
                    if (parens == 0) {
                        return i;
                    }
                    parens--;
                }
                case '\'', '"' -> {
                    if (c == '"' || i == from || !Character.isLetterOrDigit(text.charAt(i - 1))) {
                        local = c;
                    }
                }
                default -> {}
            }
        }
        return limit;
    }

    /**
     * Where the SQL statement starting at from ends: after its semicolon, at the closing quote of the string it is
     * in, at a blank line, or at a line break not followed by a continuation clause.
     */
    static int statementEnd(String text, int from, char close) {
        int limit = Math.min(text.length(), from + STATEMENT_WINDOW);
        char literal = 0;
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (literal != 0) {
                if (c == literal) {
                    literal = 0;
                } else if (c == '\n') {
                    literal = 0;
                }
                continue;
            }
            if (c == close && close != 0) {
                return i;
            }
            if (c == ';') {
                return i + 1;
            }
            if (c == '`') {
                return i;
            }
            if (c == '\'' && close != '\'' && (i == from || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                literal = c;
            } else if (c == '\n' && !continues(text, i + 1, limit)) {
                return i;
            }
        }
        return limit;
    }

    private static boolean continues(String text, int from, int limit) {
        int i = from;
        while (i < limit && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        int start = i;
        while (i < limit && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return i > start && SQL_CONTINUATIONS.contains(text.substring(start, i).toLowerCase(Locale.ROOT));
    }

    /**
     * A cheap guess at the quote that closes the string a word sits in: the nearest quote opening a token before it
     * on its line. Used to reject most candidates before the text's structure is followed exactly.
     */
    static char likelyClose(String text, int pos) {
        int floor = Math.max(0, pos - 80);
        for (int i = pos - 1; i >= floor; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return 0;
            }
            if ((c == '"' || c == '\'' || c == '`') && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                return c;
            }
        }
        return 0;
    }

    /** Moves a command's start back over the wrappers that run it ({@code sudo -u x}, {@code env A=1}, {@code nice -n 5}). */
    static int wrappersBefore(String text, int start, int floor) {
        int best = start;
        int i = start;
        for (int step = 0; step < 8; step++) {
            int end = i;
            while (end > floor && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
                end--;
            }
            int begin = end;
            while (begin > floor && begin > start - LOOK_BACK && !Character.isWhitespace(text.charAt(begin - 1))) {
                begin--;
            }
            if (begin == end) {
                break;
            }
            String word = baseName(text.substring(begin, end));
            if (WRAPPERS.contains(word)) {
                best = begin;
            } else if (!(word.startsWith("-") || word.indexOf('=') > 0 || isNumber(word))) {
                break;
            }
            i = begin;
        }
        return best;
    }

    /**
     * Where the command that owns a string starts: the interpreter before {@code -c}/{@code -e} and its wrappers, or
     * the call expression before {@code (}.
     */
    static int ownerStart(String text, int quote, int floor) {
        int i = quote;
        while (i > floor && text.charAt(i - 1) == ' ') {
            i--;
        }
        if (i > floor && text.charAt(i - 1) == '(') {
            int j = i - 1;
            while (j > floor && j > quote - LOOK_BACK && isCallChar(text.charAt(j - 1))) {
                j--;
            }
            return j;
        }
        int interpreter = -1;
        for (int step = 0; step < 6 && i > floor; step++) {
            int end = i;
            int begin = end;
            while (begin > floor && begin > quote - LOOK_BACK && !Character.isWhitespace(text.charAt(begin - 1))) {
                begin--;
            }
            if (begin == end) {
                break;
            }
            char first = text.charAt(begin);
            if (first != '-' && first != '/') {
                interpreter = begin;
                break;
            }
            i = begin;
            while (i > floor && text.charAt(i - 1) == ' ') {
                i--;
            }
        }
        return interpreter < 0 ? quote : wrappersBefore(text, interpreter, floor);
    }

    private static boolean isCallChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$' || c == '(' || c == ')';
    }

    /** The index just past the quote that closes a string, or -1 when it is not found nearby. */
    static int closingQuote(String text, int from, char quote) {
        int limit = Math.min(text.length(), from + 2 * COMMAND_WINDOW);
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return -1;
    }

    static int trimEnd(String text, int start, int end) {
        int e = end;
        while (e > start && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    static int skipSpaces(String text, int from, int limit) {
        int i = from;
        while (i < limit && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The start of the line holding pos, looking back at most max characters. */
    static int lineStart(String text, int pos, int max) {
        int floor = Math.max(0, pos - max);
        int i = pos;
        while (i > floor && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    static int lineEnd(String text, int pos, int max) {
        int limit = Math.min(text.length(), pos + max);
        int i = pos;
        while (i < limit && text.charAt(i) != '\n') {
            i++;
        }
        return i;
    }

    static String baseName(String word) {
        String w = word;
        if (w.length() > 1 && (w.charAt(0) == '\\' || w.charAt(0) == '\'' || w.charAt(0) == '"')) {
            w = w.substring(1);
        }
        int slash = w.lastIndexOf('/');
        return (slash >= 0 ? w.substring(slash + 1) : w).toLowerCase(Locale.ROOT);
    }

    private static boolean isNumber(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isDigit(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
