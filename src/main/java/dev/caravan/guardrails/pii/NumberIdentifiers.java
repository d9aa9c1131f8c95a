package dev.caravan.guardrails.pii;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import java.util.List;

/** Finds card numbers, Aadhaar numbers and US SSNs among the digit groups of one run. */
final class NumberIdentifiers {
    private static final int MAX_CARD_DIGITS = 19;
    private static final int MIN_CARD_DIGITS = 13;
    private static final int SSN_DIGITS = 9;

    private static final ContextWords CARD_CUES = new ContextWords(
            48,
            24,
            "card",
            "credit",
            "debit",
            "visa",
            "mastercard",
            "amex",
            "cc",
            "payment",
            "karte",
            "carte",
            "tarjeta");
    private static final ContextWords AADHAAR_CUES =
            new ContextWords(48, 24, "aadhaar", "aadhar", "adhaar", "uid", "uidai", "आधार", "kyc", "e-kyc");
    private static final ContextWords SSN_CUES = new ContextWords(
            48,
            24,
            "ssn",
            "social security",
            "social-security",
            "soc sec",
            "ss#",
            "ss #",
            "taxpayer",
            "itin",
            "w-2",
            "w2",
            "w-4",
            "i-9");

    private NumberIdentifiers() {}

    /** Adds findings for the run; returns true when any was added, so the run is not also read as a phone. */
    static boolean find(String text, DigitGroups g, List<Finding> out) {
        if (g.totalDigits < SSN_DIGITS) {
            return false;
        }
        boolean found = false;
        int k = 0;
        while (k < g.count) {
            int used = g.totalDigits >= MIN_CARD_DIGITS ? card(text, g, k, out) : -1;
            if (used < 0) {
                used = aadhaar(text, g, k, out);
            }
            if (used < 0) {
                used = ssn(text, g, k, out);
            }
            if (used >= 0) {
                found = true;
                k = used + 1;
            } else {
                k++;
            }
        }
        return found;
    }

    /** Tries the longest card-length window starting at group {@code from}; returns its last group, or -1. */
    private static int card(String text, DigitGroups g, int from, List<Finding> out) {
        int last = -1;
        int digits = 0;
        for (int k = from; k < g.count; k++) {
            if (k > from && (g.length(k) < 3 || g.length(from) < 3 || !g.uniformlyJoined(from, k))) {
                break;
            }
            digits += g.length(k);
            if (digits > MAX_CARD_DIGITS) {
                break;
            }
            if (digits >= MIN_CARD_DIGITS) {
                last = k;
            }
        }
        for (int to = last; to >= from && last >= 0; to--) {
            int d = g.digits(from, to);
            if (d < MIN_CARD_DIGITS) {
                break;
            }
            if (g.standsAlone(from, to) && PaymentCards.isCardNumber(g.digitString(text, from, to))) {
                int s = g.groupStart[from];
                int e = g.groupEnd[to];
                out.add(new Finding(s, e, Category.PII_CARD, CARD_CUES.near(text, s, e) ? 0.97 : 0.92));
                return to;
            }
        }
        return -1;
    }

    private static int aadhaar(String text, DigitGroups g, int from, List<Finding> out) {
        int to;
        if (g.length(from) == 12) {
            to = from;
        } else if (from + 2 < g.count && g.length(from) == 4 && g.length(from + 1) == 4 && g.length(from + 2) == 4) {
            to = from + 2;
        } else {
            return -1;
        }
        if (!g.uniformlyJoined(from, to) || !g.standsAlone(from, to)) {
            return -1;
        }
        char lead = text.charAt(g.groupStart[from]);
        String digits = g.digitString(text, from, to);
        if (lead < '2' || !Verhoeff.isValid(digits)) {
            return -1;
        }
        int s = g.groupStart[from];
        int e = g.groupEnd[to];
        double score;
        if (AADHAAR_CUES.near(text, s, e)) {
            score = 0.95;
        } else {
            // One random 12-digit number in ten passes Verhoeff, so without a cue only the grouped form is suggestive.
            score = to > from ? 0.7 : 0.4;
        }
        out.add(new Finding(s, e, Category.PII_AADHAAR, score));
        return to;
    }

    private static int ssn(String text, DigitGroups g, int from, List<Finding> out) {
        boolean grouped =
                from + 2 < g.count && g.length(from) == 3 && g.length(from + 1) == 2 && g.length(from + 2) == 4;
        boolean bare = g.length(from) == 9;
        if (!grouped && !bare) {
            return -1;
        }
        int to = grouped ? from + 2 : from;
        if (!g.uniformlyJoined(from, to) || !g.standsAlone(from, to)) {
            return -1;
        }
        if (!validSsn(g.digitString(text, from, to))) {
            return -1;
        }
        int s = g.groupStart[from];
        int e = g.groupEnd[to];
        boolean cue = SSN_CUES.near(text, s, e);
        if (bare && !cue) {
            return -1;
        }
        double score;
        if (cue) {
            score = 0.95;
        } else {
            score = g.separator[from + 1] == DigitGroups.HYPHEN ? 0.65 : 0.55;
        }
        out.add(new Finding(s, e, Category.PII_SSN, score));
        return to;
    }

    /** The SSA's rules: no area 000, 666 or 900-999, no group 00, no serial 0000. */
    static boolean validSsn(String nine) {
        int area = Integer.parseInt(nine, 0, 3, 10);
        int group = Integer.parseInt(nine, 3, 5, 10);
        int serial = Integer.parseInt(nine, 5, 9, 10);
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }
}
