package dev.caravan.guardrails.destructive;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Queries that destroy data: SQL DROP, TRUNCATE and unscoped DELETE or UPDATE, MongoDB drops and empty-filter
 * deletes, Neo4j DETACH DELETE of every node, Redis FLUSHALL, Elasticsearch {@code DELETE /_all}.
 */
final class DataStoreRules {
    private static final int WINDOW = 240;
    /** A table name, bare or quoted as MySQL, PostgreSQL or SQL Server quote it, maybe qualified by its schema. */
    private static final String PART =
            "(?:`[^`\\s]{1,64}`|\"[^\"\\s]{1,64}\"|\\[[^\\]\\s]{1,64}\\]|[A-Za-z_][\\w$\\-]*)";

    private static final String NAME = PART + "(?:\\." + PART + "){0,3}";
    private static final Pattern DROP = Pattern.compile(
            "(?i)drop\\s+(table|database|schema|keyspace|collection|tablespace)(?:\\s+if\\s+exists)?\\s+" + "(" + NAME
                    + ")");
    /** PostgreSQL {@code DROP OWNED BY role}: drops every object the role owns. */
    private static final Pattern DROP_OWNED = Pattern.compile("(?i)drop\\s+owned\\s+by\\s+(" + NAME + ")");

    private static final Pattern DROP_PART =
            Pattern.compile("(?i)drop\\s+(?:column|partition)\\s+(?:if\\s+exists\\s+)?[`\"\\[]?[A-Za-z_]\\w*");
    private static final Pattern ALTER_TABLE = Pattern.compile("(?i)alter\\s+table\\s+[^;]{1,120}$");
    private static final Pattern TRUNCATE = Pattern.compile(
            "(?i)truncate\\s+(table\\s+)?(?:only\\s+)?(" + NAME + ")\\s*([;,`'\")]|cascade|restart|continue|$)?");
    private static final Pattern DELETE_FROM =
            Pattern.compile("(?i)delete\\s+(?:top\\s*\\(?\\d+\\)?\\s+)?from\\s+(" + NAME + ")");
    private static final Pattern UPDATE_SET =
            Pattern.compile("(?i)update\\s+(?:only\\s+)?(" + NAME + ")\\s+set\\s+[`\"\\[]?\\w+[`\"\\]]?\\s*=");
    private static final Pattern WHERE = Pattern.compile("(?i)\\bwhere\\b");
    private static final Pattern TAUTOLOGY = Pattern.compile(
            "(?i)\\bwhere\\s+(?:1\\s*=\\s*1|true|1|'(\\w*)'\\s*=\\s*'\\1'|(\\w+)\\s*=\\s*\\2|\\w+\\s+is\\s+not\\s+null"
                    + "|\\w+\\s*>\\s*0)\\s*(?:;|--|#|limit\\b|order\\b|returning\\b|$)");
    private static final Pattern MATCH_NODE = Pattern.compile(
            "(?i)match\\s*\\(\\s*\\w*\\s*(:\\s*[`\\w]+)?\\s*(\\{[^}]*\\})?\\s*\\)(?:\\s*-\\[[^\\]]*\\]-(?:>)?\\s*\\(\\s*\\w*\\s*\\))?\\s*$");
    private static final Pattern ES_TARGET = Pattern.compile(
            "(?i)(?:https?://)?[\\w.\\-]*(?::(\\d+))?/(_all|[\\w.\\-,]*\\*[\\w.\\-,*]*)(?:[/?\\s'\"]|$)");
    /** {@code DELETE :9200/orders}: a whole index on the Elasticsearch/OpenSearch port, not one document in it. */
    private static final Pattern WHOLE_INDEX =
            Pattern.compile("(?i)(?:https?://)?[\\w.\\-]*:9200/[a-z0-9][\\w.\\-]*/?(?:[?'\"\\s]|$)");

    private static final Pattern CONSOLE_TARGET = Pattern.compile("\\A\\s+/(?:_all|\\*)(?:[/?\\s]|$)");
    private static final Pattern CURL_METHOD = Pattern.compile("(?:-X\\s*|--request\\s+)$");
    private static final Pattern EMPTY_FILTER = Pattern.compile("\\A\\s*\\(\\s*(?:\\{\\s*\\})?\\s*[,)]");
    private static final String[] DROPPED_OBJECTS = {
        "table", "database", "schema", "keyspace", "collection", "tablespace", "column", "partition", "owned"
    };
    private static final Set<String> NOT_NAMES = Set.of(
            "the",
            "a",
            "an",
            "in",
            "on",
            "of",
            "to",
            "for",
            "from",
            "and",
            "or",
            "if",
            "is",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "with",
            "without",
            "when",
            "statement",
            "statements",
            "command",
            "commands",
            "query",
            "queries",
            "privilege",
            "privileges",
            "permission",
            "permissions",
            "syntax",
            "instead",
            "vs",
            "operation",
            "operations",
            "keyword",
            "clause",
            "call",
            "calls",
            "rights",
            "access",
            "my",
            "your",
            "our",
            "their",
            "any",
            "some",
            "every",
            "each",
            "do",
            "does",
            "will",
            "would",
            "can",
            "should",
            "fails",
            "works",
            "cascade");

