package dev.caravan.guardrails.pii;

import java.math.BigInteger;

/** Builds checksum-valid test values at run time, so no realistic-looking identifier sits in the source. */
final class PiiFixtures {
    private PiiFixtures() {}

    /** The payload with the Luhn check digit appended. */
    static String withLuhnDigit(String payload) {
        for (char d = '0'; d <= '9'; d++) {
            String candidate = payload + d;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no Luhn digit");
    }

    /** The payload with a Luhn digit that fails, for look-alikes. */
    static String withWrongLuhnDigit(String payload) {
        String valid = withLuhnDigit(payload);
        char last = valid.charAt(valid.length() - 1);
        return payload + (char) ('0' + (last - '0' + 1) % 10);
    }

    /** The eleven digits with the Verhoeff check digit appended. */
    static String withVerhoeffDigit(String payload) {
        for (char d = '0'; d <= '9'; d++) {
            if (Verhoeff.isValid(payload + d)) {
                return payload + d;
            }
        }
        throw new IllegalStateException("no Verhoeff digit");
    }

    /** An IBAN for the country and BBAN with correct ISO 13616 check digits. */
    static String iban(String country, String bban) {
        String rearranged = bban + country + "00";
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98
                - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + (check < 10 ? "0" : "") + check + bban;
    }

    /** Groups a compact value in fours, as IBANs and cards are usually printed. */
    static String inFours(String compact, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < compact.length(); i += 4) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(compact, i, Math.min(compact.length(), i + 4));
        }
        return sb.toString();
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
