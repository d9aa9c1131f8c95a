package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.secrets.SecretKeyNames.Kind;

/**
 * Where a credential flag begins whose value a stream is still writing ({@code mysql -u root -p }, {@code curl -u
 * "ops:pass wo}), or a quoted password that a later {@code -AsPlainText} would turn into a finding.
 */
final class OpenFlags {
    private static final String PLAIN_TEXT = "AsPlainText";
    /** Each quote character's bit, and line ends, so that the walk back over a line costs one look-up a char. */
    private static final byte[] KINDS = new byte[128];

    private static final int ALL_QUOTES = 7;
    private static final int LINE_END = 8;

    static {
        KINDS['"'] = 1;
        KINDS['\''] = 2;
        KINDS['`'] = 4;
        KINDS['\n'] = LINE_END;
        KINDS['\r'] = LINE_END;
    }

    private OpenFlags() {}

    /** The start of the flag or quoted password that more text could still make a finding, else the length. */
    static int holdFrom(String text) {
        int n = text.length();
        int hold = flagBefore(text, AssignedValue.trailingStart(text));
        return Math.min(Math.min(hold, quotedUserBefore(text)), plainTextBefore(text));
    }

    /**
     * The dash of {@code -u} or {@code --user} whose quoted {@code user:password} is still open: unlike other values it
     * may hold spaces, so the last quote of each kind on the line is looked at, once a user flag is in sight.
     */
    private static int quotedUserBefore(String text) {
        int n = text.length();
        int hold = n;
        if (text.indexOf("-u", Math.max(0, n - 3 * AssignedValue.MAX_LENGTH)) < 0) {
            return hold;
        }
        int seen = 0;
        for (int i = n - 1; i >= 0 && n - i <= AssignedValue.MAX_LENGTH && seen != ALL_QUOTES; i--) {
            char c = text.charAt(i);
            int kind = c < 128 ? KINDS[c] : 0;
            if (kind == LINE_END) {
                break;
            }
            if ((seen & kind) == 0 && kind != 0) {
                seen |= kind;
                hold = Math.min(hold, flagBefore(text, i + 1));
                int user = userBefore(text, i);
                if (user >= 0) {
                    hold = Math.min(hold, flagBefore(text, user));
                }
            }
        }
        return hold;
    }

    /** The dash of a flag that takes a credential and whose value would begin at {@code value}, else the length. */
    private static int flagBefore(String text, int value) {
        int n = text.length();
        int i = value;
        if (i > 0 && AssignedValue.isQuote(text.charAt(i - 1))) {
            i--;
        }
        int blanks = 0;
        while (i > 0 && blanks <= AssignedValue.MAX_BLANKS && AssignedValue.isBlank(text.charAt(i - 1))) {
            i--;
            blanks++;
        }
        int nameEnd;
        if (i > 0 && text.charAt(i - 1) == '=' && blanks <= AssignedValue.MAX_BLANKS) {
            nameEnd = i - 1;
        } else if (blanks > 0 && text.charAt(i) == ' ') {
            nameEnd = i;
        } else {
            return n;
        }
        int dash = nameEnd;
        while (dash > 0 && nameEnd - dash <= CommandLineCredentials.MAX_FLAG + 2 && isFlagChar(text.charAt(dash - 1))) {
            dash--;
        }
        if (dash == nameEnd
                || text.charAt(dash) != '-'
                || (dash > 0 && !CommandLineCredentials.canFollow(text.charAt(dash - 1)))) {
            return n;
        }
        int nameStart = text.charAt(dash + 1) == '-' ? dash + 2 : dash + 1;
        if (nameStart >= nameEnd
                || nameEnd - nameStart > CommandLineCredentials.MAX_FLAG
                || !Character.isLetter(text.charAt(nameStart))
                || CommandLineCredentials.gluesPassword(text, dash, nameStart, nameEnd)
                || CommandLineCredentials.isPlainTextFlag(text, nameStart, nameEnd)) {
            return n;
        }
        return takesCredential(text, nameStart, nameEnd) ? dash : n;
    }

    private static boolean takesCredential(String text, int nameStart, int nameEnd) {
        return CommandLineCredentials.isUserFlag(text, nameStart, nameEnd)
                || CommandLineCredentials.isShortPasswordFlag(text, nameStart, nameEnd)
                || (SecretKeyNames.mayNameSecret(text, nameStart, nameEnd)
                        && SecretKeyNames.classifyHinted(text, nameStart, nameEnd) != Kind.NONE);
    }

    /** {@code -u ops:'pass word'}: the start of the bare {@code user:} written just before the quote, else -1. */
    private static int userBefore(String text, int quote) {
        int colon = quote - 1;
        if (colon < 1 || text.charAt(colon) != ':') {
            return -1;
        }
        int start = colon;
        while (start > 0
                && quote - start < AssignedValue.MAX_LENGTH
                && !AssignedValue.isDelimiter(text.charAt(start - 1))) {
            start--;
        }
        return start < colon ? start : -1;
    }

    /** A quoted password at the end, followed by at most spaces and part of {@code -AsPlainText}; else the length. */
    private static int plainTextBefore(String text) {
        int n = text.length();
        int i = n;
        while (i > 0 && n - i < PLAIN_TEXT.length() && Character.isLetter(text.charAt(i - 1))) {
            i--;
        }
        if (i < n && !PLAIN_TEXT.regionMatches(true, 0, text, i, n - i)) {
            return n;
        }
        int dashes = 0;
        while (i > 0 && dashes < 2 && text.charAt(i - 1) == '-') {
            i--;
            dashes++;
        }
        if (dashes == 0 && i < n) {
            return n;
        }
        while (i > 0 && text.charAt(i - 1) == ' ') {
            i--;
        }
        int open = CommandLineCredentials.openingQuote(text, i - 1);
        if (open < 0 || CommandLineCredentials.plainTextPassword(text, open + 1, i - 1) <= 0) {
            return n;
        }
        return open + 1;
    }

    private static boolean isFlagChar(char c) {
        return TokenAlphabet.isAlnum(c) || c == '-';
    }
}
