package io.dmdesk.support.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The usage header shapes of Meta's Graph API rate-limiting documentation. */
class MetaUsageTest {

    @Test
    void highestFigureOfBothHeadersCountsAndNearlyFullMeansStop() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-App-Usage", "{\"call_count\":28,\"total_time\":25,\"total_cputime\":25}");
        headers.set(
                "X-Business-Use-Case-Usage",
                "{\"610000000000001\":[{\"type\":\"pages\",\"call_count\":96,"
                        + "\"total_cputime\":20,\"total_time\":30,\"estimated_time_to_regain_access\":7}]}");

        MetaUsage usage = MetaUsage.of(headers);

        assertThat(usage.percent()).isEqualTo(96);
        assertThat(usage.exhausted()).isTrue();
        assertThat(usage.remainingPercent()).isEqualTo(4);
        assertThat(usage.regainIn()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void noHeadersMeansUnknownNotExhausted() {
        MetaUsage usage = MetaUsage.of(new HttpHeaders());
        assertThat(usage.exhausted()).isFalse();
        assertThat(usage.remainingPercent()).isNull();
    }
}