    private DataStoreRules() {}

    static Hit drop(Spot s) {
        String text = s.text();
        if (s.before() == '.') {
            return mongoCall(s, true);
        }
        if (text.regionMatches(true, s.start(), "dropdb", 0, 6)) {
            return dropdb(s);
        }
        int next = ShellSpan.skipSpaces(text, s.end(), Math.min(text.length(), s.end() + 8));
        if (next == s.end() || !startsObject(text, next)) {
            return null;
        }
        Matcher m = DROP.matcher(text).region(s.start(), window(s));
        if (m.lookingAt() && isName(m.group(2))) {
            int end = ShellSpan.statementEnd(text, m.end(), s.close());
            return Hit.statement(s.start(), ShellSpan.trimEnd(text, s.start(), end), Hit.STRONG);
        }
        Matcher owned = DROP_OWNED.matcher(text).region(s.start(), window(s));
        if (owned.lookingAt() && isName(owned.group(1))) {
            int end = ShellSpan.statementEnd(text, owned.end(), s.close());
            return Hit.statement(s.start(), ShellSpan.trimEnd(text, s.start(), end), Hit.STRONG);
        }
        Matcher part = DROP_PART.matcher(text).region(s.start(), window(s));
        if (part.lookingAt()) {
            int lineStart = ShellSpan.lineStart(text, s.start(), 200);
            Matcher alter = ALTER_TABLE.matcher(text).region(lineStart, s.start());
            if (alter.find()) {
                int end = ShellSpan.statementEnd(text, part.end(), s.close());
                return Hit.statement(alter.start(), ShellSpan.trimEnd(text, s.start(), end), Hit.PROBABLE);
            }
        }
        return null;
    }

    private static Hit dropdb(Spot s) {
        if (!s.commandPosition()) {
            return null;
        }
        int end = ShellSpan.commandEnd(s.text(), s.end(), s.close(), false);
        for (ShellTokens.Token t : ShellTokens.of(s.text(), s.end(), end)) {
            if (!t.flag() && isName(t.value())) {
                return Hit.shell(s.start(), ShellSpan.trimEnd(s.text(), s.start(), end), Hit.STRONG);
            }
        }
        return null;
    }

    static Hit truncate(Spot s) {
        String text = s.text();
        if (text.startsWith(" -", s.end())) {
            return DiskRules.emptiedFile(s); // the coreutils command: truncate -s 0 FILE
        }
        Matcher m = TRUNCATE.matcher(text).region(s.start(), window(s));
        if (!m.lookingAt() || !isName(m.group(2))) {
            return null;
        }
        boolean statement = m.group(1) != null || m.group(3) != null;
        if (!statement) {
            return null;
        }
        int end = ShellSpan.statementEnd(text, m.end(2), s.close());
        return Hit.statement(s.start(), ShellSpan.trimEnd(text, s.start(), end), Hit.STRONG);
    }

    /**
     * Elasticsearch/OpenSearch {@code _delete_by_query} whose query matches every document: the index is emptied.
     * The request's method, URL and body are read on the trigger's line, within the command window.
     */
    static Hit deleteByQuery(Spot s) {
        String text = s.text();
        int from = ShellSpan.lineStart(text, s.start(), 200);
        int to = Math.min(text.length(), s.end() + ShellSpan.COMMAND_WINDOW);
        int newline = text.indexOf('\n', s.end());
        if (newline >= 0 && newline < to && !text.startsWith("{", ShellSpan.skipSpaces(text, newline + 1, to))) {
            to = newline;
        }
        if (!s.anyIn(s.end(), to, "match_all")) {
            return null;
        }
        int curl = text.lastIndexOf("curl", s.start());
        int line = ShellSpan.skipSpaces(text, from, s.start());
        int start = curl >= from ? curl : text.regionMatches(true, line, "post ", 0, 5) ? line : s.start();
        int end = text.indexOf("match_all", s.end()) + 9;
        return Hit.shell(start, end, Hit.STRONG);
    }

    static Hit delete(Spot s) {
        String text = s.text();
        if (s.before() == '-' && s.start() > 1 && text.charAt(s.start() - 2) == '-') {
            return kafkaTopic(s);
        }
        Hit search = elasticsearch(s);
        if (search != null) {
            return search;
        }
        Matcher m = DELETE_FROM.matcher(text).region(s.start(), window(s));
        if (m.lookingAt()) {
            return unscoped(s, m.end(), isName(m.group(1)));
        }
        return graphDelete(s);
    }

