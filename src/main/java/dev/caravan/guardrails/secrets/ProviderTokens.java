package dev.caravan.guardrails.secrets;

import static dev.caravan.guardrails.secrets.TokenAlphabet.ALNUM;
import static dev.caravan.guardrails.secrets.TokenAlphabet.ALNUM_UNDERSCORE;
import static dev.caravan.guardrails.secrets.TokenAlphabet.BASE64URL;
import static dev.caravan.guardrails.secrets.TokenAlphabet.BASE64URL_DOT;
import static dev.caravan.guardrails.secrets.TokenAlphabet.HEX;
import static dev.caravan.guardrails.secrets.TokenAlphabet.HEX_LOWER;
import static dev.caravan.guardrails.secrets.TokenAlphabet.UPPER_DIGIT;

import dev.caravan.guardrails.secrets.TokenFormat.BodyRule;
import dev.caravan.guardrails.secrets.TokenFormat.Pairing;
import java.util.ArrayList;
import java.util.List;

/** Recognises vendor credentials that start with a fixed prefix, JWTs and Telegram bot tokens at a word start. */
final class ProviderTokens {
    /** Test-mode payment keys still open an account's test data, so they count, but below live keys. */
    static final double TEST_MODE_SCORE = 0.6;

    private static final List<TokenFormat> FORMATS = List.of(
            new TokenFormat("sk-ant-", BASE64URL, 40, 250, 0.97),
            new TokenFormat("sk-proj-", BASE64URL, 40, 300, 0.97),
            new TokenFormat("sk-svcacct-", BASE64URL, 40, 300, 0.97),
            new TokenFormat("sk-admin-", BASE64URL, 40, 300, 0.97),
            new TokenFormat("sk-None-", BASE64URL, 40, 300, 0.97),
            new TokenFormat("sk-or-v1-", HEX_LOWER, 64, 64, 0.97),
            new TokenFormat("sk-", ALNUM, 40, 120, BodyRule.OPENAI_MARKER, 0.97),
            new TokenFormat("sk-", ALNUM, 32, 120, 0.8),
            new TokenFormat("sk_live_", ALNUM, 20, 250, 0.95),
            new TokenFormat("rk_live_", ALNUM, 20, 250, 0.95),
            new TokenFormat("sk_test_", ALNUM, 20, 250, TEST_MODE_SCORE),
            new TokenFormat("rk_test_", ALNUM, 20, 250, TEST_MODE_SCORE),
            new TokenFormat("ghp_", ALNUM, 30, 255, 0.97),
            new TokenFormat("gho_", ALNUM, 30, 255, 0.97),
            new TokenFormat("ghu_", ALNUM, 30, 255, 0.97),
            new TokenFormat("ghs_", ALNUM, 30, 255, 0.97),
            new TokenFormat("ghr_", ALNUM, 30, 255, 0.97),
            new TokenFormat("github_pat_", ALNUM_UNDERSCORE, 40, 255, 0.97),
            new TokenFormat("glpat-", BASE64URL_DOT, 20, 200, 0.95),
            new TokenFormat("gldt-", BASE64URL_DOT, 20, 200, 0.95),
            new TokenFormat("glrt-", BASE64URL_DOT, 20, 200, 0.95),
            new TokenFormat("glptt-", BASE64URL_DOT, 20, 200, 0.95),
            new TokenFormat("glft-", BASE64URL_DOT, 20, 200, 0.95),
            new TokenFormat("glimt-", BASE64URL_DOT, 20, 200, 0.95),
            new TokenFormat("glcbt-", BASE64URL_DOT, 20, 200, 0.95),
            new TokenFormat("glsoat-", BASE64URL_DOT, 20, 200, 0.95),
            new TokenFormat("gloas-", BASE64URL_DOT, 20, 200, 0.95),
            new TokenFormat("glagent-", BASE64URL_DOT, 20, 200, 0.95),
            new TokenFormat("xoxb-", BASE64URL, 20, 250, BodyRule.SLACK_IDS, 0.95),
            new TokenFormat("xoxp-", BASE64URL, 20, 250, BodyRule.SLACK_IDS, 0.95),
            new TokenFormat("xoxa-", BASE64URL, 20, 250, BodyRule.SLACK_IDS, 0.95),
            new TokenFormat("xoxr-", BASE64URL, 20, 250, BodyRule.SLACK_IDS, 0.95),
            new TokenFormat("xoxe-", BASE64URL, 20, 250, BodyRule.SLACK_IDS, 0.95),
            new TokenFormat("xoxs-", BASE64URL, 20, 250, BodyRule.SLACK_IDS, 0.95),
            new TokenFormat("xoxe.xoxp-", BASE64URL, 20, 250, BodyRule.SLACK_IDS, 0.95),
            new TokenFormat("xapp-", BASE64URL, 20, 250, BodyRule.SLACK_IDS, 0.95),
            new TokenFormat("AIza", BASE64URL, 35, 35, 0.92),
            new TokenFormat("SG.", BASE64URL_DOT, 66, 66, BodyRule.SENDGRID_SHAPE, 0.95),
            new TokenFormat("npm_", ALNUM, 36, 36, 0.95),
            new TokenFormat("pypi-AgEIcHlwaS5vcmc", BASE64URL, 30, 400, 0.97),
            new TokenFormat("pypi-AgENdGVzdC5weXBpLm9yZw", BASE64URL, 30, 400, 0.9),
            new TokenFormat("hf_", ALNUM, 30, 40, 0.92),
            new TokenFormat("api_org_", ALNUM, 30, 40, 0.92),
            new TokenFormat("dop_v1_", HEX_LOWER, 64, 64, 0.95),
            new TokenFormat("doo_v1_", HEX_LOWER, 64, 64, 0.95),
            new TokenFormat("dor_v1_", HEX_LOWER, 64, 64, 0.95),
            new TokenFormat("shpat_", HEX, 32, 32, 0.95),
            new TokenFormat("shpss_", HEX, 32, 32, 0.95),
            new TokenFormat("shpca_", HEX, 32, 32, 0.95),
            new TokenFormat("shppa_", HEX, 32, 32, 0.95),
            new TokenFormat("dapi", HEX_LOWER, 32, 32, 0.92),
            new TokenFormat("hvs.", BASE64URL, 24, 400, 0.93),
            new TokenFormat("hvb.", BASE64URL, 24, 400, 0.93),
            new TokenFormat("hvr.", BASE64URL, 24, 400, 0.93),
            new TokenFormat("secret_", ALNUM, 43, 43, 0.9),
            new TokenFormat("ntn_", ALNUM, 40, 50, 0.92),
            new TokenFormat("glsa_", ALNUM_UNDERSCORE, 40, 50, 0.9),
            new TokenFormat("whsec_", ALNUM, 24, 64, 0.9),
            new TokenFormat("GOCSPX-", BASE64URL, 28, 28, 0.93),
            new TokenFormat("sq0atp-", BASE64URL, 22, 22, 0.93),
            new TokenFormat("sq0csp-", BASE64URL, 43, 43, 0.93),
            new TokenFormat("lin_api_", ALNUM, 40, 40, 0.93),
            new TokenFormat("gsk_", ALNUM, 52, 52, 0.93),
            new TokenFormat("xai-", ALNUM, 80, 80, 0.93),
            new TokenFormat("AGE-SECRET-KEY-1", UPPER_DIGIT, 58, 58, 0.97),
            new TokenFormat("SK", HEX_LOWER, 32, 32, 0.9),
            // AI and developer platforms, as their docs and the gitleaks rules describe them
            new TokenFormat("pplx-", ALNUM, 48, 48, 0.93),
            new TokenFormat("r8_", ALNUM, 37, 37, 0.93),
            new TokenFormat("lsv2_pt_", ALNUM_UNDERSCORE, 40, 50, 0.93),
            new TokenFormat("lsv2_sk_", ALNUM_UNDERSCORE, 40, 50, 0.93),
            new TokenFormat("pcsk_", ALNUM_UNDERSCORE, 50, 90, 0.93),
            new TokenFormat("tvly-", ALNUM, 32, 32, 0.93),
            new TokenFormat("ya29.", BASE64URL, 30, 2048, 0.9),
            new TokenFormat("dp.pt.", ALNUM, 40, 44, 0.93),
            new TokenFormat("dp.st.", ALNUM, 40, 44, 0.93),
            new TokenFormat("dp.sa.", ALNUM, 40, 44, 0.93),
            new TokenFormat("dp.ct.", ALNUM, 40, 44, 0.93),
            new TokenFormat("dckr_pat_", BASE64URL, 27, 27, 0.95),
            new TokenFormat("rubygems_", HEX_LOWER, 48, 48, 0.95),
            new TokenFormat("CLOJARS_", HEX_LOWER, 60, 60, 0.93),
            new TokenFormat("bkua_", HEX_LOWER, 40, 40, 0.93),
            new TokenFormat("pul-", HEX_LOWER, 40, 40, 0.93),
            new TokenFormat("sbp_", HEX_LOWER, 40, 40, 0.93),
            new TokenFormat("figd_", BASE64URL, 40, 40, 0.93),
            new TokenFormat("NRAK-", UPPER_DIGIT, 27, 27, 0.93),
            new TokenFormat("PMAK-", BASE64URL, 59, 59, 0.93),
            new TokenFormat("ATATT3", BASE64URL, 100, 200, 0.93),
            new TokenFormat("CFPAT-", BASE64URL, 43, 43, 0.93),
            new TokenFormat("ddp_", ALNUM, 36, 36, 0.93),
            new TokenFormat("ddw_", ALNUM, 36, 36, 0.93),
            new TokenFormat("dt0c01.", BASE64URL_DOT, 89, 89, 0.93),
            new TokenFormat("pnu_", ALNUM, 36, 36, 0.93),
            new TokenFormat("rdme_", HEX_LOWER, 70, 70, 0.93),
            new TokenFormat("tfp_", ALNUM_UNDERSCORE, 59, 59, 0.93),
            new TokenFormat("ops_eyJ", BASE64URL, 100, 2048, 0.93),
            new TokenFormat("fio-u-", BASE64URL, 64, 64, 0.93),
            new TokenFormat("sk.eyJ", BASE64URL_DOT, 60, 400, 0.93),
            new TokenFormat("pscale_tkn_", BASE64URL, 43, 43, 0.93),
            new TokenFormat("pscale_pw_", BASE64URL, 43, 43, 0.93),
            new TokenFormat("glc_", BASE64URL, 32, 400, 0.9),
            new TokenFormat("sntrys_", BASE64URL, 50, 400, 0.93),
            new TokenFormat("sntryu_", HEX_LOWER, 64, 64, 0.93),
            new TokenFormat("tk-us-", BASE64URL, 48, 48, 0.93),
            // payment, messaging and cloud vendors
            new TokenFormat("key-", HEX_LOWER, 32, 32, 0.85),
            new TokenFormat("xkeysib-", BASE64URL, 81, 81, 0.95),
            new TokenFormat("EAAA", BASE64URL, 60, 60, 0.9),
            new TokenFormat("EZAK", ALNUM, 54, 54, 0.93),
            new TokenFormat("FLWSECK-", BASE64URL, 34, 34, 0.93),
            new TokenFormat("shippo_live_", HEX_LOWER, 40, 40, 0.93),
            new TokenFormat("LTAI", ALNUM, 12, 24, 0.9),
            new TokenFormat("AKCp", ALNUM, 69, 69, 0.9),
            new TokenFormat("AKIA", UPPER_DIGIT, 16, 16, BodyRule.NONE, 0.95, Pairing.AWS_KEY_ID),
            new TokenFormat("ASIA", UPPER_DIGIT, 16, 16, BodyRule.NONE, 0.95, Pairing.AWS_KEY_ID),
            new TokenFormat("ABIA", UPPER_DIGIT, 16, 16, BodyRule.NONE, 0.95, Pairing.AWS_KEY_ID),
            new TokenFormat("ACCA", UPPER_DIGIT, 16, 16, BodyRule.NONE, 0.95, Pairing.AWS_KEY_ID),
            new TokenFormat("AC", HEX_LOWER, 32, 32, BodyRule.NONE, 0.9, Pairing.TWILIO_ACCOUNT));

