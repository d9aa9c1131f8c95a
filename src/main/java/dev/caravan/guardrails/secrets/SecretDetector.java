package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.CharLanes;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Guardrail;
import dev.caravan.guardrails.Source;
import dev.caravan.guardrails.StreamTails;
import java.util.List;
import java.util.Set;

/**
 * Finds leaked credentials in one hand-written pass: vendor tokens at word starts, private key blocks, passwords in
 * URLs and command lines, and secrets assigned to secret-sounding names, each reported as the span of the value.
 */
public final class SecretDetector implements Guardrail {
    private static final Set<Category> CATEGORIES = Set.of(Category.SECRET);
    /** Room for an RSA 8192 private key block (about 6.5 KB) with headroom, and for the longest JWT read. */
    private static final int LONGEST_MATCH = 16_384;

    private static final byte OTHER = 0;
    private static final byte WORD = 1;
    private static final byte OPERATOR = 2;
    private static final byte DASH = 3;
    /**
     * What each byte of the text's Latin-1 copy can start (see CharLanes.of: an ASCII byte is its char, and every other
     * char is '?' or a byte above ASCII, neither of which starts anything); one look-up without a range test.
     */
    private static final byte[] ROLE = roles();

    private static byte[] roles() {
        byte[] roles = new byte[256];
        for (char c = 0; c < 128; c++) {
            roles[c] = TokenAlphabet.isAlnum(c) ? WORD : OTHER;
        }
        roles['='] = OPERATOR;
        roles[':'] = OPERATOR;
        roles['-'] = DASH;
        return roles;
    }

    /**
     * The next place worth a closer look: the start of a word whose first two letters some token format begins with,
     * an assignment operator or a dash. Kept small so that the compiler turns it into a tight loop over the text's
     * bytes; the two-letter table is asked first because on random text it almost always says no, which the branch
     * predictor learns.
     */
    private static int nextCandidate(String text, byte[] bytes, int from, int n) {
        int i = from;
        while (i < n) {
            byte role = ROLE[bytes[i] & 0xFF];
            if (role == WORD) {
                if (ProviderTokens.canStart(text, i) && (i == 0 || !TokenAlphabet.continuesWord(text.charAt(i - 1)))) {
                    return i;
                }
                i = skipWord(bytes, i + 1, n);
            } else if (role != OTHER) {
                return i;
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipWord(byte[] bytes, int from, int n) {
        int i = from;
        while (i < n && ROLE[bytes[i] & 0xFF] == WORD) {
            i++;
        }
        return i;
    }

    /** Whether a key block begins at the dash at {@code i}; most dashes are single, so the next char settles it. */
    private static boolean startsPrivateKey(String text, int i, int n) {
        return i + 1 < n && text.charAt(i + 1) == '-' && text.startsWith(PrivateKeyBlocks.BEGIN, i);
    }

    @Override
    public String id() {
        return "secrets";
    }

    @Override
    public Set<Category> categories() {
        return CATEGORIES;
    }

    @Override
    public List<Finding> scan(String text, Source source) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        // No catch-all here: a failure must reach the guard engine, which records it and fails open or closed.
        return scanText(text);
    }

    /**
     * Holds the last token (a vendor token, URL or bare value may still grow), a secret-sounding name or credential
     * flag whose value is still being written, an unfinished private key block, and a half of a key pair whose other
     * half may still come.
     */
    @Override
    public int holdFrom(String text) {
        if (text == null) {
            return 0;
        }
        int floor = Math.max(0, text.length() - LONGEST_MATCH);
        int token = StreamTails.lastToken(text, LONGEST_MATCH);
        int hold = Math.min(finishedWord(text, token) ? text.length() : token, OpenAssignments.holdFrom(text));
        hold = Math.min(hold, OpenFlags.holdFrom(text));
        hold = Math.min(hold, OpenKeyBlocks.holdFrom(text, floor));
        hold = Math.min(hold, OpenPairs.holdFrom(text, floor));
        return Math.max(floor, hold);
    }

    /**
     * Whether the last token is a plain word that punctuation has ended ({@code Hello!}, {@code yes,}) and that no flag
     * or operator before it makes a value: letters alone are never a secret, and what follows is a new token.
     */
    private static boolean finishedWord(String text, int token) {
        int n = text.length();
        int i = token;
        while (i < n && Character.isLetter(text.charAt(i))) {
            i++;
        }
        if (i == token || i == n) {
            return false;
        }
        for (int j = i; j < n; j++) {
            if ("!?,;)".indexOf(text.charAt(j)) < 0) {
                return false;
            }
        }
        int previous = StreamTails.previousToken(text, token);
        int previousEnd = StreamTails.endOfToken(text, previous);
        if (previousEnd <= previous || previous == token) {
            return true; // nothing before it
        }
        char first = text.charAt(previous);
        char last = text.charAt(previousEnd - 1);
        return first != '-' && last != ':' && last != '=' && last != '"' && last != '\'';
    }

    @Override
    public int longestMatch() {
        return LONGEST_MATCH;
    }

    static List<Finding> scanText(String text) {
        Hits hits = new Hits();
        PairedSecrets pairs = new PairedSecrets();
        int n = text.length();
        // operators inside a value that was already read belong to that value, not to a new assignment
        int readUpTo = 0;
        byte[] bytes = CharLanes.of(text);
        int i = nextCandidate(text, bytes, 0, n);
        while (i < n) {
            char c = text.charAt(i);
            byte role = ROLE[c];
            if (role == WORD) {
                int end = ProviderTokens.match(text, i, hits, pairs);
                i = end > i ? end : skipWord(bytes, i + 1, n);
            } else if (role == OPERATOR) {
                if (c == ':' && text.startsWith("//", i + 1)) {
                    CredentialUrls.match(text, i, hits);
                } else if (i >= readUpTo) {
                    readUpTo = SecretAssignments.match(text, i, hits);
                }
                i++;
            } else if (startsPrivateKey(text, i, n)) {
                i = PrivateKeyBlocks.match(text, i, hits);
            } else {
                if (i >= readUpTo && (i == 0 || CommandLineCredentials.canFollow(text.charAt(i - 1)))) {
                    readUpTo = CommandLineCredentials.match(text, i, hits);
                }
                i++;
            }
            i = nextCandidate(text, bytes, i, n);
        }
        pairs.resolve(text, hits);
        return hits.findings();
    }
}
