package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.secrets.SecretKeyNames.Kind;

/**
 * Recognises credentials passed as command-line flags: {@code curl -u user:password}, {@code --user "u:p"},
 * {@code docker login -p ...}, {@code mysql -pSECRET}, {@code --password ...}, {@code --token ...}, and PowerShell's
 * {@code ConvertTo-SecureString "..." -AsPlainText}.
 */
final class CommandLineCredentials {
    private static final int MAX_FLAG = 40;

    private CommandLineCredentials() {}

    /** Whether a flag may start after {@code c}: flags follow a space, a line start or an opening quote. */
    static boolean canFollow(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'';
    }

    /** Examines the flag starting at {@code dash}; returns how far the text has been read. */
    static int match(String text, int dash, Hits hits) {
        int n = text.length();
        int nameStart = dash + 1;
        if (nameStart < n && text.charAt(nameStart) == '-') {
            nameStart++;
        }
        int nameEnd = nameStart;
        while (nameEnd < n
                && nameEnd - nameStart < MAX_FLAG
                && (TokenAlphabet.isAlnum(text.charAt(nameEnd)) || text.charAt(nameEnd) == '-')) {
            nameEnd++;
        }
        if (nameEnd == nameStart || nameEnd >= n || !Character.isLetter(text.charAt(nameStart))) {
            return nameEnd;
        }
        int nameLength = nameEnd - nameStart;
        boolean singleDash = nameStart == dash + 1;
        if (singleDash && nameLength >= 9 && text.charAt(nameStart) == 'p') {
            // mysql-style -pSECRET: the password is glued to the flag
            AssignedValue glued = AssignedValue.read(text, nameStart + 1);
            if (glued != null && glued.start() == nameStart + 1) {
                hits.add(glued.start(), glued.end(), strongPassword(text, glued.start(), glued.end()));
                return glued.end();
            }
            return nameEnd;
        }
        if (nameLength == 11 && TokenAlphabet.regionMatchesIgnoreCase(text, nameStart, "AsPlainText")) {
            plainTextSecureString(text, dash, hits);
            return nameEnd;
        }
        char separator = text.charAt(nameEnd);
        if (separator != ' ' && separator != '=') {
            return nameEnd;
        }
        boolean user = (nameLength == 1 && text.charAt(nameStart) == 'u')
                || (nameLength == 4 && text.startsWith("user", nameStart));
        boolean shortPassword = nameLength == 1 && text.charAt(nameStart) == 'p';
        if (!user && !shortPassword && !SecretKeyNames.mayNameSecret(text, nameStart, nameEnd)) {
            return nameEnd;
        }
        AssignedValue value = AssignedValue.read(text, nameEnd + 1);
        if (value == null) {
            return nameEnd;
        }
        if (user) {
            userAndPassword(text, value, hits);
        } else if (shortPassword) {
            hits.add(value.start(), value.end(), strongPassword(text, value.start(), value.end()));
        } else {
            Kind kind = SecretKeyNames.classifyHinted(text, nameStart, nameEnd);
            hits.add(
                    value.start(),
                    value.end(),
                    AssignedValues.score(text, value.start(), value.end(), kind, value.quoted()));
        }
        return value.end();
    }

    /** {@code -p} also means port, profile or path in many tools, so only clear passwords count. */
    private static double strongPassword(String text, int from, int to) {
        if (to - from < 8
                || AssignedValues.isReference(text, from, to, false)
                || !ValueShape.looksGenuine(text, from, to)) {
            return 0;
        }
        ValueShape shape = ValueShape.of(text, from, to);
        return shape.classes() >= 3 && !shape.hasSpace() ? AssignedValues.password(shape) : 0;
    }

    /** PowerShell's {@code ConvertTo-SecureString "secret" -AsPlainText}: the quoted string before the flag. */
    private static void plainTextSecureString(String text, int dash, Hits hits) {
        int close = dash - 1;
        while (close >= 0 && text.charAt(close) == ' ') {
            close--;
        }
        if (close < 1 || (text.charAt(close) != '"' && text.charAt(close) != '\'')) {
            return;
        }
        char quote = text.charAt(close);
        int open = close - 1;
        while (open >= 0
                && close - open <= AssignedValue.MAX_LENGTH
                && text.charAt(open) != quote
                && text.charAt(open) != '\n') {
            open--;
        }
        if (open >= 0 && text.charAt(open) == quote && close - open > 1) {
            ValueShape shape = ValueShape.of(text, open + 1, close);
            boolean genuine = ValueShape.looksGenuine(text, open + 1, close) && !shape.hasSpace();
            hits.add(open + 1, close, genuine ? AssignedValues.password(shape) : 0);
        }
    }

    private static void userAndPassword(String text, AssignedValue value, Hits hits) {
        int colon = -1;
        for (int i = value.start(); i < value.end(); i++) {
            if (text.charAt(i) == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= value.start()) {
            return;
        }
        int from = colon + 1;
        int to = value.end();
        if (!value.quoted() && from < text.length() && (text.charAt(from) == '\'' || text.charAt(from) == '"')) {
            AssignedValue quoted = AssignedValue.read(text, from);
            if (quoted == null || !quoted.quoted()) {
                return;
            }
            from = quoted.start();
            to = quoted.end();
        }
        String user = text.substring(value.start(), colon);
        if (to > from && CredentialUrls.isPlausiblePassword(text, from, to, user, "")) {
            hits.add(from, to, 0.85);
        }
    }
}
