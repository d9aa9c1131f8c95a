package dev.caravan.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CharLanesTest {
    private static final long HIGH = 0x8080_8080_8080_8080L;

    @Test
    void eachCharIsItsByteAtTheSameIndexAndEveryCharOutsideLatin1IsAQuestionMark() {
        Random random = new Random(41);
        String[] pieces = {
            "a", "Z", "0", "?", " ", "\n", "é", "\u00ff", "\u0100", "\u0130", "\u4e2d", "\ud83d\ude00", "\ud83d"
        };
        for (int round = 0; round < 5_000; round++) {
            String text = PieceTexts.of(random, pieces, pieces.length, 40);
            byte[] bytes = CharLanes.of(text);
            assertThat(bytes).hasSize(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                assertThat(bytes[i] & 0xFF).as(text).isEqualTo(c <= 0xFF ? c : '?');
            }
        }
    }

    @Test
    void theEightBytesFromAPlaceAreReadFirstByteLowestAndThosePastTheEndReadAsZero() {
        byte[] bytes = CharLanes.of("abcdefghij");
        assertThat(CharLanes.at(bytes, 0)).isEqualTo(0x6867_6665_6463_6261L);
        assertThat(CharLanes.at(bytes, 2)).isEqualTo(0x6A69_6867_6665_6463L);
        assertThat(CharLanes.at(bytes, 7)).isEqualTo(0x6A_6968L);
        assertThat(CharLanes.at(bytes, 10)).isZero();
    }

    @Test
    void aRangeFlagsExactlyTheAsciiBytesInItAndAtLeastAlsoEveryByteAboveAscii() {
        Random random = new Random(43);
        for (int round = 0; round < 20_000; round++) {
            long lanes = random.nextLong();
            char lo = (char) random.nextInt(128);
            char hi = (char) (lo + random.nextInt(128 - lo));
            long range = CharLanes.inRange(lanes, lo, hi);
            long atLeast = CharLanes.atLeast(lanes, lo);
            long above = CharLanes.aboveAscii(lanes);
            for (int k = 0; k < 8; k++) {
                int b = (int) (lanes >>> (8 * k)) & 0xFF;
                assertThat(flag(range, k)).isEqualTo(b >= lo && b <= hi);
                assertThat(flag(atLeast, k)).isEqualTo(b >= lo);
                assertThat(flag(above, k)).isEqualTo(b >= 0x80);
            }
            assertThat(range & ~HIGH).isZero();
            assertThat(atLeast & ~HIGH).isZero();
            assertThat(CharLanes.equal(lanes, lo)).isEqualTo(CharLanes.inRange(lanes, lo, lo));
        }
    }

    @Test
    void mayEqualFlagsEveryEqualByteAndBesidesOnlyAByteOfZeroOrOneRightAfterAFlaggedOne() {
        Random random = new Random(47);
        for (int round = 0; round < 20_000; round++) {
            char c = (char) random.nextInt(128);
            long lanes = 0;
            for (int k = 0; k < 8; k++) {
                int b =
                        switch (random.nextInt(4)) {
                            case 0 -> c;
                            case 1 -> random.nextInt(2);
                            default -> random.nextInt(256);
                        };
                lanes |= (long) b << (8 * k);
            }
            long mask = CharLanes.mayEqual(lanes, c);
            assertThat(mask & ~HIGH).isZero();
            for (int k = 0; k < 8; k++) {
                int b = (int) (lanes >>> (8 * k)) & 0xFF;
                if (b == c) {
                    assertThat(flag(mask, k)).isTrue();
                } else if (flag(mask, k)) {
                    assertThat(k > 0 && flag(mask, k - 1) && (b ^ c) <= 1)
                            .as("byte %d of %x", k, lanes)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void theFirstFlagIsTheIndexOfItsByte() {
        assertThat(CharLanes.first(0x80L)).isZero();
        assertThat(CharLanes.first(0x8000_0000_0000_0080L)).isZero();
        assertThat(CharLanes.first(0x0080_8000_0000_0000L)).isEqualTo(5);
        assertThat(CharLanes.first(0x8000_0000_0000_0000L)).isEqualTo(7);
    }

    private static boolean flag(long mask, int k) {
        return (mask >>> (8 * k + 7) & 1) != 0;
    }
}
