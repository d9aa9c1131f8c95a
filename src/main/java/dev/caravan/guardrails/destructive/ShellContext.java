package dev.caravan.guardrails.destructive;

import java.util.Locale;
import java.util.Set;

/**
 * Follows quotes, comments, heredocs and command segments forward through the text, once, so that each trigger can be
 * told apart: a command that runs, or text that only carries it (an echo argument, a commit message, heredoc data, a
 * comment). Strings opened by {@code bash -c}, {@code node -e} or {@code execSync(} are remembered so the span can
 * cover the interpreter that runs them.
 */
final class ShellContext {
    static final byte PLAIN = 0;
    static final byte DATA = 1;
    static final byte WRAPPER = 2;

    private static final int LEVELS = 6;
    private static final Set<String> DATA_COMMANDS = Set.of(
            "echo",
            "printf",
            "print",
            "grep",
            "egrep",
            "fgrep",
            "zgrep",
            "rg",
            "ag",
            "ack",
            "sed",
            "awk",
            "man",
            "type",
            "which",
            "whatis",
            "whereis",
            "help",
            "tldr",
            "info",
            "apropos",
            "alias",
            "cowsay",
            "figlet",
            "logger",
            "Write-Host",
            "Write-Output",
            "Get-Help",
            "history",
            "git-grep");
    private static final Set<String> SETUP_WORDS = Set.of(
            "sudo", "doas", "env", "nice", "nohup", "time", "timeout", "exec", "command", "builtin", "stdbuf", "ionice",
            "xargs", "then", "do", "else", "!", "{");
    private static final Set<String> RUNNERS = Set.of(
            "bash",
            "sh",
            "zsh",
            "dash",
            "ksh",
            "fish",
            "ssh",
            "python",
            "python3",
            "node",
            "ruby",
            "perl",
            "psql",
            "mysql",
            "mariadb",
            "sqlite3",
            "mongo",
            "mongosh",
            "redis-cli",
            "cqlsh",
            "clickhouse-client",
            "sqlplus",
            "cypher-shell",
            "powershell",
            "pwsh",
            "su",
            "eval");
    private static final Set<String> DATA_CALLS = Set.of(
            "print",
            "println",
            "printf",
            "puts",
            "log",
            "info",
            "debug",
            "warn",
            "warning",
            "error",
            "trace",
            "echo",
            "write",
            "writeln",
            "writeline",
            "assert",
            "assertequals",
            "assertthat",
            "asserttrue",
            "assertfalse",
            "contains",
            "includes",
            "startswith",
            "endswith",
            "match",
            "search",
            "findall",
            "sub",
            "replace",
            "compile",
            "describe",
            "it",
            "comment",
            "alert",
            "gettext",
            "t",
            "_",
            "blocklist",
            "denylist");
    private static final Set<String> EXEC_CALLS = Set.of(
            "exec",
            "execsync",
            "execfile",
            "execfilesync",
            "system",
            "popen",
            "spawn",
            "spawnsync",
            "run",
            "call",
            "check_call",
            "check_output",
            "getoutput",
            "getstatusoutput",
            "shell_exec",
            "passthru",
            "eval",
            "execute",
            "executescript",
            "executemany",
            "executequery",
            "executeupdate",
            "raw",
            "query",
            "sql",
            "text",
            "exec_driver_sql",
            "runcommand",
            "command",
            "sh",
            "bash",
            "shell",
            "invoke",
            "cmd",
            "os_system",
            "runsql");
    private static final Set<String> DATA_KEYS = Set.of(
            "message",
            "msg",
            "description",
            "comment",
            "note",
            "notes",
            "title",
            "summary",
            "subject",
            "label",
            "caption",
            "reason",
            "m");

    /** The ASCII characters step() does more with than mark a token: quotes, blanks, separators, escapes, heredocs. */
    private static final boolean[] BREAKS = new boolean[128];

    static {
        for (char c : "\\'\"` \t\r\n;|(){}&<".toCharArray()) {
            BREAKS[c] = true;
        }
    }

