package dev.caravan.keys;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Makes a new gateway key: {@code cvn_} and 32 random bytes from a {@link SecureRandom}, in base62. */
public final class NewKey {
    public static final String PREFIX = "cvn_";
    private static final int RANDOM_BYTES = 32;
    private static final int LENGTH = 43; // 62^43 > 2^256, so every 32-byte value fits
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);

    private NewKey() {}

    public static String create(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        BigInteger value = new BigInteger(1, bytes);
        char[] digits = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(SIXTY_TWO);
            digits[i] = BASE62.charAt(qr[1].intValue());
            value = qr[0];
        }
        return PREFIX + new String(digits);
    }
}
