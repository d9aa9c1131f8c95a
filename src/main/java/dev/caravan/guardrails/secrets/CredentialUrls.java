package dev.caravan.guardrails.secrets;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises credentials carried by URLs: the password in {@code scheme://user:password@host} (databases, brokers,
 * basic-auth HTTP) and incoming-webhook URLs whose path is itself the secret (Slack, Discord).
 */
final class CredentialUrls {
    private static final int MAX_SCHEME = 24;
    private static final int MAX_AUTHORITY = 256;
    private static final int MAX_WEBHOOK_PATH = 160;

    private static final Set<String> DATA_SCHEMES = Set.of(
            "postgres",
            "postgresql",
            "mysql",
            "mariadb",
            "mongodb",
            "mongodb+srv",
            "redis",
            "rediss",
            "amqp",
            "amqps",
            "mssql",
            "sqlserver",
            "oracle",
            "cockroachdb",
            "clickhouse",
            "cassandra",
            "neo4j",
            "neo4j+s",
            "bolt",
            "kafka",
            "nats",
            "mqtt",
            "mqtts",
            "ldap",
            "ldaps",
            "smtp",
            "smtps",
            "imap",
            "imaps",
            "ftp",
            "sftp",
            "ftps",
            "ssh",
            "elasticsearch",
            "couchdb",
            "influxdb",
            "snowflake",
            "memcached");

    /** Passwords that tutorials and compose files use as obvious defaults. */
    private static final Set<String> DEFAULT_PASSWORDS = Set.of(
            "password",
            "passwd",
            "pass",
            "secret",
            "changeme",
            "admin",
            "root",
            "guest",
            "user",
            "postgres",
            "mysql",
            "redis",
            "test",
            "example",
            "default",
            "pwd",
            "letmein",
            "qwerty",
            "123456",
            "12345678");

    private CredentialUrls() {}

    /** Examines the URL whose {@code ://} starts at {@code colon}. */
    static void match(String text, int colon, Hits hits) {
        int schemeStart = colon;
        while (schemeStart > 0 && colon - schemeStart < MAX_SCHEME && isSchemeChar(text.charAt(schemeStart - 1))) {
            schemeStart--;
        }
        if (schemeStart == colon) {
            return;
        }
        int authorityStart = colon + 3;
        int n = text.length();
        int limit = Math.min(n, authorityStart + MAX_AUTHORITY);
        int at = -1;
        int i = authorityStart;
        while (i < limit) {
            char c = text.charAt(i);
            if (c == '/'
                    || c == '?'
                    || c == '#'
                    || Character.isWhitespace(c)
                    || c == '"'
                    || c == '\''
                    || c == '`'
                    || c == '<'
                    || c == '>') {
                break;
            }
            if (c == '@') {
                at = i;
            }
            i++;
        }
        if (at < 0) {
            webhook(text, schemeStart, authorityStart, i, hits);
            return;
        }
        String scheme = text.substring(schemeStart, colon).toLowerCase(Locale.ROOT);
        int passwordStart = -1;
        for (int k = authorityStart; k < at; k++) {
            if (text.charAt(k) == ':') {
                passwordStart = k + 1;
                break;
            }
        }
        if (passwordStart < 0 || passwordStart >= at) {
            return;
        }
        String user = text.substring(authorityStart, passwordStart - 1);
        if (isPlausiblePassword(text, passwordStart, at, user, scheme)) {
            boolean data = DATA_SCHEMES.contains(scheme) || scheme.startsWith("jdbc");
            hits.add(passwordStart, at, data ? 0.92 : 0.88);
        }
    }

    static boolean isPlausiblePassword(String text, int from, int to, String user, String scheme) {
        String password = text.substring(from, to);
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.length() < 6
                || DEFAULT_PASSWORDS.contains(lower)
                || lower.equals(user.toLowerCase(Locale.ROOT))
                || lower.equals(scheme)
                || password.charAt(0) == '$'
                || password.charAt(0) == '%'
                || ValueShape.isPlaceholder(text, from, to)
                || ValueShape.isLowDiversity(text, from, to)
                || ValueShape.isSequential(text, from, to)) {
            return false;
        }
        ValueShape shape = ValueShape.of(text, from, to);
        return shape.classes() >= 2 || shape.length() >= 12;
    }

    private static void webhook(String text, int schemeStart, int hostStart, int hostEnd, Hits hits) {
        int hostLength = hostEnd - hostStart;
        if (hostLength != 15 && hostLength != 11 && hostLength != 14) {
            return;
        }
        String host = text.substring(hostStart, hostEnd).toLowerCase(Locale.ROOT);
        int pathEnd = hostEnd;
        int limit = Math.min(text.length(), hostEnd + MAX_WEBHOOK_PATH);
        while (pathEnd < limit && isPathChar(text.charAt(pathEnd))) {
            pathEnd++;
        }
        String path = text.substring(hostEnd, pathEnd);
        boolean slack = host.equals("hooks.slack.com")
                && (path.startsWith("/services/") || path.startsWith("/workflows/") || path.startsWith("/triggers/"));
        boolean discord =
                (host.equals("discord.com") || host.equals("discordapp.com")) && path.startsWith("/api/webhooks/");
        if (!slack && !discord) {
            return;
        }
        int secretStart = hostEnd + path.lastIndexOf('/') + 1;
        int secretLength = pathEnd - secretStart;
        boolean enoughParts = path.chars().filter(c -> c == '/').count() >= 4;
        if (enoughParts
                && secretLength >= 20
                && ValueShape.looksGenuine(text, secretStart, pathEnd)
                && ValueShape.looksGenuine(text, hostEnd + path.indexOf('/', 1) + 1, secretStart - 1)) {
            hits.add(schemeStart, pathEnd, 0.95);
        }
    }

    private static boolean isSchemeChar(char c) {
        return TokenAlphabet.isAlnum(c) || c == '+' || c == '.' || c == '-';
    }

    private static boolean isPathChar(char c) {
        return TokenAlphabet.isAlnum(c) || c == '/' || c == '_' || c == '-';
    }
}
