package io.dmdesk.triage.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.triage.pii.NorwegianId.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NorwegianIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"15038512363", "02119245616", "28027621009", "09070451287", "30128833311", "11011079077"})
    void fodselsnummerWithClassicCheckDigitsIsValid(String fnr) {
        assertThat(NorwegianId.validate(fnr)).isEqualTo(Kind.FODSELSNUMMER);
    }

    @Test
    void dNummerAddsFourToTheFirstDigit() {
        assertThat(NorwegianId.validate("55049022262")).isEqualTo(Kind.D_NUMMER);
        assertThat(NorwegianId.validate("61108010001")).isEqualTo(Kind.D_NUMMER);
    }

    @Test
    void hNummerAddsFortyToTheMonth() {
        assertThat(NorwegianId.validate("12459130045")).isEqualTo(Kind.H_NUMMER);
    }

    @Test
    void syntheticTestNumbersAddEightyToTheMonth() {
        assertThat(NorwegianId.validate("17859940013")).isEqualTo(Kind.SYNTHETIC);
    }

    @Test
    void the2032RuleAcceptsK1WhoseRemainderIsOneToThree() {
        String fnr = "05063360068";
        int sum = 0;
        int[] w = {3, 7, 6, 1, 8, 9, 4, 5, 2};
        for (int i = 0; i < 9; i++) {
            sum += (fnr.charAt(i) - '0') * w[i];
        }
        int remainder = (sum + fnr.charAt(9) - '0') % 11;
        assertThat(remainder).as("not valid under the classic rule").isBetween(1, 3);
        assertThat(NorwegianId.isValid(fnr)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "15038512364", // K2 wrong
                "15038512373", // K1 and K2 wrong
                "31028512345", // 31 February
                "15138512363", // month 13
                "15038575012", // individual 750-899 with year 85: no century
                "1503851236", // too short
                "150385123634", // too long
                "1503851236a"
            })
    void lookAlikesAreRejected(String number) {
        assertThat(NorwegianId.isValid(number)).isFalse();
    }
}
