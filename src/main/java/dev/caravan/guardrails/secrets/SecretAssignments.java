package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.secrets.SecretKeyNames.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Recognises secrets assigned to secret-sounding names in code, config, .env, YAML, JSON, INI, headers and DSNs:
 * {@code password=...}, {@code "api_key": "..."}, {@code Authorization: Bearer ...}, {@code Pwd=...;}.
 */
final class SecretAssignments {
    private static final int MAX_NAME = 64;

    private SecretAssignments() {}

    /**
     * Examines the assignment whose operator ({@code =} or {@code :}) is at {@code op}; returns the position up to
     * which text has been read as this assignment's value, so that operators inside it are not examined again.
     */
    static int match(String text, int op, Hits hits) {
        int valueAt = valueAt(text, op);
        if (valueAt < 0) {
            return op + 1;
        }
        int nameEnd = nameEnd(text, op);
        int nameStart = nameStart(text, nameEnd);
        if (!SecretKeyNames.mayNameSecret(text, nameStart, nameEnd)) {
            return op + 1;
        }
        AssignedValue value = AssignedValue.read(text, valueAt);
        if (value == null
                || value.end() - value.start() < AssignedValues.MIN_LENGTH
                || contains(text, value.start(), value.end(), "://")) {
            return value == null ? op + 1 : Math.max(op + 1, value.end());
        }
        Kind kind = SecretKeyNames.classifyHinted(text, nameStart, nameEnd);
        double score = value.basicAuth() && kind != Kind.NONE
                ? basicCredentials(text, value.start(), value.end())
                : AssignedValues.score(text, value.start(), value.end(), kind, value.quoted());
        hits.add(value.start(), value.end(), score);
        return kind == Kind.NONE ? op + 1 : value.end();
    }

    /**
     * Where the value assigned by the operator at {@code op} begins to be read (after {@code =>} or {@code :=}), or -1
     * when the operator is part of a comparison or a scope such as {@code ==}, {@code !=}, {@code <=} or {@code ::}.
     */
    static int valueAt(String text, int op) {
        int n = text.length();
        char c = text.charAt(op);
        char next = op + 1 < n ? text.charAt(op + 1) : ' ';
        char prev = op > 0 ? text.charAt(op - 1) : ' ';
        if (c == '=') {
            if (next == '=' || prev == '=' || prev == '!' || prev == '<' || prev == '>') {
                return -1;
            }
            return op + 1 + (next == '>' ? 1 : 0);
        }
        if (next == ':' || prev == ':') {
            return -1;
        }
        return op + 1 + (next == '=' ? 1 : 0);
    }

    /** The end of the name assigned to by the operator at {@code op}: up to four blanks and a quote come between. */
    static int nameEnd(String text, int op) {
        int nameEnd = op;
        while (nameEnd > 0
                && op - nameEnd < 4
                && (text.charAt(nameEnd - 1) == ' ' || text.charAt(nameEnd - 1) == '\t')) {
            nameEnd--;
        }
        if (nameEnd > 0 && (text.charAt(nameEnd - 1) == '"' || text.charAt(nameEnd - 1) == '\'')) {
            nameEnd--;
        }
        return nameEnd;
    }

    /** The start of the name that ends at {@code nameEnd}, at most {@value #MAX_NAME} characters long. */
    static int nameStart(String text, int nameEnd) {
        int nameStart = nameEnd;
        while (nameStart > 0 && nameEnd - nameStart < MAX_NAME && isNameChar(text.charAt(nameStart - 1))) {
            nameStart--;
        }
        return nameStart;
    }

    /** {@code Basic} carries base64 of {@code user:password}; the decoded password decides, as in a URL. */
    private static double basicCredentials(String text, int from, int to) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(text.substring(from, to)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return 0;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return 0;
        }
        String user = decoded.substring(0, colon);
        return CredentialUrls.isPlausiblePassword(decoded, colon + 1, decoded.length(), user, "") ? 0.85 : 0;
    }

    /** Letters, digits, '_', '-' and '.': the same set as a word continuation, so one table look-up. */
    private static boolean isNameChar(char c) {
        return TokenAlphabet.continuesWord(c);
    }

    private static boolean contains(String text, int from, int to, String needle) {
        char first = needle.charAt(0);
        for (int i = from; i + needle.length() <= to; i++) {
            if (text.charAt(i) == first && text.startsWith(needle, i)) {
                return true;
            }
        }
        return false;
    }
}
