package io.dmdesk.triage.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.triage.rules.Lexicon;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalDataScannerTest {

    private static final PersonalDataScanner SCANNER = new PersonalDataScanner(Lexicon.bundled());

    private static List<String> found(String text) {
        return SCANNER.find(text).stream()
                .map(s -> s.type() + ":" + text.substring(s.start(), s.end()))
                .toList();
    }

    @Test
    void validatedIdentifiersAreFoundWithExactSpans() {
        assertThat(found("fnr 15038512363, konto 9710.05.20005, kort 4111 1111 1111 1111, iban NO93 8601 1117 947"))
                .containsExactly(
                        "NATIONAL_ID:15038512363",
                        "BANK_ACCOUNT:9710.05.20005",
                        "PAYMENT_CARD:4111 1111 1111 1111",
                        "IBAN:NO93 8601 1117 947");
    }

    @Test
    void lookAlikesWithWrongCheckDigitsAreNotFlagged() {
        assertThat(found("order 40392817, tracking LX123456785GB, fnr 15038512364, card 4111 1111 1111 1112, "
                        + "KID 0012345678903, ref 22/123456/25"))
                .isEmpty();
    }

    @Test
    void phoneNumbersInBothCountries() {
        assertThat(found("ring meg på 918 76 543 eller +47 934 56 789, UK 07700 900123 or +44 20 7946 0000"))
                .containsExactly(
                        "PHONE:918 76 543", "PHONE:+47 934 56 789", "PHONE:07700 900123", "PHONE:+44 20 7946 0000");
    }

    @Test
    void namesByContextInEnglishBokmalAndNynorsk() {
        assertThat(found("my name is john smith")).containsExactly("PERSON:john smith");
        assertThat(found("Hei, jeg heter Kari Nordmann og")).containsExactly("PERSON:Kari Nordmann");
        assertThat(found("eg heiter Olav Hauge")).containsExactly("PERSON:Olav Hauge");
        assertThat(found("thanks to PC Khan")).containsExactly("PERSON:Khan");
        assertThat(found("my name is not important")).isEmpty();
    }

    @Test
    void addressesByStreetWordsAndHouseNumbers() {
        assertThat(found("he lives at 14 Elm Road, DE1 3QT"))
                .containsExactly("ADDRESS:14 Elm Road", "POSTCODE:DE1 3QT");
        assertThat(found("bor i Kirkeveien 45, 0368 Oslo")).containsExactly("ADDRESS:Kirkeveien 45", "POSTCODE:0368");
        assertThat(found("on my way to the park down the road")).isEmpty();
    }

    @Test
    void platesDatesOfBirthEmailAndIp() {
        assertThat(found("reg KX19 TZB and EL 12345")).containsExactly("VEHICLE_REG:KX19 TZB", "VEHICLE_REG:EL 12345");
        assertThat(found("born 14/02/1990, happened 14/02/2020")).containsExactly("DATE_OF_BIRTH:14/02/1990");
        assertThat(found("mail a.b@example.com from 81.2.69.160, version 1.2.3.4"))
                .containsExactly("EMAIL:a.b@example.com", "IP_ADDRESS:81.2.69.160");
        assertThat(found("NI number AB 12 34 56 C")).containsExactly("NATIONAL_ID:AB 12 34 56 C");
    }

    @Test
    void redactionReplacesEachSpanByItsType() {
        String text = "call 07700 900123 or mail a@b.no";
        List<EntitySpan> spans = SCANNER.find(text);
        assertThat(PersonalDataScanner.redact(text, spans)).isEqualTo("call [PHONE] or mail [EMAIL]");
    }
}