    private static final TokenFormat[][] BY_TWO_CHARS = index(FORMATS);
    /** The formats that are one half of a two-part credential. */
    private static final List<TokenFormat> PAIRED =
            FORMATS.stream().filter(f -> f.pairing() != Pairing.NONE).toList();
    /**
     * Per pair of first characters that some format or a JWT begins with, a small id (0: none), so that one look-up
     * per word settles most words; the id selects the third characters those prefixes allow.
     */
    private static final byte[] PAIR_IDS = new byte[128 * 128];
    /** Per pair id, a bit per allowed third character: chars 0-63 in the low word, 64-127 in the high word. */
    private static final long[] THIRD_LOW = new long[256];

    private static final long[] THIRD_HIGH = new long[256];

    static {
        indexThirdChars();
    }

    /** Prefixes of values that are public by design: publishable keys, public keys, SRI digests, object ids. */
    private static final List<String> PUBLIC_PREFIXES = List.of(
            "pk_live_",
            "pk_test_",
            "ssh-rsa",
            "ssh-ed25519",
            "ssh-dss",
            "ecdsa-sha2-",
            "sha1-",
            "sha256-",
            "sha384-",
            "sha512-",
            "cus_",
            "sub_",
            "price_",
            "prod_",
            "acct_",
            "pi_",
            "in_",
            "evt_",
            "age1");

