package dev.caravan.guardrails.destructive;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL injection shapes: a quote that breaks out of a string literal and then carries SQL (a tautology, UNION SELECT,
 * a stacked query, a comment that cuts the rest off, a subquery), and time-based probes. Ordinary SQL a developer
 * writes has no break-out, so a UNION in a reporting query is left alone.
 */
final class SqlInjectionRules {
    private static final int WINDOW = 160;
    private static final Pattern TAUTOLOGY = Pattern.compile(
            "(?i)['\"]\\s*\\)*\\s*(?:or|\\|\\|)\\s+\\(?\\s*(?:(['\"]?)(\\w{1,12})['\"]?\\s*(=|like|<>|!=|>)\\s*\\(?\\s*(['\"]?)(\\w{0,12})"
                    + "|(''|\"\")\\s*=\\s*['\"]|(true|not\\s+false)\\b|(\\d+)\\s*(?:--|#|;|$))");
    private static final Pattern BOOLEAN_PROBE = Pattern.compile(
            "(?i)['\"]\\s*\\)*\\s*(?:and|or|&&|\\|\\|)\\s+\\(?\\s*(?:select\\b|sleep\\s*\\(|pg_sleep\\s*\\(|benchmark\\s*\\("
                    + "|extractvalue\\s*\\(|updatexml\\s*\\(|exists\\s*\\(|if\\s*\\(|ascii\\s*\\(|substring\\s*\\(|length\\s*\\("
                    + "|(\\d+)\\s*=\\s*(\\d+)\\b|'(\\w*)'\\s*=\\s*'(\\w*)'?)");
    private static final Pattern STACKED = Pattern.compile(
            "(?i)['\"]\\s*\\)*\\s*;\\s*(?:drop|delete|update|insert|truncate|alter|create|exec|execute|shutdown|select|declare"
                    + "|waitfor|grant|merge)\\b");
    private static final Pattern UNION =
            Pattern.compile("(?i)['\"\\d]?\\s*\\)*\\s*union(?:\\s+all|\\s+distinct)?\\s+select\\b");
    private static final Pattern UNION_PAYLOAD = Pattern.compile(
            "(?i)\\bnull\\b|@@|\\bversion\\s*\\(|\\buser\\s*\\(|\\bdatabase\\s*\\(|information_schema|\\bconcat(?:_ws)?\\s*\\("
                    + "|\\bchar\\s*\\(|0x[0-9a-f]{2,}|--|#|\\btable_name\\b|\\bcolumn_name\\b|load_file|\\bsleep\\s*\\("
                    + "|\\b\\d+\\s*,\\s*\\d+\\s*,\\s*\\d+|sqlite_master|pg_catalog|sys\\.");
    private static final Pattern COMMENT_CUT = Pattern.compile("['\"]\\)*(?:--|#|/\\*)");
    private static final Pattern TIMING =
            Pattern.compile("(?i)(?:pg_sleep|sleep)\\s*\\(\\s*\\d+|benchmark\\s*\\(\\s*\\d{4,}|waitfor\\s+delay\\s+'");
    private static final Pattern TIMING_LEAD = Pattern.compile(
            "(?i)(?:['\"\\d)]\\s*\\)*\\s*(?:and|or|&&|\\|\\||;)\\s*\\(?\\s*(?:select\\s+)?|['\"]\\s*\\)*\\s*;?\\s*)$");

    private SqlInjectionRules() {}

    /** A cheap look after a quote, done in the first pass: could an injection start here? */
    static boolean quoteShape(String text, int i) {
        int n = text.length();
        int j = i + 1;
        int limit = Math.min(n, i + 8);
        while (j < limit && (text.charAt(j) == ')' || text.charAt(j) == ' ')) {
            j++;
        }
        if (j >= n) {
            return false;
        }
        char c = text.charAt(j);
        boolean valueBefore = i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
        return switch (c) {
            case 'o', 'O' -> j + 2 <= n && (text.charAt(j + 1) | 0x20) == 'r' && boundary(text, j + 2);
            case 'a', 'A' -> text.regionMatches(true, j, "and", 0, 3) && boundary(text, j + 3);
            case 'u', 'U' -> text.regionMatches(true, j, "union", 0, 5);
            case '|', '&' -> j + 1 < n && text.charAt(j + 1) == c;
            case ';' -> true;
            case '-' -> valueBefore && j + 1 < n && text.charAt(j + 1) == '-';
            case '#' -> valueBefore;
            case '/' -> valueBefore && j + 1 < n && text.charAt(j + 1) == '*';
            default -> false;
        };
    }

    private static boolean boundary(String text, int i) {
        return i >= text.length() || !Character.isLetterOrDigit(text.charAt(i)) && text.charAt(i) != '_';
    }

