package io.dmdesk.triage.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UkIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"AB123456C", "PA731922B", "JK000000A", "ZY123456D", "CE123456A"})
    void ninoFollowingHmrcRulesIsValid(String nino) {
        assertThat(UkIds.nino(nino)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "QQ123456C",
                "DA123456A",
                "AD123456A",
                "AO123456A",
                "BG123456A",
                "GB123456A",
                "NK123456A",
                "TN123456A",
                "ZZ123456A",
                "AB123456E",
                "AB12345C",
                "A1123456C"
            })
    void ninoBreakingHmrcRulesIsRejected(String nino) {
        assertThat(UkIds.nino(nino)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"SW1A1AA", "DE221AB", "M11AE", "B338TH", "CR26XH", "DN551PT", "EC1A1BB", "NG72RD", "GIR0AA"})
    void royalMailPostcodeFormatsAreValid(String postcode) {
        assertThat(UkIds.postcode(postcode)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q11AA", "SW1A1A", "DE22A", "1AB2CD", "V11AA"})
    void impossiblePostcodesAreRejected(String postcode) {
        assertThat(UkIds.postcode(postcode)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB51ABC", "KX19TZB", "BD61KMR", "YT20HBG", "LN68XCV", "WR02ABZ"})
    void currentStylePlatesWithARealAgeIdentifierAreValid(String plate) {
        assertThat(UkIds.plate(plate)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB31ABC", "AB80ABC", "AB01ABC", "IB51ABC", "AB51AIC", "QB51ABC", "AB5ABC"})
    void platesThatCannotBeIssuedAreRejected(String plate) {
        assertThat(UkIds.plate(plate)).isFalse();
    }
}
