package dev.caravan.guardrails.pii;

/** Where an IBAN begins that a stream is still writing: a country code, check digits and groups ("DE89 3704 00"). */
final class OpenIbans {
    /** At most 34 characters, and a single space may follow any of them from the third on. */
    private static final int MAX_SPAN = 2 * 34 - 3;

    private OpenIbans() {}

    /** The start of the earliest IBAN that the end of the text may still be part of, else the text's length. */
    static int holdFrom(String text) {
        int n = text.length();
        int i = n;
        if (i > 0 && text.charAt(i - 1) == ' ') {
            i--; // the next group may still follow
        }
        int hold = n;
        int compact = 0;
        while (i > 0 && n - i <= MAX_SPAN) {
            char c = text.charAt(i - 1);
            if (isUpperOrDigit(c)) {
                i--;
                compact++;
                if (startsIban(text, i, compact)) {
                    hold = i;
                }
            } else if (c == ' ' && i > 1 && isUpperOrDigit(text.charAt(i - 2))) {
                i--;
            } else {
                break;
            }
        }
        return hold;
    }

    /** Whether an IBAN with {@code compact} characters written so far may begin at the word start {@code i}. */
    private static boolean startsIban(String text, int i, int compact) {
        if (i + 4 > text.length()
                || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))
                || !AccountCodes.isUpper(text.charAt(i))
                || !AccountCodes.isUpper(text.charAt(i + 1))
                || !DigitGroups.isDigit(text.charAt(i + 2))
                || !DigitGroups.isDigit(text.charAt(i + 3))) {
            return false;
        }
        return compact <= AccountCodes.ibanLength(text, i);
    }

    private static boolean isUpperOrDigit(char c) {
        return AccountCodes.isUpper(c) || DigitGroups.isDigit(c);
    }
}