    private ProviderTokens() {}

    /** Formats keyed by their first two characters, so that an ordinary word costs one table look-up. */
    private static TokenFormat[][] index(List<TokenFormat> formats) {
        List<List<TokenFormat>> lists = new ArrayList<>();
        for (int k = 0; k < 128 * 128; k++) {
            lists.add(null);
        }
        for (TokenFormat f : formats) {
            int key = f.prefix().charAt(0) * 128 + f.prefix().charAt(1);
            if (lists.get(key) == null) {
                lists.set(key, new ArrayList<>());
            }
            lists.get(key).add(f);
        }
        TokenFormat[][] table = new TokenFormat[128 * 128][];
        for (int k = 0; k < table.length; k++) {
            table[k] = lists.get(k) == null ? null : lists.get(k).toArray(TokenFormat[]::new);
        }
        return table;
    }

    private static void indexThirdChars() {
        List<String> prefixes =
                new ArrayList<>(FORMATS.stream().map(TokenFormat::prefix).toList());
        prefixes.add(JsonWebTokens.HEADER_START);
        prefixes.addAll(List.of("pas", "Pas", "PAs", "PAS", "paS", "pAs")); // a password named in a sentence
        prefixes.addAll(List.of("azu", "Azu", "AZU", "ado", "Ado", "ADO")); // a word naming an Azure DevOps token
        int ids = 0;
        for (String prefix : prefixes) {
            int key = prefix.charAt(0) * 128 + prefix.charAt(1);
            if (PAIR_IDS[key] == 0) {
                PAIR_IDS[key] = (byte) ++ids;
            }
            int id = PAIR_IDS[key] & 0xff;
            if (prefix.length() == 2) {
                THIRD_LOW[id] = -1L;
                THIRD_HIGH[id] = -1L;
            } else if (prefix.charAt(2) < 64) {
                THIRD_LOW[id] |= 1L << prefix.charAt(2);
            } else {
                THIRD_HIGH[id] |= 1L << (prefix.charAt(2) - 64);
            }
        }
        if (ids > 255) {
            throw new IllegalStateException("more than 255 two-character token prefixes");
        }
    }

