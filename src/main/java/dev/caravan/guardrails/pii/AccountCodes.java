package dev.caravan.guardrails.pii;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import java.util.List;
import org.apache.commons.validator.routines.IBANValidator;

/** Finds IBANs (compact or grouped by single spaces, mod-97 and country length) and Indian PANs at a word start. */
final class AccountCodes {
    private static final IBANValidator IBAN = IBANValidator.getInstance();
    private static final int PAN_LENGTH = 10;
    private static final String PAN_HOLDER_TYPES = "ABCFGHLJPT";

    private static final ContextWords PAN_CUES = new ContextWords(
            48, 24, "pan", "permanent account", "income tax", "income-tax", "tds", "itr", "kyc", "पैन", "आयकर");

    /** The validator of each two-letter country code, indexed (first - 'A') * 26 + (second - 'A'); null for none. */
    private static final IBANValidator.Validator[] COUNTRIES = new IBANValidator.Validator[26 * 26];

    static {
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                COUNTRIES[(a - 'A') * 26 + (b - 'A')] = IBAN.getValidator(new String(new char[] {a, b}));
            }
        }
    }

    private AccountCodes() {}

    /** Adds an IBAN or PAN starting at the upper-case letter at {@code i}; returns where scanning should resume. */
    static int find(String text, int i, List<Finding> out) {
        int iban = iban(text, i, out);
        if (iban > i) {
            return iban;
        }
        return pan(text, i, out);
    }

    private static int iban(String text, int i, List<Finding> out) {
        int n = text.length();
        if (i + 4 > n
                || !isUpper(text.charAt(i + 1))
                || !DigitGroups.isDigit(text.charAt(i + 2))
                || !DigitGroups.isDigit(text.charAt(i + 3))) {
            return i;
        }
        IBANValidator.Validator country = country(text, i);
        if (country == null) {
            return i;
        }
        int want = country.getIbanLength();
        StringBuilder compact = new StringBuilder(want);
        int j = i;
        while (j < n && compact.length() < want) {
            char c = text.charAt(j);
            if (isUpper(c) || DigitGroups.isDigit(c)) {
                compact.append(c);
                j++;
            } else if (c == ' ' && j > i + 2 && j + 1 < n && isAlnumUpper(text.charAt(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        if (compact.length() != want || (j < n && Character.isLetterOrDigit(text.charAt(j)))) {
            return i;
        }
        if (!IBAN.isValid(compact.toString())) {
            // An IBAN-shaped code with a bad check: its digit groups are not a phone or card either.
            return j;
        }
        out.add(new Finding(i, j, Category.PII_IBAN, 0.95));
        return j;
    }

    /** The length of an IBAN of the country whose code starts at {@code i}, or -1 for no IBAN country. */
    static int ibanLength(String text, int i) {
        IBANValidator.Validator country = country(text, i);
        return country == null ? -1 : country.getIbanLength();
    }

    /** The validator of the country whose code starts at {@code i}, or null when the two chars name none. */
    private static IBANValidator.Validator country(String text, int i) {
        char a = text.charAt(i);
        char b = text.charAt(i + 1);
        return isUpper(a) && isUpper(b) ? COUNTRIES[(a - 'A') * 26 + (b - 'A')] : null;
    }

    private static int pan(String text, int i, List<Finding> out) {
        int e = i + PAN_LENGTH;
        if (e > text.length() || (e < text.length() && Character.isLetterOrDigit(text.charAt(e)))) {
            return i;
        }
        for (int k = 0; k < PAN_LENGTH; k++) {
            char c = text.charAt(i + k);
            boolean ok = k >= 5 && k <= 8 ? DigitGroups.isDigit(c) : isUpper(c);
            if (!ok) {
                return i;
            }
        }
        if (PAN_HOLDER_TYPES.indexOf(text.charAt(i + 3)) < 0) {
            return i;
        }
        out.add(new Finding(i, e, Category.PII_PAN, PAN_CUES.near(text, i, e) ? 0.95 : 0.75));
        return e;
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAlnumUpper(char c) {
        return isUpper(c) || DigitGroups.isDigit(c);
    }
}
