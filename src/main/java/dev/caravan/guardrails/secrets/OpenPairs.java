package dev.caravan.guardrails.secrets;

import dev.caravan.guardrails.secrets.TokenFormat.Pairing;

/**
 * Where one half of a two-part credential stands whose other half may still arrive within reach: an AWS key id or a
 * Twilio account SID waiting for its secret, or a secret-shaped value waiting for its id. The pair is only found when
 * both halves are in the text scanned, and a released half cannot be masked any more, so the first half is held.
 */
final class OpenPairs {
    private static final int AWS_KEY_ID_LENGTH = 20;
    private static final int SHORTEST_HALF = AWS_KEY_ID_LENGTH;
    private static final int TWILIO_SID_LENGTH = 34;
    /** A run ending further back than the reach plus the longest half can no longer be paired with text to come. */
    private static final int SPAN = PairedSecrets.REACH + 2 * PairedSecrets.AWS_SECRET_LENGTH;

    private OpenPairs() {}

    /**
     * The start of the first half at or after {@code floor} that may still be paired, else the text's length. Every
     * half is a run of at least {@value #SHORTEST_HALF} base64 characters, so probing every that many characters finds
     * each such run without reading all of ordinary prose.
     */
    static int holdFrom(String text, int floor) {
        int n = text.length();
        int from = Math.max(floor, n - SPAN);
        int hold = n;
        int probe = from + SHORTEST_HALF - 1;
        while (probe < n) {
            if (!TokenAlphabet.isBase64(text.charAt(probe))) {
                probe += SHORTEST_HALF;
                continue;
            }
            int start = probe;
            while (start > from && TokenAlphabet.isBase64(text.charAt(start - 1))) {
                start--;
            }
            int end = probe + 1;
            while (end < n && TokenAlphabet.isBase64(text.charAt(end))) {
                end++;
            }
            // a run crossing the start began too early to be paired with what comes; the last one is still growing
            boolean crossesStart = start == from && start > 0 && TokenAlphabet.isBase64(text.charAt(start - 1));
            if (!crossesStart && end < n && end - start >= SHORTEST_HALF) {
                int half = waitingHalf(text, start, end);
                hold = half >= 0 ? Math.min(hold, half) : hold;
            }
            probe = end + SHORTEST_HALF;
        }
        return hold;
    }

    /** The start of a half inside the base64 run {@code start..end} that may still be paired, else -1. */
    private static int waitingHalf(String text, int start, int end) {
        int n = text.length();
        if (end - start == PairedSecrets.AWS_SECRET_LENGTH
                && text.charAt(end) != '='
                && n <= end + PairedSecrets.REACH + AWS_KEY_ID_LENGTH
                && PairedSecrets.isAwsSecret(text, start, end)) {
            return start;
        }
        int a = start;
        while (a < end) {
            int b = a;
            while (b < end && TokenAlphabet.isAlnum(text.charAt(b))) {
                b++;
            }
            if (b - a >= SHORTEST_HALF && waits(text, a, b)) {
                return a;
            }
            a = b + 1;
        }
        return -1;
    }

    /** Whether the alphanumeric run {@code a..b} is a half whose partner may still come. */
    private static boolean waits(String text, int a, int b) {
        int n = text.length();
        if (b - a == PairedSecrets.TWILIO_TOKEN_LENGTH) {
            return n <= b + PairedSecrets.REACH + TWILIO_SID_LENGTH
                    && text.charAt(b) != '='
                    && PairedSecrets.isTwilioToken(text, a, b);
        }
        if (a > 0 && TokenAlphabet.continuesWord(text.charAt(a - 1))) {
            return false;
        }
        Pairing pairing = ProviderTokens.pairingOf(text, a, b);
        return switch (pairing) {
            case AWS_KEY_ID -> n <= b + PairedSecrets.REACH + PairedSecrets.AWS_SECRET_LENGTH;
            case TWILIO_ACCOUNT -> n <= b + PairedSecrets.REACH + PairedSecrets.TWILIO_TOKEN_LENGTH;
            case NONE -> false;
        };
    }
}