    /** {@code kafka-topics.sh --delete --topic payments}: deleting a topic drops every message in it. */
    private static Hit kafkaTopic(Spot s) {
        String text = s.text();
        int start = s.start();
        int lineStart = ShellSpan.lineStart(text, start, 200);
        int name = text.substring(lineStart, start).lastIndexOf("kafka-topics");
        if (name < 0) {
            return null;
        }
        int end = ShellSpan.commandEnd(text, s.end(), s.close(), false);
        if (!s.anyIn(lineStart + name, end, "--topic")) {
            return null;
        }
        return Hit.shell(lineStart + name, ShellSpan.trimEnd(text, lineStart + name, end), Hit.LIKELY);
    }

    private static Hit graphDelete(Spot s) {
        int lineStart = ShellSpan.lineStart(s.text(), s.start(), 200);
        if (!s.anyIn(lineStart, s.start(), "match")) {
            return null;
        }
        Matcher node = MATCH_NODE.matcher(s.text()).region(lineStart, s.start());
        return node.find() ? graph(s, node) : null;
    }

    static Hit update(Spot s) {
        if (!s.anyIn(s.end(), Math.min(s.text().length(), s.end() + 80), "set")) {
            return null;
        }
        Matcher m = UPDATE_SET.matcher(s.text()).region(s.start(), window(s));
        return m.lookingAt() ? unscoped(s, m.end(), isName(m.group(1))) : null;
    }

    /** A DELETE or UPDATE with no WHERE clause, or a WHERE clause that is always true, touches every row. */
    private static Hit unscoped(Spot s, int from, boolean named) {
        String text = s.text();
        int end = ShellSpan.statementEnd(text, from, s.close());
        boolean upperCase = Character.isUpperCase(text.charAt(s.start()));
        boolean terminated =
                end > s.start() && text.charAt(end - 1) == ';' || end < text.length() && text.charAt(end) == s.close();
        if (!named || !upperCase && !terminated) {
            return null;
        }
        Matcher where = WHERE.matcher(text).region(from, end);
        if (where.find()) {
            Matcher always = TAUTOLOGY.matcher(text).region(where.start(), end);
            if (!always.lookingAt()) {
                return null;
            }
        }
        return Hit.statement(s.start(), ShellSpan.trimEnd(text, s.start(), end), Hit.LIKELY);
    }

    private static Hit elasticsearch(Spot s) {
        String text = s.text();
        int lineStart = ShellSpan.lineStart(text, s.start(), 120);
        boolean near = s.anyIn(s.start() - 12, s.start(), "-X", "request")
                || text.regionMatches(true, s.start(), "xdelete", 0, 7);
        if (!near && ShellSpan.skipSpaces(text, lineStart, s.start()) != s.start()) {
            return null;
        }
        String before = text.substring(lineStart, s.start());
        boolean curl = CURL_METHOD.matcher(before).find() || text.regionMatches(true, s.start(), "xdelete", 0, 7);
        if (curl) {
            int end = ShellSpan.commandEnd(text, s.end(), s.close(), false);
            Matcher target = ES_TARGET.matcher(text).region(s.end(), end);
            if (!target.find()
                    && !WHOLE_INDEX.matcher(text).region(s.end(), end).find()) {
                return null;
            }
            int curlAt = before.lastIndexOf("curl");
            int start = curlAt >= 0 ? lineStart + curlAt : s.start();
            return Hit.shell(start, ShellSpan.trimEnd(text, start, end), Hit.STRONG);
        }
        boolean console = before.isBlank() && Character.isUpperCase(text.charAt(s.start()));
        if (console
                && CONSOLE_TARGET
                        .matcher(text)
                        .region(s.end(), Math.min(text.length(), s.end() + 12))
                        .lookingAt()) {
            int end = ShellSpan.lineEnd(text, s.end(), 200);
            return Hit.statement(s.start(), ShellSpan.trimEnd(text, s.start(), end), Hit.STRONG);
        }
        return null;
    }

    static Hit detach(Spot s) {
        String text = s.text();
        int after = ShellSpan.skipSpaces(text, s.end(), Math.min(text.length(), s.end() + 8));
        if (!text.regionMatches(true, after, "delete", 0, 6)) {
            return null;
        }
        return graphDelete(s);
    }

    /** Deleting every matched node: unfiltered MATCH (n) is everything, a label alone is a whole class of data. */
    private static Hit graph(Spot s, Matcher node) {
        if (node.group(2) != null) {
            return null;
        }
        int end = ShellSpan.statementEnd(s.text(), s.end(), s.close());
        double score = node.group(1) == null ? Hit.STRONG : Hit.PROBABLE;
        return Hit.statement(node.start(), ShellSpan.trimEnd(s.text(), node.start(), end), score);
    }