    private static TokenFormat[] formatsAt(String text, int at) {
        if (at + 1 >= text.length()) {
            return null;
        }
        char first = text.charAt(at);
        char second = text.charAt(at + 1);
        return first < 128 && second < 128 ? BY_TWO_CHARS[first * 128 + second] : null;
    }

    /** Whether a format, a JWT or a bot token can start at {@code at}. */
    static boolean canStart(String text, int at) {
        char first = text.charAt(at);
        int n = text.length();
        if (TokenAlphabet.isDigit(first)) {
            // a bot id has at least six digits; years, counts and versions end sooner
            for (int k = at + 1; k < at + 6; k++) {
                if (k >= n || !TokenAlphabet.isDigit(text.charAt(k))) {
                    return false;
                }
            }
            return true;
        }
        if (at + 2 >= n) {
            return false;
        }
        char second = text.charAt(at + 1);
        if (first >= 128 || second >= 128) {
            return false;
        }
        int id = PAIR_IDS[first * 128 + second] & 0xff;
        if (id == 0) {
            return false;
        }
        char third = text.charAt(at + 2);
        return third < 64 ? (THIRD_LOW[id] & 1L << third) != 0 : third < 128 && (THIRD_HIGH[id] & 1L << third) != 0;
    }

    /**
     * Whether the value at {@code at} starts like a vendor token (which {@link #match} alone judges, so a truncated
     * or placeholder one is not reported as a generic secret) or like a value that is public by design.
     */
    static boolean hasKnownPrefix(String text, int at) {
        TokenFormat[] formats = formatsAt(text, at);
        if (formats != null) {
            for (TokenFormat f : formats) {
                if (f.prefix().length() >= 3 && text.startsWith(f.prefix(), at)) {
                    return true;
                }
            }
        }
        if (text.startsWith(JsonWebTokens.HEADER_START, at)) {
            return true;
        }
        for (String prefix : PUBLIC_PREFIXES) {
            if (text.startsWith(prefix, at)) {
                return true;
            }
        }
        return false;
    }

