package io.dmdesk.contracts;

/**
 * A Kafka topic with what its records carry.
 *
 * @param key        what the record key is
 * @param partitions default partition count: the ceiling on consumer instances per group
 */
public record Topic(String name, String key, Class<?> valueType, int partitions) {
}
