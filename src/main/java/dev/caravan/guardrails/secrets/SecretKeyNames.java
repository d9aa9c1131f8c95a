package dev.caravan.guardrails.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Decides from a key, variable or flag name ({@code DB_PASSWORD}, {@code apiKey}, {@code --token}) what it holds. */
final class SecretKeyNames {
    /** What a name says about the value assigned to it. */
    enum Kind {
        NONE,
        PASSWORD,
        SECRET,
        /** A bare {@code key}: often a credential, often not, so the value must look strongly random. */
        LOOSE_KEY,
        AWS_SECRET,
        STORAGE_ACCOUNT_KEY
    }

    /** Cheap first look: one of these (case-insensitive) must occur before the name is split into words. */
    private static final String[] HINTS = {
        "pass", "pw", "secret", "token", "key", "auth", "cred", "sas", "wort", "senha"
    };

    private static final boolean[] HINT_PAIRS = hintPairs();

    private static final String[] STRONG_PARTS = {
        "password",
        "passwd",
        "passphrase",
        "secret",
        "token",
        "credential",
        "apikey",
        "accesskey",
        "privatekey",
        "authkey",
        "signingkey",
        "masterkey",
        "accountkey"
    };

    private static final Set<String> PASSWORD_WORDS =
            Set.of("pass", "pwd", "pw", "pword", "pgpass", "passwort", "kennwort", "senha", "motdepasse");

    private static final Set<String> KEY_QUALIFIERS = Set.of(
            "api",
            "access",
            "private",
            "secret",
            "auth",
            "signing",
            "master",
            "encryption",
            "client",
            "app",
            "service",
            "subscription",
            "account",
            "license",
            "admin",
            "server",
            "webhook",
            "bot",
            "consumer",
            "storage",
            "shared",
            "primary",
            "secondary",
            "session",
            "jwt",
            "hmac",
            "openai",
            "anthropic");

    private static final Set<String> OTHER_SECRET_WORDS = Set.of("auth", "authorization", "bearer", "sas", "sig");

    /** Words after which the value is metadata about a secret, not the secret itself. */
    private static final Set<String> METADATA_WORDS = Set.of(
            "id",
            "ids",
            "url",
            "uri",
            "endpoint",
            "path",
            "file",
            "dir",
            "name",
            "type",
            "length",
            "len",
            "size",
            "count",
            "max",
            "min",
            "limit",
            "ttl",
            "expiry",
            "expires",
            "expiration",
            "header",
            "prefix",
            "format",
            "env",
            "var",
            "stdin",
            "hash",
            "hashed",
            "digest",
            "checksum",
            "fingerprint",
            "sha",
            "sha1",
            "sha256",
            "md5",
            "bcrypt",
            "policy",
            "mode",
            "enabled",
            "required",
            "field",
            "label",
            "hint",
            "prompt",
            "placeholder",
            "example",
            "sample",
            "description",
            "help",
            "regex",
            "pattern",
            "version",
            "rotation",
            "public",
            "pub",
            "publishable",
            "reset",
            "forgot",
            "strength",
            "usage",
            "scope",
            "scopes",
            "method",
            "location",
            "ref",
            "arn",
            "region",
            "index",
            "idx",
            "position",
            "pos",
            "budget",
            "estimate",
            "rate",
            "tokenizer",
            "tokenize",
            "tokens",
            "lifetime",
            "timeout",
            "used",
            "output",
            "input",
            "kind",
            "store");

    private SecretKeyNames() {}

    /** A cheap first look that rules out most names without splitting them into words. */
    static boolean mayNameSecret(String text, int from, int to) {
        return to - from >= 2 && hasHint(text, from, to);
    }

    /**
     * What a name that already passed {@link #mayNameSecret} says about its value; callers check that first (and
     * cheaply rule out most names with it), so it is not repeated here. A name without a hint is {@code NONE}.
     */
    static Kind classifyHinted(String text, int from, int to) {
        List<String> words = words(text, from, to);
        if (words.isEmpty()) {
            return Kind.NONE;
        }
        String joined = String.join("", words);
        if (joined.endsWith("privatekeyid")) {
            return Kind.SECRET;
        }
        for (String word : words) {
            if (METADATA_WORDS.contains(word)) {
                return Kind.NONE;
            }
        }
        if (joined.contains("secretaccesskey") || (joined.contains("aws") && joined.contains("secret"))) {
            return Kind.AWS_SECRET;
        }
        if (joined.contains("accountkey")) {
            return Kind.STORAGE_ACCOUNT_KEY;
        }
        for (String word : words) {
            if (word.contains("password")
                    || word.contains("passwd")
                    || word.contains("passphrase")
                    || PASSWORD_WORDS.contains(word)) {
                return Kind.PASSWORD;
            }
        }
        for (int k = 0; k < words.size(); k++) {
            String word = words.get(k);
            if (OTHER_SECRET_WORDS.contains(word)
                    || (word.equals("key") && k > 0 && KEY_QUALIFIERS.contains(words.get(k - 1)))) {
                return Kind.SECRET;
            }
            for (String part : STRONG_PARTS) {
                if (word.contains(part)) {
                    return Kind.SECRET;
                }
            }
        }
        return words.get(words.size() - 1).equals("key") ? Kind.LOOSE_KEY : Kind.NONE;
    }

    private static boolean hasHint(String text, int from, int to) {
        char b = from < to ? text.charAt(from) : 0;
        for (int i = from; i + 1 < to; i++) {
            char a = b;
            b = text.charAt(i + 1);
            if (a < 128 && b < 128 && HINT_PAIRS[(a | 0x20) * 128 + (b | 0x20)]) {
                for (String hint : HINTS) {
                    if (i + hint.length() <= to && TokenAlphabet.regionMatchesIgnoreCase(text, i, hint)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The first two letters of every hint, so that most characters of a name cost one table look-up. */
    private static boolean[] hintPairs() {
        boolean[] pairs = new boolean[128 * 128];
        for (String hint : HINTS) {
            pairs[hint.charAt(0) * 128 + hint.charAt(1)] = true;
        }
        return pairs;
    }

    /** Lower-case words of a name split at separators and camel-case humps: "SecretAccessKey" is secret, access, key. */
    static List<String> words(String text, int from, int to) {
        List<String> words = new ArrayList<>(4);
        int start = -1;
        for (int i = from; i <= to; i++) {
            char c = i < to ? text.charAt(i) : ' ';
            boolean letterOrDigit = TokenAlphabet.isAlnum(c);
            boolean hump = letterOrDigit
                    && start >= 0
                    && i > start
                    && Character.isUpperCase(c)
                    && (Character.isLowerCase(text.charAt(i - 1))
                            || (i + 1 < to
                                    && Character.isLowerCase(text.charAt(i + 1))
                                    && Character.isUpperCase(text.charAt(i - 1))));
            if ((!letterOrDigit || hump) && start >= 0) {
                words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
            if (letterOrDigit && start < 0) {
                start = i;
            }
        }
        return words;
    }
}