    static Hit quote(Spot s) {
        String text = s.text();
        int i = s.start();
        int limit = lineLimit(text, i);
        int next = i + 1;
        while (next < limit && (text.charAt(next) == ')' || text.charAt(next) == ' ')) {
            next++;
        }
        char lead = next < limit ? Character.toLowerCase(text.charAt(next)) : ' ';
        Matcher m;
        if (lead == 'o' || lead == '|') {
            m = TAUTOLOGY.matcher(text).region(i, limit);
            if (m.lookingAt() && tautological(text, m)) {
                return Hit.injection(i, tail(text, m.end(), limit), Hit.STRONG);
            }
        }
        if (lead == 'o' || lead == '|' || lead == 'a' || lead == '&') {
            m = BOOLEAN_PROBE.matcher(text).region(i, limit);
            return m.lookingAt() && probes(m) ? Hit.injection(i, tail(text, m.end(), limit), Hit.LIKELY) : null;
        }
        if (lead == ';') {
            m = STACKED.matcher(text).region(i, limit);
            if (!m.lookingAt() || closesLiteral(text, i)) {
                return null;
            }
            int end = ShellSpan.statementEnd(text, m.end(), '\0');
            return Hit.injection(i, tail(text, Math.min(end, limit), limit), Hit.STRONG);
        }
        if (lead == 'u') {
            m = UNION.matcher(text).region(i, limit);
            boolean payload = m.lookingAt() && unionPayload(text, m.end(), limit);
            return payload ? Hit.injection(i, tail(text, m.end(), limit), Hit.STRONG) : null;
        }
        m = COMMENT_CUT.matcher(text).region(i, limit);
        if (m.lookingAt() && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
            int valueStart = i;
            while (valueStart > 0
                    && i - valueStart < 40
                    && !Character.isWhitespace(text.charAt(valueStart - 1))
                    && text.charAt(valueStart - 1) != '"'
                    && text.charAt(valueStart - 1) != '\'') {
                valueStart--;
            }
            return Hit.injection(valueStart, tail(text, m.end(), limit), Hit.PROBABLE);
        }
        return null;
    }

    /**
     * True when the quote closes a literal opened earlier on its line ({@code VALUES ('a'); SELECT …}): ordinary
     * multi-statement SQL, not a break-out.
     */
    private static boolean closesLiteral(String text, int i) {
        char q = text.charAt(i);
        int from = ShellSpan.lineStart(text, i, WINDOW);
        int count = 0;
        for (int k = from; k < i; k++) {
            boolean apostrophe = k > 0
                    && k + 1 < text.length()
                    && Character.isLetter(text.charAt(k - 1))
                    && Character.isLetter(text.charAt(k + 1));
            if (text.charAt(k) == q && !apostrophe) {
                count++;
            }
        }
        return count % 2 == 1;
    }

    private static boolean tautological(String text, Matcher m) {
        if (m.start(6) >= 0 || m.start(7) >= 0 || m.start(8) >= 0) {
            return true;
        }
        if (m.start(2) < 0) {
            return false;
        }
        char op = text.charAt(m.start(3));
        if (op != '>' && ascii(text, m.start(2), m.end(2)) && ascii(text, m.start(5), m.end(5))) {
            // ASCII words compare as their lower-case copies would, without the copies; the operator is one of five.
            boolean equal = m.end(2) - m.start(2) == m.end(5) - m.start(5)
                    && text.regionMatches(true, m.start(2), text, m.start(5), m.end(2) - m.start(2));
            return op == '=' || op == 'l' || op == 'L' ? equal : !equal && m.end(5) > m.start(5);
        }
        String left = m.group(2).toLowerCase(Locale.ROOT);
        String right = m.group(5).toLowerCase(Locale.ROOT);
        return switch (m.group(3).toLowerCase(Locale.ROOT)) {
            case "=", "like" -> left.equals(right);
            case "<>", "!=" -> !left.equals(right) && !right.isEmpty();
            default -> isSmallNumber(left) && isSmallNumber(right) && Long.parseLong(left) > Long.parseLong(right);
        };
    }

