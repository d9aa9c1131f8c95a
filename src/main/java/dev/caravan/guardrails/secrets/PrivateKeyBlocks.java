package dev.caravan.guardrails.secrets;

/**
 * Recognises armoured private keys (PEM, OpenSSH, PGP) from {@code -----BEGIN} to the matching {@code -----END}
 * line, or to the end of the text when the block is cut. Public keys, certificates and CSRs are passed over.
 */
final class PrivateKeyBlocks {
    static final String BEGIN = "-----BEGIN ";

    static final String DASHES = "-----";
    static final int MAX_LABEL = 48;
    /** A real key body has hundreds of base64 characters; "MIIE..." stand-ins have a handful. */
    private static final int MIN_BODY = 64;

    private PrivateKeyBlocks() {}

    /** Reports a private key block at {@code at}; returns where scanning should resume. */
    static int match(String text, int at, Hits hits) {
        int labelStart = at + BEGIN.length();
        int labelEnd = indexWithin(text, DASHES, labelStart, labelStart + MAX_LABEL);
        if (labelEnd < 0) {
            return labelStart;
        }
        String label = text.substring(labelStart, labelEnd);
        if (!isPrivate(label)) {
            return labelStart;
        }
        int bodyStart = labelEnd + DASHES.length();
        String endLine = endLine(label);
        int endAt = text.indexOf(endLine, bodyStart);
        int bodyEnd = endAt < 0 ? text.length() : endAt;
        if (base64Count(text, bodyStart, bodyEnd) < MIN_BODY) {
            return endAt < 0 ? text.length() : endAt + endLine.length();
        }
        if (endAt < 0) {
            hits.add(at, text.length(), 0.95);
            return text.length();
        }
        int end = escapedNewlinesEnd(text, endAt + endLine.length());
        hits.add(at, end, 0.99);
        return end;
    }

    /** Whether a block with this label holds a private key; public keys, certificates and CSRs do not. */
    static boolean isPrivate(String label) {
        return label.endsWith("PRIVATE KEY") || label.equals("PGP PRIVATE KEY BLOCK");
    }

    static String endLine(String label) {
        return "-----END " + label + DASHES;
    }

    /** Keys pasted inside JSON strings end with escaped newlines that belong to the value; where those end. */
    static int escapedNewlinesEnd(String text, int from) {
        int end = from;
        while (text.startsWith("\\n", end) || text.startsWith("\\r", end)) {
            end += 2;
        }
        return end;
    }

    /** The first {@code needle} starting in {@code from..to}, or -1. */
    static int indexWithin(String text, String needle, int from, int to) {
        int last = Math.min(to, text.length() - needle.length());
        char first = needle.charAt(0);
        for (int i = from; i <= last; i++) {
            if (text.charAt(i) == first && text.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int base64Count(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to && count < MIN_BODY; i++) {
            if (TokenAlphabet.isBase64(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
