package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.secrets.SecretKeyNames.Kind;

/**
 * Scores a value assigned to a secret-sounding name: 0 for references, templates, placeholders, masks and weak
 * dummies, 0.5 to 0.8 for values random enough to be a real password or token, more for known value shapes.
 */
final class AssignedValues {
    static final int MIN_LENGTH = 8;

    private AssignedValues() {}

    static double score(String text, int from, int to, Kind kind, boolean quoted) {
        int length = to - from;
        // all pure tests, so their order only matters for speed: the costly dummy-value test comes last
        if (kind == Kind.NONE
                || length < MIN_LENGTH
                || isReference(text, from, to, quoted)
                || ProviderTokens.hasKnownPrefix(text, from)
                || isWordy(text, from, to)
                || !ValueShape.looksGenuine(text, from, to)) {
            return 0;
        }
        ValueShape shape = ValueShape.of(text, from, to);
        if (shape.hasSpace() || shape.digitsOnly() || isUuid(text, from, to)) {
            return 0;
        }
        return switch (kind) {
            case PASSWORD -> password(shape);
            case AWS_SECRET -> length == 40 && shape.classes() >= 3 ? 0.92 : token(shape);
            case STORAGE_ACCOUNT_KEY -> length >= 86 && text.startsWith("==", to - 2) ? 0.95 : token(shape);
            case SECRET -> token(shape);
            case LOOSE_KEY -> shape.length() >= 20 && shape.classes() >= 2 && shape.entropy() >= 3.5 ? 0.6 : 0;
            case NONE -> 0;
        };
    }

    static double password(ValueShape shape) {
        if (shape.classes() >= 3) {
            return shape.length() >= 12 ? 0.8 : 0.72;
        }
        if (shape.classes() == 2 && shape.length() >= 12 && shape.entropy() >= 3.2) {
            return 0.65;
        }
        return 0;
    }

    private static double token(ValueShape shape) {
        if (shape.length() < 12 || shape.classes() < 2 || shape.entropy() < 3.0) {
            return 0;
        }
        if (shape.hexOnly()) {
            return shape.length() >= 16 ? 0.6 : 0;
        }
        return shape.length() >= 20 && shape.classes() >= 3 && shape.entropy() >= 4.0 ? 0.8 : 0.7;
    }

    /** Environment references, template slots, code expressions and names of other variables. */
    static boolean isReference(String text, int from, int to, boolean quoted) {
        char first = text.charAt(from);
        if ("$%{<[(@!*&#\\".indexOf(first) >= 0) {
            return true;
        }
        if (quoted) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                return true;
            }
        }
        return isDottedName(text, from, to) || isConstantName(text, from, to);
    }

    /** {@code process.env.KEY}, {@code settings.SECRET_KEY}: word-like segments joined by dots. */
    private static boolean isDottedName(String text, int from, int to) {
        int dots = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
                if (i == from || i == to - 1 || !Character.isLetter(text.charAt(i + 1))) {
                    return false;
                }
            } else if (TokenAlphabet.isDigit(c)) {
                digits++;
            } else if (!Character.isLetter(c) && c != '_') {
                return false;
            }
        }
        return dots > 0 && digits <= 2;
    }

    /** {@code GITHUB_TOKEN}: an upper-case constant naming where the value lives. */
    private static boolean isConstantName(String text, int from, int to) {
        boolean underscore = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '_') {
                underscore = true;
            } else if (!(c >= 'A' && c <= 'Z') && !TokenAlphabet.isDigit(c)) {
                return false;
            }
        }
        return underscore;
    }

    /**
     * Letters and separators without digits and with few case humps: {@code client_secret_value},
     * {@code ClientSecretValue}, {@code correct-horse-battery}. Names and phrases, not generated secrets.
     */
    private static boolean isWordy(String text, int from, int to) {
        int letters = 0;
        int humps = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (TokenAlphabet.isDigit(c)) {
                return false;
            }
            if (Character.isLetter(c)) {
                letters++;
                if (i > from && Character.isUpperCase(c) && Character.isLowerCase(text.charAt(i - 1))) {
                    humps++;
                }
            }
        }
        return humps * 5 < letters;
    }

    private static boolean isUuid(String text, int from, int to) {
        if (to - from != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !TokenAlphabet.HEX.accepts(c)) {
                return false;
            }
        }
        return true;
    }
}
