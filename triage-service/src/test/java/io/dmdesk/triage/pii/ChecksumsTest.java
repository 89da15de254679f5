package io.dmdesk.triage.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111",
                "5555555555554444",
                "378282246310005",
                "6011111111111117",
                "4555646398006313",
                "5412070907095842"
            })
    void issuersTestCardsPassLuhn(String card) {
        assertThat(Checksums.paymentCard(card)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"4111111111111112", "1234567812345678", "0000000000000000", "41111111111", "12345678901234567890"
            })
    void lookAlikeCardNumbersAreRejected(String number) {
        assertThat(Checksums.paymentCard(number)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GB82WEST12345698765432",
                "NO9386011117947",
                "DE89370400440532013000",
                "SE4550000000058398257466",
                "gb82west12345698765432"
            })
    void validIbansPassMod97(String iban) {
        assertThat(Checksums.iban(iban)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"GB82WEST12345698765433", "NO93860111179470", "XX82WEST12345698765432", "GB82", "LX123456785GB"})
    void wrongCheckLengthOrCountryIbansAreRejected(String iban) {
        assertThat(Checksums.iban(iban)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"86011117947", "15034010002", "97100520005", "12075590006"})
    void norwegianAccountsPassMod11(String account) {
        assertThat(Checksums.norwegianAccount(account)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"86011117948", "12345678901", "8601111794", "860111179470"})
    void norwegianAccountLookAlikesAreRejected(String account) {
        assertThat(Checksums.norwegianAccount(account)).isFalse();
    }
}