    private final String text;
    private int pos;
    private int lineStart;
    private boolean comment;
    private int depth;
    private final char[] quoteChar = new char[LEVELS];
    private final boolean[] triple = new boolean[LEVELS];
    private final byte[] role = new byte[LEVELS];
    private final int[] owner = new int[LEVELS];
    private final int[] segStart = new int[LEVELS];
    private final int[] chainStart = new int[LEVELS];
    private final int[] tokenStart = new int[LEVELS];
    private final boolean[] commandKnown = new boolean[LEVELS];
    private final byte[] segmentRole = new byte[LEVELS];
    private final String[] command = new String[LEVELS];
    private String pendingDelimiter;
    private byte pendingRole;
    private String delimiter;
    private byte bodyRole;
    private boolean freshBodyLine;

    ShellContext(String text) {
        this.text = text;
        tokenStart[0] = -1;
    }

    /** Reads forward to target (exclusive); targets must not decrease. */
    void advanceTo(int target) {
        int i = pos;
        while (i < target) {
            if (delimiter != null && freshBodyLine) {
                freshBodyLine = false;
                int end = delimiterLineEnd(i);
                if (end >= 0) {
                    delimiter = null;
                    i = Math.min(end, target);
                    continue;
                }
            }
            char c = text.charAt(i);
            if (comment || delimiter != null && bodyRole == DATA) {
                i = skipLine(i, target);
                continue;
            }
            if (tokenStart[depth] >= 0 && inWord(c)) {
                i = wordEnd(i + 1, target);
                continue;
            }
            i = step(i, c);
        }
        pos = Math.max(pos, i);
    }

    /**
     * True for the characters that step() treats as no more than part of an open token: once a token is open,
     * markToken() and the '#', '/' and '-' cases change nothing, so a run of them can be skipped in one tight loop.
     */
    private static boolean inWord(char c) {
        return c >= 128 || !BREAKS[c];
    }

