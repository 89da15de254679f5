package io.dmdesk.sandbox.x;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitizenIdsTest {

    @Test
    void sameHandleInAnyCaseGetsTheSameNineteenDigitIdThatFitsALong() {
        String id = CitizenIds.forHandle("Jane_Citizen");

        assertThat(id).isEqualTo(CitizenIds.forHandle("jane_citizen")).matches("8\\d{18}");
        assertThat(Long.parseLong(id)).isPositive();
        assertThat(CitizenIds.forHandle("john_citizen")).isNotEqualTo(id);
    }
}
