package io.dmdesk.sandbox.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SnowflakeIdsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T22:30:00Z"));
    private final SnowflakeIds ids = new SnowflakeIds(clock);

    @Test
    void idsCarryTheTimestampLikeXSnowflakes() {
        long id = ids.next();

        assertThat(id >> 22).isEqualTo(clock.millis() - SnowflakeIds.TWITTER_EPOCH_MILLIS);
        assertThat(Long.toString(id)).hasSize(19);
    }

    @Test
    void idsStrictlyIncreaseWithinOneMillisecondAndWhenTheClockGoesBack() {
        List<Long> seen = new ArrayList<>();
        seen.add(ids.next());
        seen.add(ids.next());
        clock.advance(Duration.ofSeconds(-30));
        seen.add(ids.next());
        clock.advance(Duration.ofMinutes(1));
        seen.add(ids.next());

        assertThat(seen).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void idsKeepIncreasingAfterARestartWhoseClockIsBehind() {
        long before = ids.next();
        JsonMapper mapper = JsonMapper.builder().build();

        SnowflakeIds restarted = new SnowflakeIds(new MutableClock(Instant.parse("2026-11-24T22:00:00Z")));
        restarted.restore(ids.snapshot(mapper), mapper);

        assertThat(restarted.next()).isGreaterThan(before);
    }

    @Test
    void concurrentCallersNeverGetTheSameId() {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 10_000).parallel().forEach(i -> seen.add(ids.next()));

        assertThat(seen).hasSize(10_000);
    }
}