    /** {@code db.dropDatabase()}, {@code .deleteMany({})}, {@code .delete_many({})}. */
    static Hit mongo(Spot s) {
        String name = s.text().substring(s.start(), s.end()).toLowerCase(Locale.ROOT);
        if (s.before() != '.') {
            return null;
        }
        return mongoCall(s, name.equals("dropdatabase"));
    }

    static Hit mongoRemove(Spot s) {
        return mongoCall(s, false);
    }

    private static Hit mongoCall(Spot s, boolean dropsEverything) {
        String text = s.text();
        int limit = Math.min(text.length(), s.end() + 40);
        Matcher args = EMPTY_FILTER.matcher(text).region(s.end(), limit);
        if (!args.lookingAt()) {
            return null;
        }
        boolean noArguments = text.indexOf('{', s.end()) < 0 || text.indexOf('{', s.end()) >= args.end();
        if (dropsEverything && !noArguments) {
            return null;
        }
        int start = s.start() - 1;
        while (start > 0 && start > s.start() - 80 && isExpressionChar(text.charAt(start - 1))) {
            start--;
        }
        String receiver = text.substring(start, s.start()).toLowerCase(Locale.ROOT);
        if (!databaseReceiver(receiver) && !receiver.contains("collection") && !receiver.contains(".db.")) {
            return null;
        }
        int close = text.indexOf(')', s.end());
        int end = close < 0 || close > limit ? args.end() : close + 1;
        return Hit.statement(start, end, dropsEverything ? Hit.STRONG : Hit.LIKELY);
    }

    /** {@code db.}, also inside a string or call that carries it: {@code execute("db.users.drop()")}. */
    private static boolean databaseReceiver(String receiver) {
        if (receiver.startsWith("db")) {
            return true;
        }
        for (int i = 1; i + 2 < receiver.length(); i++) {
            boolean opens = "\"'(".indexOf(receiver.charAt(i - 1)) >= 0;
            if (opens && receiver.startsWith("db", i) && ".[".indexOf(receiver.charAt(i + 2)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isExpressionChar(char c) {
        return Character.isLetterOrDigit(c)
                || c == '.'
                || c == '_'
                || c == '$'
                || c == '('
                || c == ')'
                || c == '\''
                || c == '"'
                || c == '['
                || c == ']'
                || c == '\\';
    }

    /** Redis FLUSHALL / FLUSHDB, from redis-cli or a client call. */
    static Hit flush(Spot s) {
        String text = s.text();
        char b = s.before();
        if (Character.isLetterOrDigit(b) || b == '_' || b == '-') {
            return null;
        }
        char a = s.after();
        if (Character.isLetterOrDigit(a) || a == '_' || a == '-') {
            return null;
        }
        int lineStart = ShellSpan.lineStart(text, s.start(), 120);
        int cli = text.substring(lineStart, s.start()).lastIndexOf("redis-cli");
        if (cli < 0 && !endsRedisCommand(text, s.end())) {
            return null; // "FLUSHALL is forbidden here": a command takes only ASYNC or SYNC, never prose
        }
        int start = cli >= 0 ? lineStart + cli : s.start();
        int end = s.end();
        if (end + 1 < text.length() && text.charAt(end) == '(' && text.charAt(end + 1) == ')') {
            end += 2;
        }
        return new Hit(start, end, dev.caravan.guardrails.Category.DESTRUCTIVE, Hit.STRONG, cli >= 0);
    }

    /** What may follow FLUSHALL or FLUSHDB as typed: nothing, ASYNC/SYNC, a call's parentheses, a quote or a separator. */
    private static boolean endsRedisCommand(String text, int end) {
        int i = ShellSpan.skipSpaces(text, end, Math.min(text.length(), end + 8));
        if (i == text.length() || "\n\r;`'\")(,".indexOf(text.charAt(i)) >= 0) {
            return true;
        }
        return text.regionMatches(true, i, "async", 0, 5) || text.regionMatches(true, i, "sync", 0, 4);
    }

    private static boolean startsObject(String text, int at) {
        for (String word : DROPPED_OBJECTS) {
            if (text.regionMatches(true, at, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private static int window(Spot s) {
        return Math.min(s.text().length(), s.start() + WINDOW);
    }

    private static boolean isName(String raw) {
        StringBuilder bare = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '`' && c != '"' && c != '[' && c != ']') {
                bare.append(Character.toLowerCase(c));
            }
        }
        String name = bare.toString();
        return !name.isEmpty() && !NOT_NAMES.contains(name);
    }
}
