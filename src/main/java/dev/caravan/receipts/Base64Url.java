package dev.caravan.receipts;

import java.util.Base64;

/** Unpadded base64url, the encoding of JWK members and receipt signatures. */
final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {}

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Decodes only the one canonical spelling, so a changed character can never decode to the same bytes. */
    static byte[] decode(String text) {
        byte[] bytes = DECODER.decode(text);
        if (!encode(bytes).equals(text)) {
            throw new IllegalArgumentException("not canonical unpadded base64url");
        }
        return bytes;
    }
}