    private static boolean ascii(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSmallNumber(String s) {
        return !s.isEmpty() && s.length() < 12 && s.chars().allMatch(Character::isDigit);
    }

    private static boolean probes(Matcher m) {
        return m.start(1) >= 0 || m.start(3) < 0 || m.start(4) >= 0;
    }

    /** A time-based probe ({@code 1 AND SLEEP(5)}, {@code '; WAITFOR DELAY '0:0:5'}) after a value break-out. */
    static Hit timing(Spot s) {
        String text = s.text();
        int limit = lineLimit(text, s.start());
        Matcher m = TIMING.matcher(text).region(s.start(), limit);
        if (!m.lookingAt()) {
            return null;
        }
        int from = Math.max(ShellSpan.lineStart(text, s.start(), 40), s.start() - 40);
        Matcher lead = TIMING_LEAD.matcher(text).region(from, s.start());
        if (!lead.find()) {
            return null;
        }
        return Hit.injection(lead.start(), tail(text, m.end(), limit), Hit.LIKELY);
    }

    /** UNION SELECT after a numeric parameter ({@code id=1 UNION SELECT null, version()}); quotes go through quote(). */
    static Hit union(Spot s) {
        String text = s.text();
        int limit = lineLimit(text, s.start());
        int i = s.start();
        while (i > 0 && s.start() - i < 6 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == ')')) {
            i--;
        }
        if (i == 0 || !Character.isDigit(text.charAt(i - 1)) || i >= 2 && Character.isLetter(text.charAt(i - 2))) {
            return null;
        }
        Matcher m = UNION.matcher(text).region(s.start(), limit);
        if (!m.lookingAt() || !unionPayload(text, m.end(), limit)) {
            return null;
        }
        int start = i - 1;
        while (start > 0 && Character.isDigit(text.charAt(start - 1))) {
            start--;
        }
        return Hit.injection(start, tail(text, m.end(), limit), Hit.LIKELY);
    }

    /**
     * Whether UNION_PAYLOAD occurs in [from, limit), in one pass instead of trying every alternative at every position.
     * Alternatives that need no word boundary ({@code @@}, {@code --}, {@code #}, {@code 0x41}, catalogue names) settle
     * it at once; the others are only looked for by their literal core, and the regex decides when one is there.
     */
    private static boolean unionPayload(String text, int from, int limit) {
        boolean maybe = false;
        for (int p = from; p < limit; p++) {
            char c = text.charAt(p);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            switch (lower) {
                case '#' -> {
                    return true;
                }
                case '@', '-' -> {
                    if (p + 1 < limit && text.charAt(p + 1) == c) {
                        return true;
                    }
                }
                case '0' -> {
                    if (p + 3 < limit
                            && (text.charAt(p + 1) | 0x20) == 'x'
                            && hex(text.charAt(p + 2))
                            && hex(text.charAt(p + 3))) {
                        return true;
                    }
                }
                case ',' -> maybe |= digitBefore(text, from, p); // the 1, 2, 3 column list
                case 'i' -> {
                    if (literal(text, p, limit, "information_schema")) {
                        return true;
                    }
                }
                case 'l' -> {
                    if (literal(text, p, limit, "load_file")) {
                        return true;
                    }
                }
                case 'p' -> {
                    if (literal(text, p, limit, "pg_catalog")) {
                        return true;
                    }
                }
                case 's' -> {
                    if (literal(text, p, limit, "sqlite_master") || literal(text, p, limit, "sys.")) {
                        return true;
                    }
                    maybe |= call(text, p, limit, "sleep");
                }
                case 'n' -> maybe |= literal(text, p, limit, "null");
                case 'v' -> maybe |= call(text, p, limit, "version");
                case 'u' -> maybe |= call(text, p, limit, "user");
                case 'd' -> maybe |= call(text, p, limit, "database");
                case 'c' ->
                    maybe |= call(text, p, limit, "char")
                            || literal(text, p, limit, "concat")
                            || literal(text, p, limit, "column_name");
                case 't' -> maybe |= literal(text, p, limit, "table_name");
                default -> {}
            }
        }
        return maybe && UNION_PAYLOAD.matcher(text).region(from, limit).find();
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** The word at p (ASCII case folded), then white space and an opening parenthesis. */
    private static boolean call(String text, int p, int limit, String word) {
        if (!literal(text, p, limit, word)) {
            return false;
        }
        int i = p + word.length();
        while (i < limit && regexSpace(text.charAt(i))) {
            i++;
        }
        return i < limit && text.charAt(i) == '(';
    }

    /** A digit, then only white space, before the comma at p: where {@code 1, 2, 3} could be. */
    private static boolean digitBefore(String text, int from, int p) {
        int i = p;
        while (i > from && regexSpace(text.charAt(i - 1))) {
            i--;
        }
        return i > from && text.charAt(i - 1) >= '0' && text.charAt(i - 1) <= '9';
    }

    /** The characters of the regex class {@code \s} (without UNICODE_CHARACTER_CLASS). */
    private static boolean regexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** The lower-case word at p, folding ASCII case only (as {@code (?i)} does), within limit. */
    private static boolean literal(String text, int p, int limit, String word) {
        if (p + word.length() > limit) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = text.charAt(p + k);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            if (lower != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int lineLimit(String text, int from) {
        return ShellSpan.lineEnd(text, from, WINDOW);
    }

    /** The injected text runs on to the end of its line or string, including a trailing comment. */
    private static int tail(String text, int from, int limit) {
        int i = from;
        while (i < limit) {
            char c = text.charAt(i);
            if (c == '`' || c == '\n') {
                break;
            }
            i++;
        }
        return ShellSpan.trimEnd(text, from, i);
    }
}