    /** Reports a vendor token starting at {@code at}; returns where it ends, or -1 when there is none. */
    static int match(String text, int at, Hits hits, PairedSecrets pairs) {
        char first = text.charAt(at);
        if (TokenAlphabet.isDigit(first)) {
            return botToken(text, at, hits);
        }
        if (first == 'e' && text.startsWith(JsonWebTokens.HEADER_START, at)) {
            return JsonWebTokens.match(text, at, hits);
        }
        if ((first | 0x20) == 'p' && ProsePasswords.mayStart(text, at)) {
            int end = ProsePasswords.match(text, at, hits);
            if (end > 0) {
                return end;
            }
        }
        if ((first | 0x20) == 'a' && AzureDevOpsTokens.mayStart(text, at)) { // "azure", "ado"
            int end = AzureDevOpsTokens.match(text, at, hits);
            if (end > 0) {
                return end;
            }
        }
        TokenFormat[] formats = formatsAt(text, at);
        if (formats == null) {
            return -1;
        }
        int n = text.length();
        char third = text.charAt(Math.min(n - 1, at + 2));
        for (TokenFormat f : formats) {
            String prefix = f.prefix();
            if ((prefix.length() > 2 && prefix.charAt(2) != third) || !text.startsWith(prefix, at)) {
                continue;
            }
            int bodyStart = at + f.prefix().length();
            int limit = Math.min(n, bodyStart + f.maxBody() + 1);
            int end = bodyStart;
            while (end < limit && f.alphabet().accepts(text.charAt(end))) {
                end++;
            }
            if (f.alphabet() == BASE64URL_DOT) {
                // a sentence can end right after a token; the full stop is not part of it
                while (end > bodyStart && text.charAt(end - 1) == '.' && f.rule() != BodyRule.SENDGRID_SHAPE) {
                    end--;
                }
            }
            int length = end - bodyStart;
            boolean bounded = end == n || !TokenAlphabet.isAlnum(text.charAt(end));
            if (length < f.minBody()
                    || length > f.maxBody()
                    || !bounded
                    || !f.rule().accepts(text, bodyStart, end)
                    || !ValueShape.looksGenuine(text, bodyStart, end)) {
                continue;
            }
            switch (f.pairing()) {
                case AWS_KEY_ID -> {
                    hits.add(at, end, f.score());
                    pairs.awsKeyId(at, end);
                }
                case TWILIO_ACCOUNT -> pairs.twilioAccount(at, end);
                case NONE -> hits.add(at, end, f.score());
            }
            return end;
        }
        return -1;
    }

    /** The pairing of the format that the alphanumeric run {@code at..end} matches as a whole, else NONE. */
    static Pairing pairingOf(String text, int at, int end) {
        for (TokenFormat f : PAIRED) {
            int bodyStart = at + f.prefix().length();
            int length = end - bodyStart;
            if (length >= f.minBody()
                    && length <= f.maxBody()
                    && text.startsWith(f.prefix(), at)
                    && accepted(text, bodyStart, end, f.alphabet())
                    && ValueShape.looksGenuine(text, bodyStart, end)) {
                return f.pairing();
            }
        }
        return Pairing.NONE;
    }

    private static boolean accepted(String text, int from, int to, TokenAlphabet alphabet) {
        for (int i = from; i < to; i++) {
            if (!alphabet.accepts(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Telegram bot tokens: a numeric bot id, a colon and 35 characters starting with 'A'. */
    private static int botToken(String text, int at, Hits hits) {
        int n = text.length();
        int i = at;
        while (i < n && i - at <= 12 && TokenAlphabet.isDigit(text.charAt(i))) {
            i++;
        }
        int digits = i - at;
        if (digits < 6 || digits > 12 || i + 1 >= n || text.charAt(i) != ':' || text.charAt(i + 1) != 'A') {
            return -1;
        }
        int bodyStart = i + 1;
        int end = bodyStart;
        while (end < n && end - bodyStart <= 40 && TokenAlphabet.BASE64URL.accepts(text.charAt(end))) {
            end++;
        }
        int length = end - bodyStart;
        if (length < 33 || length > 37 || !ValueShape.looksGenuine(text, bodyStart, end)) {
            return -1;
        }
        hits.add(at, end, 0.93);
        return end;
    }
}
