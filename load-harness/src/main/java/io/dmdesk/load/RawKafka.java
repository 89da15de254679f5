package io.dmdesk.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker's own ceiling on this machine: produce (idempotent, acks=all, as the services do) and consume the
 * same number of records of the same size on a throw-away topic, so the pipeline's throughput can be read as a
 * fraction of what Kafka alone does here.
 */
final class RawKafka {

    record Result(int records, int recordBytes, double producePerSecond, double consumePerSecond) {}

    static Result measure(String bootstrap, int records, int recordBytes, int partitions) throws Exception {
        String topic = "loadtest.raw-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            try {
                double produce = produce(bootstrap, topic, records, recordBytes);
                double consume = consume(bootstrap, topic, records);
                return new Result(records, recordBytes, produce, consume);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The mean value size of the last records on a topic (up to 20 per partition), so the raw measurement moves
     * records the size the pipeline moves; the fallback when the topic is empty or cannot be read.
     */
    static int typicalValueSize(String bootstrap, String topic, int fallback) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(0, ends.get(tp) - 20));
            }
            long bytes = 0;
            int n = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (n < 200 && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty() && n > 0) {
                    break;
                }
                for (var r : records) {
                    bytes += r.serializedValueSize();
                    n++;
                }
            }
            return n == 0 ? fallback : (int) (bytes / n);
        } catch (Exception e) {
            return fallback;
        }
    }

    private static double produce(String bootstrap, String topic, int records, int size) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) 'x');
        CountDownLatch done = new CountDownLatch(records);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, ("k" + (i % 1000)).getBytes(), value), (m, e) -> {
                    if (e != null) {
                        failure.set(e);
                    }
                    done.countDown();
                });
            }
            if (!done.await(5, TimeUnit.MINUTES) || failure.get() != null) {
                throw new IllegalStateException("raw produce did not complete", failure.get());
            }
        }
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private static double consume(String bootstrap, String topic, int records) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int seen = 0;
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (seen < records && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return seen / ((System.nanoTime() - start) / 1e9);
    }

    private RawKafka() {}
}
