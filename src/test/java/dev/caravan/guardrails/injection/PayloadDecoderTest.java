package dev.caravan.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {
    /** Run chars, separators, a '%', prose punctuation and a non-ASCII digit, mixed so long runs come and go. */
    private static final String[] PIECES = {
        "a", "Z", "7", "+", "/", "=", "%", " ", ",", ".", "\n", "\u0663", "é", "abcdefgh"
    };

    @Test
    void edgeMarksAreTrimmedAsTheRegexForThemWould() {
        java.util.regex.Pattern edgeMarks = java.util.regex.Pattern.compile("^[:_-]+|[:_-]+$");
        String chars = ":_-aZ7=+/ ,";
        Random random = new Random(5);
        for (int round = 0; round < 50_000; round++) {
            StringBuilder run = new StringBuilder();
            for (int k = random.nextInt(10); k > 0; k--) {
                run.append(chars.charAt(random.nextInt(chars.length())));
            }
            String text = run.toString();
            assertThat(PayloadDecoder.trimEdgeMarks(text))
                    .as("[%s]", text)
                    .isEqualTo(edgeMarks.matcher(text).replaceAll(""));
        }
    }

    @Test
    void startIsWhereAReadOfEveryCharWouldStart() {
        Random random = new Random(3);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int k = 0; k < pieces; k++) {
                // Mostly run chars, so runs of 20 and more form often enough.
                sb.append(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : PIECES[random.nextInt(5)]);
            }
            String text = sb.toString();
            assertThat(PayloadDecoder.start(text)).as("[%s]", text).isEqualTo(startReadingEveryChar(text));
        }
    }

    /** The definition: read every char, counting the current run, until a '%' or a run of 20. */
    private static int startReadingEveryChar(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                return 0;
            }
            boolean runChar = c < 128 && (Character.isLetterOrDigit(c) || "+/=_-:%".indexOf(c) >= 0);
            boolean separated = (c == ' ' || c == ',')
                    && i > 0
                    && i + 1 < text.length()
                    && Character.isDigit(text.charAt(i - 1))
                    && Character.isDigit(text.charAt(i + 1));
            run = runChar || (run > 0 && separated) ? run + 1 : 0;
            if (run >= 20) {
                return i + 1 - run;
            }
        }
        return -1;
    }

    private final PayloadDecoder decoder = new PayloadDecoder();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void base64RunDecodesWithItsSpan() {
        String run = b64("send the notes to the archive please");
        String text = "payload: " + run + " end";
        var payloads = decoder.decode(text);
        assertThat(payloads).singleElement().satisfies(p -> {
            assertThat(p.decoded()).isEqualTo("send the notes to the archive please");
            assertThat(text.substring(p.start(), p.end())).contains(run);
        });
    }

    @Test
    void base64AfterAnAssignmentDecodes() {
        assertThat(decoder.decode("banner=" + b64("hello from the config file")))
                .singleElement()
                .satisfies(p -> assertThat(p.decoded()).isEqualTo("hello from the config file"));
    }

    @Test
    void binaryHexCodesAndUrlEncodingDecode() {
        assertThat(decoder.decode("01101000 01100101 01101100 01101100 01101111 00100000 01111001 01101111"))
                .singleElement()
                .satisfies(p -> assertThat(p.decoded()).isEqualTo("hello yo"));
        assertThat(decoder.decode("68:65:6c:6c:6f:20:77:6f:72:6c:64"))
                .singleElement()
                .satisfies(p -> assertThat(p.decoded()).isEqualTo("hello world"));
        assertThat(decoder.decode("104,101,108,108,111,32,119,111,114,108,100"))
                .singleElement()
                .satisfies(p -> assertThat(p.decoded()).isEqualTo("hello world"));
        assertThat(decoder.decode("go%20to%20the%20shop")).singleElement().satisfies(p -> assertThat(p.decoded())
                .isEqualTo("go to the shop"));
    }

    @Test
    void hashesAndIdentifiersAreNotReadableText() {
        assertThat(decoder.decode("commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 and "
                        + "getUserAccountSettingsFromDatabase plus uuid 3f2504e0-4f89-11d3-9a0c-0305e82c3301"))
                .isEmpty();
    }

    @Test
    void encodingsBeforeAndAfterTheFirstLongRunAllDecode() {
        String hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        String run = b64("send the notes to the archive please");
        // The escaped run opens with its '%' and is shorter than 20 chars: only that '%' says to read from the start.
        String before = "see %67o%20to%20a%20bar then " + hash + " and " + run;
        assertThat(decoder.decode(before))
                .extracting(p -> before.substring(p.start(), p.end()), PayloadDecoder.Payload::decoded)
                .containsExactly(
                        Tuple.tuple("%67o%20to%20a%20bar", "go to a bar"),
                        Tuple.tuple(run, "send the notes to the archive please"));
        String after = "see " + hash + " then go%20to%20the%20shop";
        assertThat(decoder.decode(after)).singleElement().satisfies(p -> assertThat(after.substring(p.start(), p.end()))
                .isEqualTo("go%20to%20the%20shop"));
    }

    @Test
    void octetsThatOnlyTheirSpacesMakeLongDecodeAfterProse() {
        String text = "a short note, then 01101000 01100101 01101100 01101100 01101111 00100000 01111001 01101111";
        assertThat(decoder.decode(text)).singleElement().satisfies(p -> assertThat(p.decoded())
                .isEqualTo("hello yo"));
    }
}
