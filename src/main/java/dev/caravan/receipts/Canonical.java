package dev.caravan.receipts;

import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 (JCS) canonical bytes of a JSON text: what a receipt signature covers. */
final class Canonical {
    private Canonical() {}

    static byte[] utf8(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not canonicalizable JSON: " + e.getMessage(), e);
        }
    }
}
