package dev.caravan.guardrails.pii;

import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/** Decides whether a digit string is a payment card number: a known issuer's prefix and length, and Luhn-valid. */
final class PaymentCards {
    private PaymentCards() {}

    static boolean isCardNumber(String digits) {
        return issued(digits) && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits);
    }

    /** Issuer identification ranges of the networks in common use (ISO/IEC 7812 prefixes as networks publish them). */
    static boolean issued(String d) {
        int len = d.length();
        if (len < 13 || len > 19) {
            return false;
        }
        int p2 = prefix(d, 2);
        int p3 = prefix(d, 3);
        int p4 = prefix(d, 4);
        return switch (d.charAt(0)) {
            case '1' -> p4 == 1800 && len == 15; // JCB's older 15-digit range
            case '2' ->
                (p4 >= 2221 && p4 <= 2720 && len == 16) // Mastercard 2-series
                        || (p4 >= 2200 && p4 <= 2204 && len >= 16) // Mir
                        || (p4 == 2131 && len == 15); // JCB
            case '3' ->
                ((p2 == 34 || p2 == 37) && len == 15) // American Express
                        || ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39)
                                && len >= 14 // Diners
                        || (p2 == 35 && len >= 16); // JCB (3528-3589) and RuPay-JCB (353, 356)
            case '4' -> len == 13 || len >= 16; // Visa
            case '5' ->
                (p2 >= 51 && p2 <= 55 && len == 16) // Mastercard
                        || (p3 == 508 && len == 16) // RuPay
                        || ((p2 == 50 || (p2 >= 56 && p2 <= 58)) && len >= 13); // Maestro
            case '6' -> true; // Discover (6011, 644-649, 65), UnionPay (62), RuPay (60, 65), Maestro (6x)
            case '8' -> (p2 == 81 || p2 == 82) && len >= 16; // UnionPay 81, RuPay 81/82
            case '9' -> p4 == 9792 && len == 16; // Troy
            default -> false;
        };
    }

    private static int prefix(String d, int n) {
        return Integer.parseInt(d, 0, n, 10);
    }
}
