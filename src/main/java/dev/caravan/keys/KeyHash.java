package dev.caravan.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How a gateway key is stored ({@code sha256:<hex>}) and the short id derived from that hash. */
public final class KeyHash {
    public static final String PREFIX = "sha256:";
    private static final int ID_LENGTH = 12;

    private KeyHash() {}

    /** The stored form of a key: {@code sha256:} and the hex SHA-256 of its UTF-8 bytes. */
    public static String of(String key) {
        return PREFIX + HexFormat.of().formatHex(digest(key));
    }

    /** The id recorded for a key (as {@code key_id}): the first 12 hex digits of its hash, never the key. */
    public static String id(String hash) {
        return hash.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
