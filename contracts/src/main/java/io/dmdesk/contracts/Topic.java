package io.dmdesk.contracts;

import java.time.Duration;
import java.util.Objects;

/**
 * A Kafka topic with what its records carry and how long the broker keeps them.
 *
 * @param key             what the record key is
 * @param partitions      default partition count: the ceiling on consumer instances per group
 * @param retention       how long the broker keeps a record ({@code retention.ms}): every copy of personal data on
 *                        the topic is gone after this, whatever the stores do
 * @param retentionReason why this long, in one sentence (shown in the README topic table)
 */
public record Topic(
        String name, String key, Class<?> valueType, int partitions, Duration retention, String retentionReason) {

    public Topic {
        Objects.requireNonNull(retention, "retention of " + name);
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention of " + name + " must be positive, was " + retention);
        }
        if (retentionReason == null || retentionReason.isBlank()) {
            throw new IllegalArgumentException("retention of " + name + " needs a reason");
        }
    }

    /** The value of the topic config {@code retention.ms}. */
    public String retentionMs() {
        return Long.toString(retention.toMillis());
    }
}
