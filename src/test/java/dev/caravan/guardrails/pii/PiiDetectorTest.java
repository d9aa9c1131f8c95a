package dev.caravan.guardrails.pii;

import static dev.caravan.guardrails.pii.PiiFixtures.iban;
import static dev.caravan.guardrails.pii.PiiFixtures.inFours;
import static dev.caravan.guardrails.pii.PiiFixtures.withLuhnDigit;
import static dev.caravan.guardrails.pii.PiiFixtures.withVerhoeffDigit;
import static dev.caravan.guardrails.pii.PiiFixtures.withWrongLuhnDigit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caravan.guardrails.Category;
import dev.caravan.guardrails.Finding;
import dev.caravan.guardrails.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {
    private final PiiDetector detector = new PiiDetector();

    /** The values reported at or above the default threshold of 0.5, as "category=value". */
    private List<String> flagged(String text) {
        return detector.scan(text, Source.USER).stream()
                .filter(f -> f.score() >= 0.5)
                .map(f -> f.category().id() + "=" + text.substring(f.start(), f.end()))
                .toList();
    }

    @Test
    void describesItself() {
        assertThat(detector.id()).isEqualTo("pii");
        assertThat(detector.categories()).contains(Category.PII_EMAIL, Category.PII_AADHAAR, Category.IP_ADDRESS);
    }

    @Test
    void emailAddressIsReportedWithExactSpan() {
        assertThat(flagged("Send it to mara.lind+invoices@mail.example.co.uk, thanks."))
                .containsExactly("pii_email=mara.lind+invoices@mail.example.co.uk");
    }

    @Test
    void punycodeAndUnicodeDomainsAreAddresses() {
        assertThat(flagged("reply to ops@xn--bcher-kva.example and jörg@müller.de"))
                .containsExactly("pii_email=ops@xn--bcher-kva.example", "pii_email=jörg@müller.de");
    }

    @Test
    void decoratorsMentionsPackagesAndIpHostsAreNotAddresses() {
        assertThat(flagged("@Override on @team; npm i @scope/pkg@1.2.3; ssh admin@10.0.0.5; icon@2x.png"))
                .isEmpty();
    }

    @Test
    void gitRemotesAndUrlCredentialsAreNotAddresses() {
        assertThat(
                        flagged(
                                "git@github.com:org/repo.git or ssh://git@host.example/repo or postgres://u:pw@db.example.com/x"))
                .isEmpty();
    }

    @Test
    void mailtoLinkIsAnAddress() {
        assertThat(flagged("<a href=\"mailto:kim@example.org\">")).containsExactly("pii_email=kim@example.org");
    }

    @Test
    void internationalPhoneNumbersAreReportedInAnyRegion() {
        assertThat(flagged("Ring +44 20 7946 0321 or +55 21 2345-6789 or +81 3-1234-5678."))
                .containsExactly(
                        "pii_phone=+44 20 7946 0321", "pii_phone=+55 21 2345-6789", "pii_phone=+81 3-1234-5678");
    }

    @Test
    void nationalPhoneFormatsOfSeveralRegionsAreReported() {
        assertThat(flagged(
                        "US (415) 555-0132, UK 020 7946 0123, FR 06 12 34 56 78, JP 03-1234-5678, AU (02) 9876 5432"))
                .containsExactly(
                        "pii_phone=(415) 555-0132",
                        "pii_phone=020 7946 0123",
                        "pii_phone=06 12 34 56 78",
                        "pii_phone=03-1234-5678",
                        "pii_phone=(02) 9876 5432");
    }

    @Test
    void nationalNumbersOfRegionsWithoutATrunkPrefixAreReportedWhenNamed() {
        assertThat(flagged("Call me on 612 34 08 04 (Madrid), WhatsApp 512 940 274, Tel. 8169 5939, mob 131 2363 3227"))
                .containsExactly(
                        "pii_phone=612 34 08 04",
                        "pii_phone=512 940 274",
                        "pii_phone=8169 5939",
                        "pii_phone=131 2363 3227");
    }

    @Test
    void aPhoneFieldWrittenHardAgainstItsLabelIsReported() {
        assertThat(flagged("BEGIN:VCARD\nTEL;TYPE=cell:07400 131363\nEND:VCARD"))
                .containsExactly("pii_phone=07400 131363");
        assertThat(flagged("tel:506.293.6094")).containsExactly("pii_phone=506.293.6094");
        assertThat(flagged("build:07400 131363")).isEmpty();
    }

    @Test
    void aCodeWordOnTheLineAboveDoesNotUnnameANumber() {
        assertThat(flagged("Marta Kowalska | Account Manager\nM: +819012042355"))
                .containsExactly("pii_phone=+819012042355");
        assertThat(flagged("Account +819012042355")).isEmpty();
    }

    @Test
    void rangesAndListsOfSameShapedNumbersAreNotPhones() {
        assertThat(flagged("Frame counts 081 232 680 / 081 232 699.")).isEmpty();
        assertThat(flagged("Numbers 555-1234 to 555-9999 are reserved.")).isEmpty();
        assertThat(flagged("Call 020 7946 0123 / 020 7946 0124"))
                .containsExactly("pii_phone=020 7946 0123", "pii_phone=020 7946 0124");
    }

    @Test
    void trunkPrefixedNumbersOfMoreRegionsAreReported() {
        assertThat(flagged("Seoul 010-2007-8666, Nairobi 020 2746898, Lausanne 021.257.97.14, Paris 01-23-71-43-81"))
                .containsExactly(
                        "pii_phone=010-2007-8666",
                        "pii_phone=020 2746898",
                        "pii_phone=021.257.97.14",
                        "pii_phone=01-23-71-43-81");
    }

    @Test
    void numbersDialledWithTheInternationalPrefixAreReported() {
        assertThat(flagged("From abroad call 0044 20 7946 0123 or 001-415-555-0132."))
                .containsExactly("pii_phone=0044 20 7946 0123", "pii_phone=001-415-555-0132");
    }

    @Test
    void bracketedAreaCodeSaysPhoneWithoutACueWord() {
        assertThat(flagged("Santiago office (2) 2129 2861, ask for Ana")).containsExactly("pii_phone=(2) 2129 2861");
    }

    @Test
    void dialledNumberIsNeverACardEvenWhenLuhnValid() {
        String digits = PiiFixtures.withLuhnDigit("491512344969");
        assertThat(flagged("My mobile is +" + digits + ".")).containsExactly("pii_phone=+" + digits);
    }

    @Test
    void quantitiesInThousandsAndPairedDatesStayUnflaggedWithoutACue() {
        assertThat(flagged("We reached 512 940 274 users on 15-03-24; the 2024-03-15-0007 batch"))
                .isEmpty();
    }

    @Test
    void phoneExtensionBelongsToTheSpan() {
        assertThat(flagged("Desk: (212) 555-0187x204 after nine")).containsExactly("pii_phone=(212) 555-0187x204");
    }

    @Test
    void datesVersionsCoordinatesAndShortCodesAreNotPhones() {
        assertThat(flagged("On 2024-01-15 we shipped 3.12.1; see 48.8584, 2.2945; dial 911 or 311; part 555-0100-A"))
                .isEmpty();
    }

    @Test
    void numbersNamedAsOrdersOrCompaniesAreNotPhones() {
        assertThat(flagged("Order 0161 496 0000 was split; company number: 04123456"))
                .isEmpty();
    }

    @Test
    void numbersNamedAsVouchersPurchaseOrdersOrMembershipsAreNotPhones() {
        assertThat(flagged("Voucher code 0345 678 9012 is valid until June.")).isEmpty();
        assertThat(flagged("PO 02 9876 5432 approved.")).isEmpty();
        assertThat(flagged("Member no. 0207 946 0321, loyalty tier gold")).isEmpty();
        assertThat(flagged("Call 0345 678 9012 for the voucher")).containsExactly("pii_phone=0345 678 9012");
    }

    @Test
    void aNumberValidOnlyOutsideTheCommonTrunkRegionsNeedsAWordOrAnAreaCodeToBeAPhone() {
        assertThat(flagged("The log shows 0370 4521 twice.")).isEmpty();
        assertThat(flagged("Call me on 0370 4521 tonight.")).containsExactly("pii_phone=0370 4521");
    }

    @Test
    void digitsThatEndOrBeginALongerCodeAreNotPhones() {
        assertThat(flagged("Tracking number 1Z 999 AA1 01 2345 6784 (UPS).")).isEmpty();
        assertThat(flagged("Ref. 020 7946 0991-A in the ledger.")).isEmpty();
        assertThat(flagged("Call 020 7946 0991 today")).containsExactly("pii_phone=020 7946 0991");
        assertThat(flagged("Phone 21 253 109 8211-Office")).containsExactly("pii_phone=21 253 109 8211");
    }

    @Test
    void serialPartAndStandardNumbersAndFirmwareAreNotPhones() {
        assertThat(flagged("Device S/N 0317 8471 2290 is under warranty.")).isEmpty();
        assertThat(flagged("P/N 0412-345-678 is the replacement filter.")).isEmpty();
        assertThat(flagged("ISSN 0317-8471 is the journal.")).isEmpty();
        assertThat(flagged("Firmware 03.01.22.118 resolves the bug.")).isEmpty();
        assertThat(flagged("Reading 0.7712 3456 on the meter.")).isEmpty();
    }

    @Test
    void anIdWordThatLabelsTheNumberOutweighsAPhoneWordThatNamesSomethingElse() {
        assertThat(flagged("Mobile app build 2026120701 was rejected by review."))
                .isEmpty();
        assertThat(flagged("Phone support ticket 2026-118-4471 is still open.")).isEmpty();
        assertThat(flagged("Dial-in details: meeting ID 845 2210 9931, passcode 482913"))
                .isEmpty();
        assertThat(flagged("Phone support ticket no. 2026-118-4471 is still open."))
                .isEmpty();
    }

    @Test
    void anIdWordRightAfterAPhoneWordIsWhatThePhoneWordQualifies() {
        assertThat(flagged("Call ref 0161 496 0000 is on the recording.")).isEmpty();
        assertThat(flagged("Phone serial 0161 496 0000, bought in May.")).isEmpty();
        assertThat(flagged("Phone numbers: 0161 496 0000")).containsExactly("pii_phone=0161 496 0000");
        assertThat(flagged("Phone 0161 496 0000, order ref on the invoice")).containsExactly("pii_phone=0161 496 0000");
    }

    @Test
    void aPhoneWordStillNamesTheNumberWhenTheIdWordLabelsNothingOrAnotherNumber() {
        assertThat(flagged("Please ring the patient on (415) 555-0125 to confirm."))
                .containsExactly("pii_phone=(415) 555-0125");
        assertThat(flagged("Our phone numbers: 020 7946 0991")).containsExactly("pii_phone=020 7946 0991");
        assertThat(flagged("Call me about order 12345 at 020 7946 0991")).containsExactly("pii_phone=020 7946 0991");
        assertThat(flagged("Support ticket 4471: call 020 7946 0991")).containsExactly("pii_phone=020 7946 0991");
    }

    @Test
    void codesPinsBadgesSizesAndCountsAreNotPhones() {
        assertThat(flagged("Text me the code: 7781 2290")).isEmpty();
        assertThat(flagged("Contact reason code 0700 1234 appears in the export."))
                .isEmpty();
        assertThat(flagged("Desk 12, floor 3, badge 2231 0477.")).isEmpty();
        assertThat(flagged("Ring buffer size 1048576, head 524288.")).isEmpty();
        assertThat(flagged("Contact count 0700 1234 in the CRM.")).isEmpty();
        assertThat(flagged("Text me on 0412 491 768 when the code arrives.")).containsExactly("pii_phone=0412 491 768");
    }

    @Test
    void telIsAWordOfItsOwnNotThePrefixOfTelegramOrTelemetry() {
        assertThat(flagged("Telegram user 7309214458 joined the group.")).isEmpty();
        assertThat(flagged("Telemetry 7309214458 packets dropped.")).isEmpty();
        assertThat(flagged("Tel. 020 7946 0991")).containsExactly("pii_phone=020 7946 0991");
        assertThat(flagged("Telephone: 020 7946 0991")).containsExactly("pii_phone=020 7946 0991");
    }

    @Test
    void fiveOrMoreDottedGroupsAreAPhoneNotADottedQuad() {
        assertThat(flagged("Hotel front desk 8.912.300.28.47, ask for room 412."))
                .containsExactly("pii_phone=8.912.300.28.47");
        assertThat(flagged("Front desk build 10.2.3.4512")).isEmpty();
        assertThat(flagged("Front desk 1.22.333.4.55")).isEmpty();
    }

    @Test
    void aTwoDigitTailAfterAGroupOfFourOrMoreIsACheckOrSuffixNotAPhone() {
        assertThat(flagged("Pack 0777-4412-07 was recalled last week.")).isEmpty();
        assertThat(flagged("Number 0207 9460 99 is printed on the voucher back."))
                .isEmpty();
        assertThat(flagged("Call 0777 441 2071 tonight")).containsExactly("pii_phone=0777 441 2071");
    }

    @Test
    void aBracketedLastGroupIsAYearNotAnAreaCode() {
        assertThat(flagged("J. Chem. Phys. 152, 034102 (2020), pp. 10-18.")).isEmpty();
        assertThat(flagged("Front desk: (020) 7946 0991")).containsExactly("pii_phone=(020) 7946 0991");
    }

    @Test
    void aNumberSignAgainstTheDigitsNumbersAnItemUnlessAPhoneWordNamesIt() {
        assertThat(flagged("Contact form entry #020 7946 0991 was spam.")).isEmpty();
        assertThat(flagged("Reach the team in thread #020 7946 0991.")).isEmpty();
        assertThat(flagged("Phone #020 7946 0991 after six")).containsExactly("pii_phone=020 7946 0991");
    }

    @Test
    void eightDigitsThatReadAsADateStampAnIdWhenMoreGroupsFollow() {
        assertThat(flagged("Contact form entry 20251130-7712 came from the website."))
                .isEmpty();
        assertThat(flagged("Reach the archive under 20251130 0412.")).isEmpty();
        assertThat(flagged("Contact form entry 20251130 was fine.")).isEmpty();
    }

    @Test
    void telWithAnAccentIsTheFrenchPhoneWordAndSupportOrDirectLineAContactWord() {
        assertThat(flagged("Tél. : 0712345678 - demandez Paul.")).containsExactly("pii_phone=0712345678");
        assertThat(flagged("Our support line 0712345678 is open on weekdays.")).containsExactly("pii_phone=0712345678");
        assertThat(flagged("Direct line: 0712345678")).containsExactly("pii_phone=0712345678");
        assertThat(flagged("Réf. : 0712345678 - demandez Paul.")).isEmpty();
        assertThat(flagged("Our line 0712345678 is long.")).isEmpty();
    }

    @Test
    void fourDottedGroupsNoAddressHasAreAPhoneWhenAPhoneWordNamesThem() {
        assertThat(flagged("Handy: 12.345.67.89 (abends)")).containsExactly("pii_phone=12.345.67.89");
        assertThat(flagged("Server 12.345.67.89 is down")).isEmpty();
        assertThat(flagged("Mobile app version 12.345.67.89 crashes")).isEmpty();
        assertThat(flagged("Phone firmware 10.2.3.4512 is current")).isEmpty();
    }

    @Test
    void aBareDigitRunNeedsAPhoneWordNotJustAContactWord() {
        assertThat(flagged("The number 4294967296 is two to the 32nd.")).isEmpty();
        assertThat(flagged("Number of rows: 4155550132")).isEmpty();
        assertThat(flagged("Reach 4155550132 users by the third quarter.")).isEmpty();
        assertThat(flagged("The office has 4155550132 square feet.")).isEmpty();
        assertThat(flagged("My number is 4155550132.")).containsExactly("pii_phone=4155550132");
        assertThat(flagged("Contact number: 4155550132")).containsExactly("pii_phone=4155550132");
        assertThat(flagged("Reach me on 415 555 0132 tonight")).containsExactly("pii_phone=415 555 0132");
    }

    @Test
    void aPhoneWordStraightAfterTheNumberIsWhatTheNumberCountsNotItsName() {
        assertThat(flagged("Sold 40 NVDA 2028 180 calls at 3.10 this morning.")).isEmpty();
        assertThat(flagged("Close the 6100/6150 call spread before expiry.")).isEmpty();
        assertThat(flagged("Save 0412 877 301 (mobile) for later.")).containsExactly("pii_phone=0412 877 301");
        assertThat(flagged("0412 877 301 - call after six")).containsExactly("pii_phone=0412 877 301");
    }

    @Test
    void numberIsAPhoneWordOnlyWhenNoOtherNounQualifiesIt() {
        assertThat(flagged("Our CAGE number is 27-310-5546, the portal wants it."))
                .isEmpty();
        assertThat(flagged("The exam roll number: 61-402-7719")).isEmpty();
        assertThat(flagged("Can you check this number: 61-402-7719")).isNotEmpty();
        assertThat(flagged("My new number is 61-402-7719.")).isNotEmpty();
    }

    @Test
    void aBracketedGlossEndingInANumberNounNamesAnotherKindOfNumber() {
        assertThat(flagged("Parcel 031-552-874 (land title number) was split.")).isEmpty();
        assertThat(flagged("Quote 0361 224 519 (supplier id) on the form.")).isEmpty();
        assertThat(flagged("Ring 0412 877 301 (home number) tonight.")).containsExactly("pii_phone=0412 877 301");
        assertThat(flagged("0800 731 2290 (account enquiries)")).containsExactly("pii_phone=0800 731 2290");
    }

    @Test
    void aColumnOfSameShapedNumbersOneALineIsAListOfIds() {
        assertThat(flagged("shipment\n(617) 440-2281\n(617) 440-2282\n(617) 440-2290"))
                .isEmpty();
        assertThat(flagged("Phones:\n(617) 440-2281\n(617) 440-2290")).hasSize(2);
    }

    @Test
    void fiveDigitsAHyphenAndFourAfterAStateCodeOrAPostalWordAreAPostalCode() {
        assertThat(flagged("Mail it to 12 Elm St, Hartford, CT 06103-2217 by Monday."))
                .isEmpty();
        assertThat(flagged("CEP 04538-132, Itaim Bibi")).isEmpty();
        assertThat(flagged("Telefon 06103-2217")).containsExactly("pii_phone=06103-2217");
    }

    @Test
    void docketAndRoutingNumbersAreIds() {
        assertThat(flagged("Docket (21) 3390-1846 was continued to March.")).isEmpty();
        assertThat(flagged("routing 0312 5589 07 for the wire")).isEmpty();
    }

    @Test
    void orderInvoiceAndCustomerWordsInOtherLanguagesAreIdWords() {
        assertThat(flagged("Bestellnummer 020 7946 0991 ist unterwegs.")).isEmpty();
        assertThat(flagged("Rechnung 020 7946 0991 vom Mai")).isEmpty();
        assertThat(flagged("Facture 020 7946 0991 du mois de mai")).isEmpty();
        assertThat(flagged("Pedido 020 7946 0991 enviado")).isEmpty();
        assertThat(flagged("Klantnummer 020 7946 0991")).isEmpty();
        assertThat(flagged("Telefon 020 7946 0991")).containsExactly("pii_phone=020 7946 0991");
    }

    @Test
    void argentineMobilesDialledWithFifteenAreWholePhones() {
        assertThat(flagged("Contact number: 011 15-2397-4668")).containsExactly("pii_phone=011 15-2397-4668");
        assertThat(flagged("Call 0351 15-512-3456 tonight")).containsExactly("pii_phone=0351 15-512-3456");
        assertThat(flagged("Invoice 011 15-2397-4668")).isEmpty();
    }

    @Test
    void tokenBeforeAColonIsNotAPhone() {
        assertThat(flagged("BOT_TOKEN=4155550132:AAH" + "x".repeat(30))).isEmpty();
    }

    @Test
    void ssnWithValidRangesIsReported() {
        assertThat(flagged("My SSN is 123-45-6789.")).containsExactly("pii_ssn=123-45-6789");
        assertThat(flagged("social security number 123 45 6789")).containsExactly("pii_ssn=123 45 6789");
    }

    @Test
    void ssnWithForbiddenRangesIsNotReported() {
        assertThat(flagged("SSN 000-12-3456, 666-12-3456, 912-12-3456, 123-00-4567, 123-45-0000"))
                .isEmpty();
    }

    @Test
    void bareNineDigitsAreAnSsnOnlyWithAnSsnWordNearby() {
        assertThat(flagged("SSN: 123456789")).containsExactly("pii_ssn=123456789");
        assertThat(flagged("Invoice 123456789 is overdue")).isEmpty();
    }

    @Test
    void ssnShapeWithoutContextScoresLowerThanWithContext() {
        double bare = detector.scan("ref 123-45-6789", Source.USER).get(0).score();
        double named = detector.scan("SSN 123-45-6789", Source.USER).get(0).score();
        assertThat(bare).isBetween(0.5, 0.7);
        assertThat(named).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void luhnValidCardsOfKnownIssuersAreReportedGroupedOrNot() {
        String visa = withLuhnDigit("411111111111111");
        String mastercard2 = withLuhnDigit("222100000000000");
        String amex = withLuhnDigit("37828224631000");
        assertThat(flagged("Card " + inFours(visa, " ") + " or " + mastercard2 + " or " + amex.substring(0, 4) + " "
                        + amex.substring(4, 10) + " " + amex.substring(10)))
                .containsExactly(
                        "pii_card=" + inFours(visa, " "),
                        "pii_card=" + mastercard2,
                        "pii_card=" + amex.substring(0, 4) + " " + amex.substring(4, 10) + " " + amex.substring(10));
    }

    @Test
    void cardShapedNumberFailingLuhnIsNotReported() {
        assertThat(flagged("Membership " + inFours(withWrongLuhnDigit("411111111111111"), "-")))
                .isEmpty();
    }

    @Test
    void luhnValidNumberWithoutAnIssuerPrefixIsNotACard() {
        assertThat(flagged("Tracking " + withLuhnDigit("990000000000012"))).isEmpty();
    }

    @Test
    void ibanIsReportedCompactAndGrouped() {
        String gb = iban("GB", "WEST12345698765432");
        String de = iban("DE", "370400440532013000");
        assertThat(flagged("Pay " + gb + " or " + inFours(de, " ") + "."))
                .containsExactly("pii_iban=" + gb, "pii_iban=" + inFours(de, " "));
    }

    @Test
    void ibanWithBadCheckDigitsIsNotReportedAsAnything() {
        String good = iban("NL", "ABNA0417164300");
        String bad = good.substring(0, 2) + (good.charAt(2) == '9' ? '1' : '9') + good.substring(3);
        assertThat(flagged("Reference " + inFours(bad, " ") + " on the statement"))
                .isEmpty();
    }

    @Test
    void verhoeffValidAadhaarIsReported() {
        String aadhaar = withVerhoeffDigit("23456789012");
        assertThat(flagged("Aadhaar " + inFours(aadhaar, " "))).containsExactly("pii_aadhaar=" + inFours(aadhaar, " "));
        assertThat(flagged("आधार नंबर " + aadhaar)).containsExactly("pii_aadhaar=" + aadhaar);
    }

    @Test
    void aadhaarFailingVerhoeffOrStartingWithOneIsNotReported() {
        String valid = withVerhoeffDigit("23456789012");
        String broken = valid.substring(0, 11) + (char) ('0' + (valid.charAt(11) - '0' + 1) % 10);
        assertThat(flagged("Aadhaar " + inFours(broken, " "))).isEmpty();
        assertThat(flagged("Aadhaar " + inFours(withVerhoeffDigit("13456789012"), " ")))
                .isEmpty();
    }

    @Test
    void panIsReportedAsAWholeWord() {
        assertThat(flagged("PAN: ABCPE1234F please")).containsExactly("pii_pan=ABCPE1234F");
    }

    @Test
    void panShapeWithInvalidHolderTypeOrInsideAWordIsNotReported() {
        assertThat(flagged("Voucher PQRSU6678S and XABCPE1234F")).isEmpty();
    }

    @Test
    void publicIpAddressesScoreHighAndPrivateOnesLow() {
        List<Finding> found = detector.scan("from 8.8.4.4 via 192.168.1.20 and 2606:4700::1111", Source.USER);
        assertThat(found).extracting(Finding::category).containsOnly(Category.IP_ADDRESS);
        assertThat(found).extracting(Finding::score).containsExactly(0.85, 0.45, 0.85);
    }

    @Test
    void versionsMacAddressesTimesAndScopeOperatorsAreNotIpAddresses() {
        assertThat(detector.scan(
                        "v1.2.3.4, version 4.2.1.0, 1.2.3, 00:1A:2B:3C:4D:5E, 12:30:45, std::vector, ::", Source.USER))
                .isEmpty();
    }

    @Test
    void valueReportedAsCardIsNotAlsoAPhone() {
        String card = withLuhnDigit("601100000000000");
        assertThat(flagged("call about card " + inFours(card, " "))).containsExactly("pii_card=" + inFours(card, " "));
    }

    @Test
    void emptyTextHasNoFindings() {
        assertThat(detector.scan("", Source.USER)).isEmpty();
    }
}
