package io.dmdesk.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOnOneToHundred() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).toArray());
        assertThat(p)
                .extracting(Percentiles::p50, Percentiles::p95, Percentiles::p99, Percentiles::max)
                .containsExactly(50L, 95L, 99L, 100L);
        assertThat(p.mean()).isEqualTo(50.5);
    }

    @Test
    void smallAndEmptySamples() {
        assertThat(Percentiles.of(new long[] {7}).p99()).isEqualTo(7);
        assertThat(Percentiles.of(new long[] {30, 10, 20}).p50()).isEqualTo(20);
        assertThat(Percentiles.of(new long[0]).count()).isZero();
    }

    @Test
    void secondsLongLatenciesStayWithinAPermilleOfTheExactValue() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 20_000).toArray());
        assertThat(p.p99()).isBetween(19_800L, 19_800L + 20);
        assertThat(p.p90()).isBetween(18_000L, 18_000L + 18);
        assertThat(p.max()).isBetween(20_000L, 20_000L + 20);
    }
}
