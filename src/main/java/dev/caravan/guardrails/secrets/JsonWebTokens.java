package dev.caravan.guardrails.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Recognises signed JWTs: three base64url parts whose header decodes to JSON naming an {@code alg}. */
final class JsonWebTokens {
    static final String HEADER_START = "eyJ";

    private static final int MAX_LENGTH = 16_384;
    private static final int MIN_SIGNATURE = 16;

    private JsonWebTokens() {}

    static int match(String text, int at, Hits hits) {
        int n = text.length();
        int limit = Math.min(n, at + MAX_LENGTH + 1);
        int end = at;
        int firstDot = -1;
        int secondDot = -1;
        while (end < limit) {
            char c = text.charAt(end);
            if (c == '.') {
                if (firstDot < 0) {
                    firstDot = end;
                } else if (secondDot < 0) {
                    secondDot = end;
                } else {
                    break;
                }
            } else if (!TokenAlphabet.BASE64URL.accepts(c)) {
                break;
            }
            end++;
        }
        if (end - at > MAX_LENGTH
                || secondDot < 0
                || end - secondDot - 1 < MIN_SIGNATURE
                || secondDot - firstDot - 1 < 8) {
            return -1;
        }
        if (!decodesTo(text, at, firstDot, "\"alg\"")
                || !decodesTo(text, firstDot + 1, secondDot, "{")
                || !ValueShape.looksGenuine(text, secondDot + 1, end)) {
            return -1;
        }
        hits.add(at, end, 0.92);
        return end;
    }

    /** Whether the base64url part decodes to text containing {@code needle}; payloads are checked on a prefix. */
    private static boolean decodesTo(String text, int from, int to, String needle) {
        int length = Math.min(to - from, needle.equals("{") ? 8 : 1024);
        length -= length % 4 == 1 ? 1 : 0;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text.substring(from, from + length));
            String decoded = new String(bytes, StandardCharsets.ISO_8859_1);
            return needle.equals("{") ? decoded.stripLeading().startsWith("{") : decoded.contains(needle);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
