package dev.caravan.guardrails;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads a text eight chars at a time, as the bytes of a long, to find the few places a detector must look at. A
 * detector's scan would otherwise test every char in a loop that exits at each candidate, which the compiler cannot
 * unroll and which costs about a nanosecond per char; eight bytes tested at once with a few arithmetic steps ("SIMD
 * within a register") cost a fraction of that. A byte reported in a range is exactly an ASCII char of that range at the
 * same index of the text: a char outside Latin-1 is the byte '?' and Latin-1 chars above ASCII are in no range. So a
 * detector whose candidates start with ASCII chars misses none; one that also needs other chars asks for '?' and for
 * the bytes above ASCII ({@link #aboveAscii}, {@link #atLeast}) and checks each such place against the text. The same copy serves a scan that reads it a byte
 * at a time: a byte array makes a tighter loop than a String's chars, and an ASCII byte is its char.
 */
public final class CharLanes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long HIGH = 0x8080_8080_8080_8080L;

    private CharLanes() {}

    /**
     * The text as bytes, one per char at the same index: a Latin-1 char is its own byte, any other char is '?'. The
     * charset encoder gives exactly that unless the text holds a surrogate pair, which it writes as one '?'; such a text
     * is copied char by char instead.
     */
    public static byte[] of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length == text.length()) {
            return bytes;
        }
        bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            bytes[i] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return bytes;
    }

    /** The eight bytes from {@code at}, the first in the lowest byte; bytes past the end read as 0. */
    public static long at(byte[] bytes, int at) {
        if (at + 8 <= bytes.length) {
            return (long) LONGS.get(bytes, at);
        }
        long lanes = 0;
        for (int k = Math.min(bytes.length - at, 8) - 1; k >= 0; k--) {
            lanes = lanes << 8 | (bytes[at + k] & 0xFF);
        }
        return lanes;
    }

    /** The high bit of each byte that is an ASCII char from {@code lo} to {@code hi}; every other bit clear. */
    public static long inRange(long lanes, char lo, char hi) {
        long low = lanes & LOW7; // no byte carries into the next below
        long atLeastLo = low + ONES * (0x80 - lo);
        long aboveHi = low + ONES * (0x7F - hi);
        return atLeastLo & ~aboveHi & ~lanes & HIGH;
    }

    /** The high bit of each byte that is the ASCII char {@code c}; every other bit clear. */
    public static long equal(long lanes, char c) {
        return inRange(lanes, c, c);
    }

    /** The high bit of each byte from {@code lo} up, every byte above ASCII included; every other bit clear. */
    public static long atLeast(long lanes, char lo) {
        return ((lanes & LOW7) + ONES * (0x80 - lo) | lanes) & HIGH;
    }

    /**
     * The high bit of each byte that is {@code c}, and maybe of a byte that differs from it in the lowest bit alone
     * right after a flagged one (the subtraction's borrow): cheaper than {@link #equal}, for a caller that checks each
     * place against the text anyway.
     */
    public static long mayEqual(long lanes, char c) {
        long zeroAtC = lanes ^ ONES * c;
        return (zeroAtC - ONES) & ~zeroAtC & HIGH;
    }

    /** The high bit of each byte above ASCII (a Latin-1 letter or sign); every other bit clear. */
    public static long aboveAscii(long lanes) {
        return lanes & HIGH;
    }

    /** The index, within the eight, of the byte of the lowest high bit of a non-zero mask. */
    public static int first(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }
}
