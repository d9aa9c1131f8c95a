package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.secrets.SecretKeyNames.Kind;

/**
 * Recognises credentials passed as command-line flags: {@code curl -u user:password}, {@code --user "u:p"},
 * {@code docker login -p ...}, {@code mysql -pSECRET}, {@code --password ...}, {@code --token ...}, and PowerShell's
 * {@code ConvertTo-SecureString "..." -AsPlainText}.
 */
final class CommandLineCredentials {
    static final int MAX_FLAG = 40;

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
        if (gluesPassword(text, dash, nameStart, nameEnd)) {
            // mysql-style -pSECRET: the password is glued to the flag
            AssignedValue glued = AssignedValue.read(text, nameStart + 1);
            if (glued != null && glued.start() == nameStart + 1) {
                hits.add(glued.start(), glued.end(), strongPassword(text, glued.start(), glued.end()));
                return glued.end();
            }
            return nameEnd;
        }
        if (isPlainTextFlag(text, nameStart, nameEnd)) {
            plainTextSecureString(text, dash, hits);
            return nameEnd;
        }
        char separator = text.charAt(nameEnd);
        if (separator != ' ' && separator != '=') {
            return nameEnd;
        }
        boolean user = isUserFlag(text, nameStart, nameEnd);
        boolean shortPassword = isShortPasswordFlag(text, nameStart, nameEnd);
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
        int open = openingQuote(text, close);
        if (open >= 0) {
            hits.add(open + 1, close, plainTextPassword(text, open + 1, close));
        }
    }

    /** The opening quote of the non-empty one-line string whose closing quote is at {@code close}, else -1. */
    static int openingQuote(String text, int close) {
        if (close < 1 || (text.charAt(close) != '"' && text.charAt(close) != '\'')) {
            return -1;
        }
        char quote = text.charAt(close);
        int open = close - 1;
        while (open >= 0
                && close - open <= AssignedValue.MAX_LENGTH
                && text.charAt(open) != quote
                && text.charAt(open) != '\n') {
            open--;
        }
        return open >= 0 && text.charAt(open) == quote && close - open > 1 ? open : -1;
    }

    /** The score of a quoted string that {@code -AsPlainText} turns into a credential. */
    static double plainTextPassword(String text, int from, int to) {
        ValueShape shape = ValueShape.of(text, from, to);
        boolean genuine = ValueShape.looksGenuine(text, from, to) && !shape.hasSpace();
        return genuine ? AssignedValues.password(shape) : 0;
    }

    /** {@code -pSECRET}: a single dash, a 'p' and eight or more characters is a password glued to its flag. */
    static boolean gluesPassword(String text, int dash, int nameStart, int nameEnd) {
        return nameStart == dash + 1 && nameEnd - nameStart >= 9 && text.charAt(nameStart) == 'p';
    }

    /** {@code -u} and {@code --user} take {@code user:password}. */
    static boolean isUserFlag(String text, int nameStart, int nameEnd) {
        int nameLength = nameEnd - nameStart;
        return (nameLength == 1 && text.charAt(nameStart) == 'u')
                || (nameLength == 4 && text.startsWith("user", nameStart));
    }

    /** {@code -p} takes a password, or a port, profile or path in other tools, so its value must look strong. */
    static boolean isShortPasswordFlag(String text, int nameStart, int nameEnd) {
        return nameEnd - nameStart == 1 && text.charAt(nameStart) == 'p';
    }

    /** PowerShell's {@code -AsPlainText}, which makes the quoted string before it a credential. */
    static boolean isPlainTextFlag(String text, int nameStart, int nameEnd) {
        return nameEnd - nameStart == 11 && TokenAlphabet.regionMatchesIgnoreCase(text, nameStart, "AsPlainText");
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