    /** The end of the run of inWord characters from i, at most target. */
    private int wordEnd(int from, int target) {
        int i = from;
        while (i < target && inWord(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private int skipLine(int from, int target) {
        int i = from;
        while (i < target) {
            char c = text.charAt(i);
            if (c == '\n') {
                newline(i);
                return i + 1;
            }
            if (comment && depth > 0 && c == quoteChar[depth]) {
                comment = false;
                return i;
            }
            i += c == '\\' ? 2 : 1;
        }
        return target;
    }

    private int step(int i, char c) {
        switch (c) {
            case '\\' -> {
                markToken(i);
                return i + 2;
            }
            case '\'', '"', '`' -> {
                return quote(i, c);
            }
            case ' ', '\t', '\r' -> endToken(i);
            case '\n' -> {
                endToken(i);
                newline(i);
            }
            case ';', '|', '(', ')', '{', '}' -> separator(i);
            case '&' -> {
                if (i > 0 && text.charAt(i - 1) == '>' || next(i, 1) == '>') {
                    markToken(i);
                } else {
                    separator(i);
                }
            }
            case '#' -> {
                if (tokenStart[depth] < 0
                        && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))
                        && (next(i, 1) == ' ' || next(i, 1) == '\t')) {
                    comment = true;
                } else {
                    markToken(i);
                }
            }
            case '/' -> {
                if (tokenStart[depth] < 0 && next(i, 1) == '/' && next(i, 2) == ' ') {
                    comment = true;
                } else {
                    markToken(i);
                }
            }
            case '-' -> {
                if (depth == 0 && tokenStart[0] < 0 && onlySpacesBefore(i) && next(i, 1) == '-' && next(i, 2) == ' ') {
                    comment = true;
                } else {
                    markToken(i);
                }
            }
            case '<' -> {
                return heredoc(i);
            }
            default -> markToken(i);
        }
        return i + 1;
    }

    private char next(int i, int ahead) {
        return i + ahead < text.length() ? text.charAt(i + ahead) : '\0';
    }

    private boolean onlySpacesBefore(int i) {
        for (int k = lineStart; k < i; k++) {
            if (!Character.isWhitespace(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private void markToken(int i) {
        if (tokenStart[depth] < 0) {
            tokenStart[depth] = i;
        }
    }

    private void separator(int i) {
        endToken(i);
        newSegment(depth, i + 1, false);
    }

    private void newline(int i) {
        lineStart = i + 1;
        comment = false;
        while (depth > 0 && role[depth] != WRAPPER && !triple[depth]) {
            depth--;
        }
        if (pendingDelimiter != null) {
            delimiter = pendingDelimiter;
            bodyRole = pendingRole;
            pendingDelimiter = null;
        }
        freshBodyLine = delimiter != null;
        newSegment(depth, i + 1, true);
    }

    private void newSegment(int level, int at, boolean newChain) {
        segStart[level] = at;
        if (newChain) {
            chainStart[level] = at;
        }
        tokenStart[level] = -1;
        commandKnown[level] = false;
        segmentRole[level] = PLAIN;
        command[level] = null;
    }

    private void endToken(int i) {
        int start = tokenStart[depth];
        if (start < 0) {
            return;
        }
        tokenStart[depth] = -1;
        if (commandKnown[depth] || i - start > 40) {
            return;
        }
        String word = text.substring(start, i);
        int slash = word.lastIndexOf('/');
        String name = slash >= 0 && slash < word.length() - 1 ? word.substring(slash + 1) : word;
        if (SETUP_WORDS.contains(name) || name.startsWith("-") || name.indexOf('=') > 0 || isDigits(name)) {
            return;
        }
        commandKnown[depth] = true;
        command[depth] = name;
        segmentRole[depth] = DATA_COMMANDS.contains(name) ? DATA : PLAIN;
        if (pendingDelimiter != null && RUNNERS.contains(name)) {
            pendingRole = PLAIN;
        }
    }

    private int quote(int i, char c) {
        boolean three = next(i, 1) == c && next(i, 2) == c;
        if (c == '`' && three) {
            endToken(i);
            return i + 3;
        }
        int width = three ? 3 : 1;
        if (depth > 0 && quoteChar[depth] == c && (!triple[depth] || three)) {
            depth--;
            return i + (triple[depth + 1] ? 3 : 1);
        }
        if (depth > 1 && quoteChar[depth - 1] == c && !triple[depth - 1]) {
            depth -= 2;
            return i + 1;
        }
        boolean apostrophe = c == '\'' && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
        boolean inches = c == '"' && i > 0 && Character.isDigit(text.charAt(i - 1));
        if (apostrophe || inches || depth == LEVELS - 1) {
            markToken(i);
            return i + 1;
        }
        markToken(i);
        byte r = openRole(i);
        int floor = firstNonSpace(segStart[depth], i);
        int d = depth + 1;
        quoteChar[d] = c;
        triple[d] = three;
        role[d] = r;
        owner[d] = r == WRAPPER ? ShellSpan.ownerStart(text, i, floor) : i + width;
        depth = d;
        newSegment(d, i + width, true);
        return i + width;
    }

    private byte openRole(int i) {
        for (int k = 1; k <= depth; k++) {
            if (role[k] == DATA) {
                return DATA;
            }
        }
        if (commandKnown[depth] && segmentRole[depth] == DATA) {
            return DATA;
        }
        int j = i;
        int floor = Math.max(lineStart, i - 40);
        while (j > floor && text.charAt(j - 1) == ' ') {
            j--;
        }
        if (j <= floor) {
            return PLAIN;
        }
        char b = text.charAt(j - 1);
        if (b == '(') {
            String name = identifierBefore(j - 1, floor);
            return DATA_CALLS.contains(name) ? DATA : EXEC_CALLS.contains(name) ? WRAPPER : PLAIN;
        }
        if (b == ':' || b == '=') {
            int k = j - 1;
            while (k > floor
                    && (text.charAt(k - 1) == ' ' || text.charAt(k - 1) == '"' || text.charAt(k - 1) == '\'')) {
                k--;
            }
            String key = identifierBefore(k, floor).replace("-", "");
            return DATA_KEYS.contains(key) ? DATA : PLAIN;
        }
        int begin = j;
        while (begin > floor && !Character.isWhitespace(text.charAt(begin - 1))) {
            begin--;
        }
        String token = text.substring(begin, j).toLowerCase(Locale.ROOT);
        if (token.equals("-m") || token.equals("--message") || token.equals("-am")) {
            return DATA;
        }
        boolean shortC = token.length() <= 6 && token.startsWith("-") && !token.startsWith("--") && token.endsWith("c");
        if (shortC
                || token.equals("-e")
                || token.equals("--eval")
                || token.equals("-command")
                || token.equals("/c")
                || token.equals("eval")
                || token.equals("exec")
                || token.equals("--execute")
                || token.equals("--command")) {
            return WRAPPER;
        }
        String cmd = command[depth];
        return cmd != null && (cmd.equals("ssh") || cmd.equals("su") || cmd.equals("watch")) ? WRAPPER : PLAIN;
    }

    private String identifierBefore(int end, int floor) {
        int e = end;
        while (e > floor && text.charAt(e - 1) == ' ') {
            e--;
        }
        int b = e;
        while (b > floor
                && (Character.isLetterOrDigit(text.charAt(b - 1))
                        || text.charAt(b - 1) == '_'
                        || text.charAt(b - 1) == '-')) {
            b--;
        }
        return text.substring(b, e).toLowerCase(Locale.ROOT);
    }

    private int heredoc(int i) {
        markToken(i);
        if (next(i, 1) != '<' || next(i, 2) == '<' || segmentRole[depth] == DATA && commandKnown[depth]) {
            return i + 1;
        }
        int j = i + 2;
        if (next(j - 1, 1) == '-' || next(j - 1, 1) == '~') {
            j++;
        }
        while (j < text.length() && text.charAt(j) == ' ') {
            j++;
        }
        if (j < text.length() && (text.charAt(j) == '\'' || text.charAt(j) == '"')) {
            j++;
        }
        int start = j;
        while (j < text.length()
                && j - start < 32
                && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
            j++;
        }
        if (j == start) {
            return i + 2;
        }
        pendingDelimiter = text.substring(start, j);
        pendingRole = command[depth] != null && RUNNERS.contains(command[depth]) ? PLAIN : DATA;
        return j;
    }

    /** The index of the line's end when the line at from is the heredoc's closing delimiter, else -1. */
    private int delimiterLineEnd(int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == '\t' || text.charAt(i) == ' ')) {
            i++;
        }
        if (!text.startsWith(delimiter, i)) {
            return -1;
        }
        int after = i + delimiter.length();
        if (after < text.length() && (Character.isLetterOrDigit(text.charAt(after)) || text.charAt(after) == '_')) {
            return -1;
        }
        return after;
    }

    private int firstNonSpace(int from, int limit) {
        return ShellSpan.skipSpaces(text, from, limit);
    }

    private static boolean isDigits(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (!Character.isDigit(s.charAt(k))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** True when the current position only carries text: a comment, heredoc data, an echo argument, a message. */
    boolean carriesData() {
        if (comment || delimiter != null && bodyRole == DATA) {
            return true;
        }
        for (int k = 1; k <= depth; k++) {
            if (role[k] == DATA) {
                return true;
            }
        }
        return commandKnown[depth] && segmentRole[depth] == DATA;
    }

    /** The quote that closes the string the position is in, or 0. */
    char close() {
        return depth > 0 ? quoteChar[depth] : 0;
    }

    int segmentFloor(int limit) {
        return firstNonSpace(segStart[depth], limit);
    }

    int chainFloor(int limit) {
        return firstNonSpace(chainStart[depth], limit);
    }

    /** The outermost level of the run of interpreter strings around the position ({@code bash -c '…'}), or 0. */
    int outerWrapper() {
        int k = depth;
        while (k > 0 && role[k] == WRAPPER) {
            k--;
        }
        return k == depth ? 0 : k + 1;
    }

    int owner(int level) {
        return owner[level];
    }

    char quoteChar(int level) {
        return quoteChar[level];
    }
}
