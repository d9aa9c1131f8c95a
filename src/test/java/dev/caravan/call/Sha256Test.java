package dev.caravan.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theHexDigestMatchesThePublishedTestVectors() {
        // FIPS 180-2, appendix B.1 and the empty message
        assertThat(Sha256.hex(ascii("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void eachDigestStartsFreshAndKeepsItsOwnState() {
        MessageDigest first = Sha256.digest();
        first.update(ascii("ab"));
        MessageDigest second = Sha256.digest();
        second.update(ascii("abc"));
        first.update(ascii("c"));

        String expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(HexFormat.of().formatHex(first.digest())).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(second.digest())).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(Sha256.digest().digest())).isEqualTo(Sha256.hex(new byte[0]));
    }
}
