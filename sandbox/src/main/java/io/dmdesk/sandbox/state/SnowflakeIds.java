package io.dmdesk.sandbox.state;

import java.time.Clock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * X-style snowflake ids: {@code ((epochMillis - twitterEpoch) << 22) | sequence}.
 * Strictly increasing even within one millisecond, when the clock steps back, and across restarts
 * (the last id is part of the snapshot), because clients use ids as cursors.
 */
@Component
public class SnowflakeIds implements StatePart {

    static final long TWITTER_EPOCH_MILLIS = 1288834974657L;
    private static final int SEQUENCE_BITS = 22;

    private final Clock clock;
    private long last;

    public SnowflakeIds(Clock clock) {
        this.clock = clock;
    }

    public synchronized long next() {
        long computed = (clock.millis() - TWITTER_EPOCH_MILLIS) << SEQUENCE_BITS;
        last = Math.max(last + 1, computed);
        return last;
    }

    public String nextString() {
        return Long.toString(next());
    }

    @Override
    public String name() {
        return "ids";
    }

    @Override
    public synchronized JsonNode snapshot(JsonMapper mapper) {
        return JsonNodeFactory.instance.objectNode().put("last", last);
    }

    @Override
    public synchronized void restore(JsonNode snapshot, JsonMapper mapper) {
        last = Math.max(last, snapshot.path("last").asLong(0));
    }

    /** Ids are never reset: a client that kept a cursor from before a reset must not see ids go back. */
    @Override
    public void clear() {}
}
