package dev.caravan.guardrails.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Finds phone numbers in one digit run: cheap shape rules discard dates, decimals, grouped quantities and codes, and
 * only the survivors are handed to libphonenumber, which is slow.
 */
final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Regions whose national format starts with a trunk 0, most common in our traffic first. */
    private static final List<String> TRUNK_ZERO_REGIONS =
            List.of("GB", "DE", "FR", "AU", "IN", "JP", "BR", "IT", "AT", "BE", "CH", "NL");
    /** Regions written without a trunk prefix: NANP (US, CA), Indian mobiles, Brazilian "(DD) NNNN-NNNN". */
    private static final List<String> AREA_CODE_REGIONS = List.of("US", "IN", "BR");

    /** Words that name a phone outright; they outweigh any sign that the number is a code. */
    private static final ContextWords PHONE_CUES = new ContextWords(
            40,
            16,
            "phone",
            "tel$",
            "tél$",
            "telephone",
            "telf",
            "mobile",
            "mob$",
            "ph$",
            "tlf",
            "tfno",
            "cel$",
            "celular",
            "móvil",
            "movil",
            "telefone",
            "telefono",
            "teléfono",
            "mobil",
            "cell",
            "call",
            "ring",
            "text me",
            "sms",
            "whatsapp",
            "signal",
            "fax",
            "dial",
            "nummer",
            "numéro",
            "numero",
            "appel",
            "handy",
            "anruf",
            "telefon",
            "téléphone",
            "फ़ोन",
            "फोन",
            "मोबाइल",
            "hotline",
            "helpline",
            "landline",
            "voicemail",
            "contact number",
            "contact no",
            "my number",
            "our number",
            "your number",
            "support line",
            "direct line",
            "service line");
    /** Words that often precede a phone but also other numbers. */
    private static final ContextWords CONTACT_CUES =
            new ContextWords(40, 16, "contact", "reach", "desk", "office", "answering", "messages");
    /** Words that label a postal code in the languages our callers write most. */
    private static final ContextWords POSTAL_WORDS = new ContextWords(
            16,
            0,
            "zip",
            "postal",
            "postcode",
            "cep$",
            "plz$",
            "postleitzahl",
            "código postal",
            "codigo postal",
            "code postal",
            "pincode");
    /** "number" says phone only when nothing but a determiner or a phone-number adjective qualifies it. */
    private static final ContextWords NUMBER_WORD = new ContextWords(40, 16, "number$");
    /** The words that qualify a phone number, not another kind: "this number", "my new number", "home number". */
    private static final List<String> NUMBER_QUALIFIERS = List.of(
            "the",
            "a",
            "this",
            "that",
            "my",
            "your",
            "our",
            "his",
            "her",
            "their",
            "its",
            "which",
            "what",
            "new",
            "old",
            "same",
            "other",
            "another",
            "best",
            "main",
            "right",
            "correct",
            "wrong",
            "home",
            "work",
            "private",
            "personal",
            "direct",
            "emergency",
            "backup",
            "alternative",
            "alternate",
            "daytime",
            "evening",
            "toll-free",
            "free",
            "local",
            "international",
            "public",
            "general",
            "switchboard",
            "landline",
            "office",
            "contact");

    private static final ContextWords NOT_PHONE_CUES = new ContextWords(
            24,
            0,
            "order",
            "invoice",
            "ref$",
            "reference",
            "id$",
            "ids$",
            "build",
            "version",
            "ver$",
            "ticket",
            "tracking",
            "serial",
            "isbn",
            "sku",
            "part",
            "product",
            "lot$",
            "batch",
            "case",
            "docket",
            "account",
            "acct",
            "item",
            "model",
            "patch",
            "catalog",
            "booking",
            "pnr",
            "roll",
            "receipt",
            "transaction",
            "txn",
            "policy",
            "claim",
            "container",
            "commit",
            "release",
            "issue",
            "bug",
            "job",
            "zip",
            "postcode",
            "postal",
            "route",
            "routing",
            "flight",
            "page",
            "company",
            "registration",
            "reg$",
            "vat",
            "tax",
            "lottery",
            "numbers$",
            "winning",
            "draw",
            "score",
            "po$",
            "voucher",
            "coupon",
            "promo",
            "gift",
            "member",
            "loyalty",
            "licence",
            "license",
            "permit",
            "imei",
            "asset",
            "shipment",
            "parcel",
            "consignment",
            "waybill",
            "student",
            "employee",
            "patient",
            "mrn$",
            "nhs",
            "s/n",
            "sn$",
            "p/n",
            "pn$",
            "issn",
            "ean$",
            "upc$",
            "gtin",
            "barcode",
            "firmware",
            "fw$",
            "rev$",
            "revision",
            "awb$",
            "fedex",
            "usps",
            "dhl$",
            "code",
            "passcode",
            "pin$",
            "otp$",
            "badge",
            "size$",
            "offset",
            "length",
            "count$",
            "total$",
            // the same ids in the languages our callers write most: order, invoice, customer number
            "bestell",
            "auftrag",
            "rechnung",
            "kundennummer",
            "kundennr",
            "commande",
            "facture",
            "pedido",
            "factura",
            "fatura",
            "fattura",
            "ordine",
            "bestelling",
            "factuur",
            "klantnummer",
            "zamówieni",
            "faktura",
            "sipariş");

    private static final int[] NANP = {3, 3, 4};
    private static final int[] NANP_WITH_ONE = {1, 3, 3, 4};
    private static final int[] INDIAN_MOBILE = {5, 5};
    private static final int MIN_DIGITS = 7;
    private static final int MAX_NATIONAL_DIGITS = 12;
    private static final int MAX_INTERNATIONAL_DIGITS = 15;
    private static final int MAX_EXTENSION_DIGITS = 6;

    private PhoneNumbers() {}

    /** How many libphonenumber look-ups a scan may make, so adversarial input full of candidates stays fast. */
    static final class Budget {
        private int left;

        Budget(int textLength) {
            left = 16 + textLength / 65536;
        }

        boolean take() {
            return left-- > 0;
        }

        boolean spent() {
            return left <= 0;
        }
    }

    static void find(String text, DigitGroups g, Budget budget, List<Finding> out) {
        int digits = g.digits(0, g.count - 1);
        boolean plus = text.charAt(g.start) == '+';
        boolean dialledOut = !plus && text.startsWith("00", g.groupStart[0]);
        int most = plus
                ? MAX_INTERNATIONAL_DIGITS
                : dialledOut ? MAX_INTERNATIONAL_DIGITS + 2 : argentineMobile(text, g) ? 13 : MAX_NATIONAL_DIGITS;
        if (digits < MIN_DIGITS || digits > most) {
            return;
        }
        boolean trunk = text.charAt(g.groupStart[0]) == '0';
        if (!plus && notAPhoneShape(text, g, trunk)) {
            return;
        }
        if (!plus && thousands(text, g) && !(phoneSized(g, digits) && namedOrReached(text, g))) {
            return; // nine or more digits grouped in threes are still a phone when a word says so
        }
        List<String> regions;
        if (plus) {
            regions = List.of("ZZ");
        } else if (trunk && argentineMobile(text, g)) {
            regions = List.of("AR");
        } else if (trunk) {
            regions = TRUNK_ZERO_REGIONS;
        } else if (areaCodeGrouping(text, g, digits)) {
            regions = AREA_CODE_REGIONS;
        } else {
            regions = List.of();
        }
        if (g.end + 1 < text.length() && text.charAt(g.end) == ':' && !Character.isWhitespace(text.charAt(g.end + 1))) {
            return; // "8861862119:AA..." is a token, "12:30" a time
        }
        int end = extensionEnd(text, g.end);
        boolean bare = !plus && g.count == 1;
        if (budget.spent()) {
            // Past the budget the shape alone decides, at a score that says it was not validated.
            if (!bare && !regions.isEmpty() && digits <= MAX_NATIONAL_DIGITS && !partOfCode(text, g)) {
                out.add(new Finding(g.start, end, Category.PII_PHONE, 0.5));
            }
            return;
        }
        if (!plus && partOfCode(text, g)) {
            return;
        }
        boolean named = phoneWordNames(text, g.start, end) && !idWordBetween(text, g.start);
        if (!named
                && (NOT_PHONE_CUES.nearOnLine(text, g.start, end) || glossedAsId(text, end) || postalCode(text, g))) {
            return;
        }
        if (!plus && (!named && numberSign(text, g.start) || datedId(text, g, named))) {
            return;
        }
        boolean cue = named || contactWordNear(text, g.start, end);
        if (bare && !named) {
            // A bare digit string is as likely an id or a quantity: "the number 4294967296", "reach 5120940 users",
            // "contact 4155550132 in the CRM". Only a phone word ("call", "mobile", "contact number", ...) says phone.
            return;
        }
        boolean areaCode = text.charAt(g.start) == '(' && g.count > 1;
        if (regions.isEmpty() && !cue && !areaCode) {
            return; // without a trunk prefix, a bracketed area code or a familiar grouping only a cue word says phone
        }
        if (!cue && rangeOrList(text, g.start, g.end)) {
            return;
        }
        String all = g.digitString(text, 0, g.count - 1);
        if (dialledOut && budget.take() && NationalNumbers.validInternational(all.substring(2))) {
            // "0044 20 7946 0123": the international call prefix most countries dial instead of '+'
            out.add(new Finding(g.start, end, Category.PII_PHONE, 0.95));
            return;
        }
        String candidate = text.substring(g.start, end);
        for (String region : regions) {
            if (!budget.take()) {
                return;
            }
            PhoneNumberMatch m = first(candidate, region, Leniency.VALID);
            if (m != null) {
                out.add(new Finding(g.start + m.start(), g.start + m.end(), Category.PII_PHONE, score(plus, cue)));
                return;
            }
        }
        if (plus) {
            if (budget.take()) {
                PhoneNumberMatch m = first(candidate, "ZZ", Leniency.POSSIBLE);
                if (m != null) {
                    out.add(new Finding(g.start + m.start(), g.start + m.end(), Category.PII_PHONE, 0.7));
                }
            }
            return;
        }
        if ((cue || areaCode) && budget.take() && NationalNumbers.validSomewhere(all)) {
            out.add(new Finding(g.start, g.end, Category.PII_PHONE, score(false, cue)));
        }
    }

    /**
     * A phone word before the number names it; after it, only behind a sign ("0412 491 768 (mobile)", "… - call after
     * 5"). Written straight after the number, with nothing but spaces between, the word is what the number counts or
     * qualifies: "230 calls", "the 5800/5850 call spread", "12 texts".
     */
    static boolean phoneWordNames(String text, int start, int end) {
        if (PHONE_CUES.before(text, start)) {
            return true;
        }
        int after = PHONE_CUES.firstAfter(text, end);
        if (after < 0) {
            return false;
        }
        for (int i = end; i < after; i++) {
            if (text.charAt(i) != ' ') {
                return true;
            }
        }
        return false;
    }

    /**
     * A contact word near the number, or "number" with nothing but a determiner or a phone-number adjective before
     * it ("Number:", "this number", "my new number", "home number"): "our D-U-N-S number", "exam roll number" name
     * another kind of number, whatever the noun.
     */
    private static boolean contactWordNear(String text, int start, int end) {
        if (CONTACT_CUES.near(text, start, end)) {
            return true;
        }
        int at = NUMBER_WORD.lastBefore(text, start, false);
        if (at < 0) {
            at = NUMBER_WORD.firstAfter(text, end);
        }
        return at >= 0 && plainNumberWord(text, at);
    }

    /** The word before "number" at {@code at}, past one space on its line, is absent or a phone-number qualifier. */
    static boolean plainNumberWord(String text, int at) {
        int e = at > 0 && text.charAt(at - 1) == ' ' ? at - 1 : at;
        int b = e;
        while (b > 0 && (Character.isLetterOrDigit(text.charAt(b - 1)) || text.charAt(b - 1) == '-')) {
            b--;
        }
        // "Number:", "(number …", "phone/number": no word qualifies it
        return b == e || NUMBER_QUALIFIERS.contains(text.substring(b, e).toLowerCase(Locale.ROOT));
    }

    private static final List<String> NUMBER_NOUNS = List.of("number", "no", "nr", "num", "id", "#");

    /**
     * "012-345-678 (assessor parcel number)", "4471 2290 (order no.)": a bracketed gloss right after the number that
     * ends in a number noun names it as another kind of number, unless a phone or contact word is in it or only a
     * phone-number qualifier stands before "number" ("(home number)", "(mobile number)").
     */
    static boolean glossedAsId(String text, int end) {
        int open = end < text.length() && text.charAt(end) == ' ' ? end + 1 : end;
        if (open >= text.length() || text.charAt(open) != '(') {
            return false;
        }
        int close = text.indexOf(')', open);
        if (close < 0 || close - open > 40) {
            return false;
        }
        int e = close;
        while (e > open && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == ' ')) {
            e--;
        }
        int b = e;
        while (b > open + 1 && text.charAt(b - 1) != ' ' && text.charAt(b - 1) != '(') {
            b--;
        }
        String noun = text.substring(b, e).toLowerCase(Locale.ROOT);
        if (!NUMBER_NOUNS.contains(noun) || noun.equals("number") && plainNumberWord(text, b)) {
            return false;
        }
        return !PHONE_CUES.in(text, open + 1, close) && !CONTACT_CUES.in(text, open + 1, close);
    }

    /**
     * "Boston, MA 02116-4512", "CEP 01310-100 … SP": five digits, a hyphen and four (a US ZIP+4) or three (a
     * Brazilian CEP) after a two-letter state code or a postal word are a postal code, even with a trunk 0.
     */
    static boolean postalCode(String text, DigitGroups g) {
        if (g.count != 2
                || g.length(0) != 5
                || g.separator[1] != DigitGroups.HYPHEN
                || g.length(1) < 3
                || g.length(1) > 4
                || g.start != g.groupStart[0]) {
            return false;
        }
        int i = g.start;
        if (i < 4 || text.charAt(i - 1) != ' ') {
            return false;
        }
        char a = text.charAt(i - 3);
        char b = text.charAt(i - 2);
        boolean state = a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z' && !Character.isLetterOrDigit(text.charAt(i - 4));
        return state || POSTAL_WORDS.before(text, g.start);
    }

    /**
     * "Mobile app build 2026120701", "phone support ticket no. 2026-118-4471", "call ref 0121 …": an id word labels
     * the number (nothing but signs and "number", "no", "nr" or "is" between them) and stands after the last phone
     * word, so the phone word names something else ("phone numbers" names the number itself; in "ring the patient on
     * …" the id word labels nothing).
     */
    private static boolean idWordBetween(String text, int start) {
        int phone = PHONE_CUES.lastBefore(text, start, false);
        if (phone < 0) {
            return false; // the phone word follows the number: "0412 491 768 (mobile)"
        }
        int id = NOT_PHONE_CUES.lastBefore(text, start, true);
        if (id <= phone) {
            return false;
        }
        int i = phone;
        while (i < id && Character.isLetter(text.charAt(i))) {
            i++;
        }
        boolean wordBetween = false;
        for (; i < id; i++) {
            wordBetween |= Character.isLetter(text.charAt(i));
        }
        // right after the phone word, the id word is what the phone word qualifies ("call ref", "phone serial"),
        // except "numbers", which the phone word's own noun is ("phone numbers: …")
        return (wordBetween || !text.regionMatches(true, id, "numbers", 0, 7)) && labels(text, id, start);
    }

    /**
     * "#20251130-7712", "thread #020 7946 0991": a number sign written hard against the digits numbers an item; a phone is
     * written "Phone #: …" or "Tel # …", so only a phone word before it overrules the sign.
     */
    private static boolean numberSign(String text, int start) {
        return start > 0 && (text.charAt(start - 1) == '#' || text.charAt(start - 1) == '\u2116');
    }

    /**
     * "20251130-7712", "20251130 0412": a first group of eight digits that reads as a date (year 1900-2099, month,
     * day) stamps an id or a time. No plan's numbers are written that way with more groups after; alone, such eight
     * digits are a phone only when a phone word names them.
     */
    private static boolean datedId(String text, DigitGroups g, boolean named) {
        if (g.length(0) != 8 || named && g.count == 1) {
            return false;
        }
        int at = g.groupStart[0];
        int century = twoDigits(text, at);
        int month = twoDigits(text, at + 4);
        int day = twoDigits(text, at + 6);
        return (century == 19 || century == 20) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private static int twoDigits(String text, int at) {
        return (text.charAt(at) - '0') * 10 + text.charAt(at + 1) - '0';
    }

    private static final List<String> LABEL_LINKS = List.of("number", "no", "nr", "is");

    /** Only signs and at most one link word between the word at {@code word} and the number at {@code start}. */
    private static boolean labels(String text, int word, int start) {
        int i = word;
        while (i < start && Character.isLetter(text.charAt(i))) {
            i++;
        }
        boolean linked = false;
        for (; i < start; i++) {
            char c = text.charAt(i);
            if (DigitGroups.isDigit(c)) {
                return false;
            }
            if (Character.isLetter(c)) {
                int e = i;
                while (e < start && Character.isLetter(text.charAt(e))) {
                    e++;
                }
                if (linked || !LABEL_LINKS.contains(text.substring(i, e).toLowerCase(Locale.ROOT))) {
                    return false;
                }
                linked = true;
                i = e - 1;
            }
        }
        return true;
    }

    private static final String[] JOINERS = {"/", "-", "–", "to", "and", "or", "&", ",", "..", "vs", "\r\n", "\n"};

    /**
     * "081 232 680 / 081 232 699", "555-1234 to 555-9999": a number joined to another of the same shape and the same
     * first group is one end of a range or an item of a list of codes; a phone or contact word still names them phones.
     */
    private static boolean rangeOrList(String text, int start, int end) {
        int len = end - start;
        int after = joined(text, end, 1);
        if (after >= 0
                && after + len <= text.length()
                && sameShape(text, start, after, len)
                && (after + len == text.length() || !DigitGroups.isDigit(text.charAt(after + len)))) {
            return true;
        }
        int before = joined(text, start, -1);
        return before >= len
                && sameShape(text, start, before - len, len)
                && (before - len == 0 || !DigitGroups.isDigit(text.charAt(before - len - 1)));
    }

    /** Past spaces, one joiner and spaces from {@code at} in direction {@code step}: where the neighbour begins or ends. */
    private static int joined(String text, int at, int step) {
        int i = spaces(text, at, step);
        for (String j : JOINERS) {
            int from = step > 0 ? i : i - j.length();
            if (from < 0 || from + j.length() > text.length() || !text.startsWith(j, from)) {
                continue;
            }
            int past = step > 0 ? from + j.length() : from;
            int next = spaces(text, past, step);
            if (Character.isLetter(j.charAt(0)) && (next == past || i == at)) {
                continue; // "to" and "and" stand between spaces
            }
            int digitAt = step > 0 ? next : next - 1;
            if (digitAt < 0 || digitAt >= text.length()) {
                return -1;
            }
            char c = text.charAt(digitAt);
            // the next number may open with its bracketed area code or its '+'
            return DigitGroups.isDigit(c) || step > 0 && (c == '(' || c == '+') ? next : -1;
        }
        return -1;
    }

    private static int spaces(String text, int at, int step) {
        int i = at;
        while (step > 0 ? i < text.length() && text.charAt(i) == ' ' : i > 0 && text.charAt(i - 1) == ' ') {
            i += step;
        }
        return i;
    }

    /** Digits where the candidate has digits, the same separators elsewhere, and the same first group. */
    private static boolean sameShape(String text, int start, int other, int len) {
        boolean firstGroup = true;
        for (int k = 0; k < len; k++) {
            char a = text.charAt(start + k);
            char b = text.charAt(other + k);
            boolean digit = DigitGroups.isDigit(a);
            if (digit != DigitGroups.isDigit(b) || !digit && a != b || firstGroup && a != b) {
                return false;
            }
            firstGroup &= digit;
        }
        return true;
    }

    /** "011 15-2397-4668": trunk 0, area code, then Argentina's mobile prefix 15 as a group of its own. */
    private static boolean argentineMobile(String text, DigitGroups g) {
        return g.count >= 3
                && text.charAt(g.groupStart[0]) == '0'
                && g.length(1) == 2
                && text.startsWith("15", g.groupStart[1]);
    }

    private static boolean phoneSized(DigitGroups g, int digits) {
        return g.length(0) == 3 && digits >= 9;
    }

    /**
     * A phone word names the number, or a contact word precedes it and no word counts it: "reach us at 912 383 337."
     * is a phone, "we reached 512 940 274 users" a quantity.
     */
    private static boolean namedOrReached(String text, DigitGroups g) {
        if (phoneWordNames(text, g.start, g.end)) {
            return true;
        }
        int next = g.end < text.length() && text.charAt(g.end) == ' ' ? g.end + 1 : g.end;
        boolean counted = next < text.length() && Character.isLetter(text.charAt(next));
        return !counted && contactWordNear(text, g.start, g.end);
    }

    private static double score(boolean plus, boolean cue) {
        if (plus) {
            return 0.95;
        }
        return cue ? 0.9 : 0.8;
    }

    private static PhoneNumberMatch first(String candidate, String region, Leniency leniency) {
        Iterator<PhoneNumberMatch> it =
                UTIL.findNumbers(candidate, region, leniency, Long.MAX_VALUE).iterator();
        return it.hasNext() ? it.next() : null;
    }

    /**
     * Without a trunk 0 only the groupings these regions write are taken: "(415) 555-0132", "415-555-0132",
     * "1-800-555-0199", "98765 43210", "(11) 91234-5678", "21 2345-6789", or ten or eleven bare digits.
     */
    private static boolean areaCodeGrouping(String text, DigitGroups g, int digits) {
        if (digits != 10 && digits != 11) {
            return false;
        }
        return g.count == 1
                || text.charAt(g.start) == '('
                || grouped(g, NANP)
                || grouped(g, NANP_WITH_ONE)
                || grouped(g, INDIAN_MOBILE)
                || (g.count == 3 && g.length(0) == 2 && g.length(2) == 4);
    }

    private static boolean grouped(DigitGroups g, int[] sizes) {
        if (g.count != sizes.length) {
            return false;
        }
        for (int k = 0; k < sizes.length; k++) {
            if (g.length(k) != sizes[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The digits are the tail or the head of a longer code: the word before them mixes letters and digits ("1Z 999
     * AA1 01 2345 6784", a UPS tracking number), or a one- or two-letter suffix is hyphenated on ("020 7946 0991-A").
     */
    private static boolean partOfCode(String text, DigitGroups g) {
        int i = g.start;
        if (i > 1 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '-')) {
            boolean letter = false;
            boolean digit = false;
            for (int k = i - 2; k >= 0 && k > i - 16 && !(letter && digit); k--) {
                char c = text.charAt(k);
                if (DigitGroups.isDigit(c)) {
                    digit = true;
                } else if (c < 128 && Character.isLetter(c)) {
                    letter = true;
                } else {
                    break;
                }
            }
            if (letter && digit) {
                return true;
            }
        }
        int e = g.end;
        if (e + 1 >= text.length() || text.charAt(e) != '-') {
            return false;
        }
        int k = e + 1;
        while (k < text.length() && k - e <= 3 && Character.isLetter(text.charAt(k))) {
            k++;
        }
        // one or two letters ("-A", "-B2"), not a word ("-Office", "-Fax")
        return k > e + 1 && k - e <= 3 && (k == text.length() || !Character.isLetter(text.charAt(k)));
    }

    /** Dates, decimals, dotted quads, SSN groupings and check-digit tails are never phone numbers. */
    private static boolean notAPhoneShape(String text, DigitGroups g, boolean trunk) {
        int n = g.count;
        if (g.length(n - 1) < 2) {
            return true;
        }
        if (n > 1 && g.length(0) == 1 && g.separator[1] == DigitGroups.DOT && text.charAt(g.groupStart[0]) == '0') {
            return true; // "0.7712 3456" is a decimal
        }
        if (n == 2 && g.separator[1] == DigitGroups.DOT && !(trunk && g.length(0) >= 2)) {
            return true;
        }
        if (n == 3 && g.length(0) == 3 && g.length(1) == 2 && g.length(2) == 4) {
            return true;
        }
        if (n > 1 && g.length(n - 1) == 2 && g.length(n - 2) >= 4) {
            return true; // "0777-4412-07", "0207 9460 99": a two-digit tail after a long group is a check or suffix
        }
        if (n > 1
                && text.charAt(g.groupStart[n - 1] - 1) == '('
                && g.end < text.length()
                && text.charAt(g.end) == ')') {
            return true; // "034102 (2020)": a bracketed last group is a year or a count; area codes are bracketed first
        }
        boolean longer = n >= 4 && sameSeparator(g); // "01-23-45-67-89" or "21-08-18-11" is no date
        for (int k = 0; k + 2 < n && !longer; k++) {
            if (isDate(text, g, k)) {
                return true;
            }
        }
        boolean quadShaped = !trunk && !dottedPhone(g);
        for (int k = 0; k + 3 < n && quadShaped; k++) {
            if (g.separator[k + 1] == DigitGroups.DOT
                    && g.separator[k + 2] == DigitGroups.DOT
                    && g.separator[k + 3] == DigitGroups.DOT
                    && !namedNonAddress(text, g)) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Handy: 12.345.67.89": exactly four dotted groups that no IPv4 address has (a group over 255 or of four digits)
     * are a dotted phone when a phone word names them and no id word is near; a four-part version or firmware stays
     * out.
     */
    private static boolean namedNonAddress(String text, DigitGroups g) {
        if (g.count != 4) {
            return false;
        }
        boolean octets = true;
        for (int k = 0; k < 4 && octets; k++) {
            int len = g.length(k);
            int at = g.groupStart[k];
            octets = len <= 2 || len == 3 && (text.charAt(at) - '0') * 100 + twoDigits(text, at + 1) <= 255;
        }
        return !octets && PHONE_CUES.near(text, g.start, g.end) && !NOT_PHONE_CUES.nearOnLine(text, g.start, g.end);
    }

    /**
     * "8.912.300.28.47": five or more groups with two or more digits after the first; a dotted quad (an IPv4 address,
     * a four-part version) has four groups.
     */
    private static boolean dottedPhone(DigitGroups g) {
        if (g.count < 5) {
            return false;
        }
        for (int k = 1; k < g.count; k++) {
            if (g.length(k) < 2) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameSeparator(DigitGroups g) {
        for (int k = 2; k < g.count; k++) {
            if (g.separator[k] != g.separator[1]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDate(String text, DigitGroups g, int k) {
        char s = g.separator[k + 1];
        boolean slashes = text.charAt(g.groupEnd[k]) == '/' && text.charAt(g.groupEnd[k + 1]) == '/';
        boolean dashesOrDots = s == g.separator[k + 2] && (s == DigitGroups.HYPHEN || s == DigitGroups.DOT);
        if (!slashes && !dashesOrDots) {
            return false;
        }
        int a = g.length(k);
        int b = g.length(k + 1);
        int c = g.length(k + 2);
        boolean yearFirst = a == 4 && b <= 2 && c <= 2;
        boolean yearLast = a <= 2 && b <= 2 && (c == 4 || c == 2);
        return yearFirst || yearLast;
    }

    /** "1 234 567" or "12.500.000": a quantity grouped in thousands, unless a trunk 0 or area code says phone. */
    private static boolean thousands(String text, DigitGroups g) {
        if (g.count < 3 || g.length(0) > 3 || text.charAt(g.start) == '(' || text.charAt(g.groupStart[0]) == '0') {
            return false;
        }
        char s = g.separator[1];
        for (int k = 1; k < g.count; k++) {
            if (g.length(k) != 3 || g.separator[k] != s) {
                return false;
            }
        }
        return true;
    }

    /** The end of an extension such as "x0135", " ext. 12" or " #4" after the number, else {@code end}. */
    private static int extensionEnd(String text, int end) {
        int n = text.length();
        int i = end;
        if (i < n && text.charAt(i) == ' ') {
            i++;
        }
        if (text.startsWith("ext.", i)) {
            i += 4;
        } else if (text.startsWith("ext", i)) {
            i += 3;
        } else if (i < n && (text.charAt(i) == 'x' || text.charAt(i) == '#')) {
            i++;
        } else {
            return end;
        }
        if (i < n && text.charAt(i) == ' ') {
            i++;
        }
        int d = i;
        while (i < n && i - d < MAX_EXTENSION_DIGITS && DigitGroups.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == d || (i < n && Character.isLetterOrDigit(text.charAt(i)))) {
            return end;
        }
        return i;
    }
}
