package dev.caravan.guardrails.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a number written the national way is a valid phone number of any of the regions most callers live in, by
 * libphonenumber's metadata: each region's national (trunk) prefix is stripped and the rest checked against the
 * region's number plan without parsing the text again.
 */
final class NationalNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** The regions tried, by population and traffic; every one of them is in libphonenumber's metadata. */
    private static final List<String> REGIONS = List.of(
            "US", "IN", "CN", "BR", "ID", "PK", "NG", "BD", "RU", "MX", "JP", "PH", "EG", "VN", "TR", "IR", "DE", "TH",
            "GB", "FR", "IT", "ZA", "KE", "KR", "CO", "ES", "AR", "UA", "PL", "CA", "MA", "SA", "PE", "MY", "AU", "TW",
            "NL", "CL", "RO", "BE", "CZ", "SE", "PT", "GR", "HU", "IL", "AT", "CH", "DK", "FI", "NO", "SG", "HK", "NZ",
            "IE", "AE");

    /**
     * Regions whose national numbers libphonenumber rewrites before reading them (its metadata's national prefix
     * transform rule): Argentina's mobiles dialled with "15" after the area code.
     */
    private static final java.util.Set<String> REWRITTEN = java.util.Set.of("AR");

    /**
     * One region's plan; {@code transforms} when its metadata rewrites national numbers before they are read, as
     * Argentina turns a mobile dialled "0 11 15 2397-4668" into "9 11 2397-4668".
     */
    private record Plan(String region, int countryCode, String trunk, boolean transforms) {}

    private static final List<Plan> PLANS = plans();

    private NationalNumbers() {}

    private static List<Plan> plans() {
        List<Plan> plans = new ArrayList<>(REGIONS.size());
        for (String region : REGIONS) {
            String trunk = UTIL.getNddPrefixForRegion(region, true);
            boolean transforms = REWRITTEN.contains(region);
            plans.add(new Plan(region, UTIL.getCountryCodeForRegion(region), trunk == null ? "" : trunk, transforms));
        }
        return List.copyOf(plans);
    }

    /** True when {@code digits} (the number's digits only) is a valid national number of one of the regions. */
    static boolean validSomewhere(String digits) {
        for (Plan p : PLANS) {
            String national = p.trunk().isEmpty() || !digits.startsWith(p.trunk())
                    ? digits
                    : digits.substring(p.trunk().length());
            int n = national.length();
            if (n < 4 || n > 17) {
                continue;
            }
            PhoneNumber number =
                    new PhoneNumber().setCountryCode(p.countryCode()).setNationalNumber(Long.parseLong(national));
            int zeros = leadingZeros(national);
            if (zeros > 0) {
                number.setItalianLeadingZero(true).setNumberOfLeadingZeros(zeros);
            }
            if (UTIL.isValidNumberForRegion(number, p.region())
                    || p.transforms() && validTransformed(digits, p.region())) {
                return true;
            }
        }
        return false;
    }

    /** The region's own reading of the national digits, its prefix transform rule applied. */
    private static boolean validTransformed(String digits, String region) {
        try {
            return UTIL.isValidNumberForRegion(UTIL.parse(digits, region), region);
        } catch (NumberParseException notANumber) {
            return false;
        }
    }

    /** True when {@code digits}, a country code and national number dialled after "00", is a valid number. */
    static boolean validInternational(String digits) {
        if (digits.length() < 8 || digits.length() > 15) {
            return false;
        }
        try {
            return UTIL.isValidNumber(UTIL.parse("+" + digits, "ZZ"));
        } catch (NumberParseException notANumber) {
            return false;
        }
    }

    private static int leadingZeros(String s) {
        int k = 0;
        while (k < s.length() - 1 && s.charAt(k) == '0') {
            k++;
        }
        return k;
    }
}
