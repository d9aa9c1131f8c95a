package dev.caravan.guardrails.pii;

import static dev.caravan.guardrails.pii.PiiFixtures.iban;
import static dev.caravan.guardrails.pii.PiiFixtures.inFours;
import static dev.caravan.guardrails.pii.PiiFixtures.withLuhnDigit;
import static dev.caravan.guardrails.pii.PiiFixtures.withVerhoeffDigit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.HoldProperty;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StreamHoldTest {
    private final PiiDetector detector = new PiiDetector();

    @Test
    void everyFindingACutSplitsIsHeldFromItsStartInTheDevSet() {
        assertThat(HoldProperty.devSetMisses(detector, "pii.jsonl")).isEmpty();
    }

    @Test
    void everyFindingACutSplitsIsHeldFromItsStartInTheFixtures() {
        assertThat(HoldProperty.misses(detector, fixtureTexts())).isEmpty();
    }

    @Test
    void everyFindingACutSplitsIsHeldFromItsStartInComposedTexts() {
        assertThat(HoldProperty.misses(detector, composedTexts(600))).isEmpty();
    }

    @Test
    void proseEndingInWhitespaceIsReleasedWhole() {
        assertThat(detector.holdFrom("")).isZero();
        for (String text : List.of(
                "Thanks, that fixed it. ",
                "I have 3 apples and 12 oranges.\n",
                "Version 1.2.3 is out, see the notes. ")) {
            assertThat(detector.holdFrom(text)).as(text).isEqualTo(text.length());
        }
    }

    @Test
    void aTrailingWordIsHeldAlone() {
        assertThat(held("Thanks, that fixed i")).isEqualTo("i");
        assertThat(held("write to mara.li")).isEqualTo("mara.li");
    }

    @Test
    void aRunOfDigitGroupsThatCanStillGrowIsHeldFromItsStart() {
        assertThat(held("call +1 415 555")).isEqualTo("+1 415 555");
        assertThat(held("call +1 415 555 ")).isEqualTo("+1 415 555 ");
        assertThat(held("card 4111 1111 ")).isEqualTo("4111 1111 ");
        assertThat(held("desk (212) 555-0187x")).isEqualTo("(212) 555-0187x");
    }

    @Test
    void aPhoneLengthNumberIsHeldUntilNoCueWordAfterItCanNameIt() {
        String text = "reach me at 4155550132 tomorrow";
        assertThat(held(text)).isEqualTo("4155550132 tomorrow");
        String later = text + " or the day after, whichever suits. ";
        assertThat(detector.holdFrom(later)).isEqualTo(later.length());
    }

    @Test
    void anIbanStillBeingWrittenIsHeldFromItsCountryCode() {
        String de = inFours(iban("DE", "370400440532013000"), " ");
        assertThat(held("Pay " + de.substring(0, 15))).isEqualTo(de.substring(0, 15));
        assertThat(held("Pay to ACME 1234 ")).isEqualTo("1234 ");
    }

    @Test
    void heldLengthOverBenignTextsIsSmall() {
        assertThat(HoldProperty.meanHeldOverBenign(detector, "pii")).isLessThan(24);
    }

    private String held(String text) {
        return text.substring(detector.holdFrom(text));
    }

    /** The texts with personal data of the detector's own tests, built the same way. */
    private static List<String> fixtureTexts() {
        String visa = withLuhnDigit("411111111111111");
        String amex = withLuhnDigit("37828224631000");
        String aadhaar = withVerhoeffDigit("23456789012");
        return List.of(
                "Send it to mara.lind+invoices@mail.example.co.uk, thanks.",
                "reply to ops@xn--bcher-kva.example and jörg@müller.de",
                "<a href=\"mailto:kim@example.org\">",
                "Ring +44 20 7946 0321 or +55 21 2345-6789 or +81 3-1234-5678.",
                "US (415) 555-0132, UK 020 7946 0123, FR 06 12 34 56 78, JP 03-1234-5678, AU (02) 9876 5432",
                "Desk: (212) 555-0187x204 after nine",
                "My SSN is 123-45-6789.",
                "social security number 123 45 6789",
                "SSN: 123456789",
                "ref 123-45-6789",
                "Card " + inFours(visa, " ") + " or " + withLuhnDigit("222100000000000") + " or " + amex.substring(0, 4)
                        + " " + amex.substring(4, 10) + " " + amex.substring(10),
                "Pay " + iban("GB", "WEST12345698765432") + " or " + inFours(iban("DE", "370400440532013000"), " ")
                        + ".",
                "Aadhaar " + inFours(aadhaar, " "),
                "आधार नंबर " + aadhaar,
                "PAN: ABCPE1234F please",
                "from 8.8.4.4 via 192.168.1.20 and 2606:4700::1111",
                "call about card " + inFours(withLuhnDigit("601100000000000"), " "));
    }

    /**
     * Texts put together at random from personal data, separators, cue words and prose, glued or spaced, so that
     * findings meet cuts in every position and context.
     */
    private static List<String> composedTexts(int count) {
        Random random = new Random(31);
        List<Supplier<String>> pieces = List.of(
                () -> "+1 415 555 0132",
                () -> "(415) 555-0132",
                () -> "4155550132",
                () -> "020 7946 0123",
                () -> "+55 21 2345-6789",
                () -> " my cell",
                () -> " x204",
                () -> " ext. 12",
                () -> inFours(withLuhnDigit("411111111111111"), " "),
                () -> inFours(iban("DE", "370400440532013000"), " "),
                () -> "123-45-6789",
                () -> "123456789",
                () -> " SSN",
                () -> inFours(withVerhoeffDigit("23456789012"), " "),
                () -> withVerhoeffDigit("34567890123"),
                () -> " aadhaar",
                () -> "Order ",
                () -> "ABCPE1234F",
                () -> "mara.lind+x@mail.example.co.uk",
                () -> "8.8.4.4",
                () -> "2606:4700::1111",
                () -> " ",
                () -> "-",
                () -> ".",
                () -> "(",
                () -> "+",
                () -> "-Fax",
                () -> "x",
                () -> String.valueOf(random.nextInt(10)),
                () -> "and some words ".repeat(1 + random.nextInt(4)));
        return HoldProperty.composed(random, pieces, count, 12);
    }

    @Test
    void aWordThatPunctuationEndedIsReleasedAtOnce() {
        assertThat(held("Hello!")).isEmpty();
        assertThat(held("Write to us, please;")).isEmpty();
        assertThat(held("write to mara.li")).isEqualTo("mara.li");
    }
}
