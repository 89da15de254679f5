package io.dmdesk.support.kafka;

import io.dmdesk.contracts.Topics;
import io.dmdesk.support.crypto.ErasedRecords;
import io.dmdesk.support.crypto.EventSealer;
import io.dmdesk.support.crypto.RecordKeyErasedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The replay path for dead letters: sends each record of a DLQ back to the topic it came from (the binder's
 * {@code x-original-topic} or {@code kafka_dlt-original-topic} header), with its key and without the
 * exception headers, then commits it under the
 * consumer group {@code <dlq>.replay} so a record is replayed once. Records that fail again land in the DLQ
 * again, where a later replay finds them. A record whose data key was erased (crypto-shredding) is not sent back:
 * it is committed as done and the refusal audited (RECORD_KEY_ERASED, where {@code dlq-replay}).
 */
public class DlqReplayer {

    /** Where the binder's DLQ records name their source topic. */
    static final String ORIGINAL_TOPIC = "x-original-topic";
    /** Where spring-kafka's dead-letter publisher (container-level retry) names it. */
    static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";

    private final String bootstrapServers;
    private final EventSealer sealer;
    private final ErasedRecords erasedRecords;

    public DlqReplayer(String bootstrapServers, EventSealer sealer, ErasedRecords erasedRecords) {
        this.bootstrapServers = bootstrapServers;
        this.sealer = sealer;
        this.erasedRecords = erasedRecords;
    }

    /** What one replay did: records sent back, and records refused because their data key was erased. */
    public record Outcome(int replayed, int refusedErased) {}

    /** Dead-letter topics with the records not yet replayed. */
    public Map<String, Long> pending() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> dlqs = admin.listTopics().names().get().stream()
                    .filter(t -> t.endsWith(".dlq"))
                    .sorted()
                    .toList();
            Map<String, Long> pending = new TreeMap<>();
            for (String dlq : dlqs) {
                var partitions = admin.describeTopics(List.of(dlq)).allTopicNames().get().get(dlq).partitions().stream()
                        .map(p -> new TopicPartition(dlq, p.partition()))
                        .toList();
                var ends = admin.listOffsets(
                                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all()
                        .get();
                var committed = admin.listConsumerGroupOffsets(replayGroup(dlq))
                        .partitionsToOffsetAndMetadata()
                        .get();
                long count = partitions.stream()
                        .mapToLong(p -> ends.get(p).offset()
                                - (committed.get(p) == null
                                        ? 0
                                        : committed.get(p).offset()))
                        .sum();
                pending.put(dlq, count);
            }
            return pending;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read dead-letter topics", e.getCause());
        }
    }

    /**
     * Replays up to {@code max} records of one DLQ, only those in it when the replay starts: a record that
     * fails again lands behind that mark and waits for the next replay instead of looping. Returns the count.
     */
    public int replay(String dlq, int max) {
        return replayWithOutcome(dlq, max).replayed();
    }

    /** As {@link #replay}, also counting the records refused because their report was erased. */
    public Outcome replayWithOutcome(String dlq, int max) {
        if (!dlq.endsWith(".dlq")) {
            throw new IllegalArgumentException("not a dead-letter topic: " + dlq);
        }
        int replayed = 0;
        int refused = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(dlq);
                KafkaProducer<byte[], byte[]> producer = producer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlq, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(dlq, p.partition()))
                    .toList();
            Map<TopicPartition, Long> mark = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                if (c == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, c.offset());
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (replayed + refused < max
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < mark.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replay of " + dlq + " did not reach its end in 5 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (replayed + refused >= max || r.offset() >= mark.get(tp)) {
                        continue;
                    }
                    var erased = r.value() == null
                            ? Optional.<RecordKeyErasedException>empty()
                            : sealer.erasureOf(r.value());
                    if (erased.isPresent()) {
                        erasedRecords.refused(ErasedRecords.REPLAY, r.topic(), r.partition(), r.offset(), erased.get());
                        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
                        refused++;
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> out =
                            new ProducerRecord<>(originalTopic(r), null, r.key(), r.value());
                    for (Header h : r.headers()) {
                        if (!h.key().startsWith("x-") && !h.key().startsWith("kafka_dlt-")) {
                            out.headers().add(h);
                        }
                    }
                    producer.send(out).get();
                    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
                    replayed++;
                }
                for (TopicPartition tp : partitions) {
                    if (consumer.position(tp) >= mark.get(tp)) {
                        consumer.pause(List.of(tp));
                    }
                }
            }
            return new Outcome(replayed, refused);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not replay " + dlq, e.getCause());
        }
    }

    private static String originalTopic(ConsumerRecord<byte[], byte[]> r) {
        Header h = r.headers().lastHeader(ORIGINAL_TOPIC);
        if (h == null) {
            h = r.headers().lastHeader(DLT_ORIGINAL_TOPIC);
        }
        if (h != null) {
            return new String(h.value(), StandardCharsets.UTF_8);
        }
        // <topic>.<group>.dlq: the group is the last dotted part before .dlq, topics have no group in them.
        String base = r.topic().substring(0, r.topic().length() - ".dlq".length());
        return Topics.ALL.stream()
                .map(t -> t.name())
                .filter(t -> base.startsWith(t + "."))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no original topic for " + r.topic()));
    }

    static String replayGroup(String dlq) {
        return dlq + ".replay";
    }

    private KafkaConsumer<byte[], byte[]> consumer(String dlq) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, replayGroup(dlq));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
