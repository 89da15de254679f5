package io.dmdesk.localstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaTest {

    @TempDir
    Path dataDir;

    @Test
    @Timeout(120)
    void formatsOnceAndRecordSurvivesRestart() throws Exception {
        int port = LocalMongoTest.freePort();
        int controllerPort = LocalMongoTest.freePort();
        while (controllerPort == port) {
            controllerPort = LocalMongoTest.freePort();
        }

        try (LocalKafka kafka = LocalKafka.start(dataDir, "localhost", port, controllerPort, Map.of());
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka.bootstrapServers()))) {
            producer.send(new ProducerRecord<>("local.stack.test", "key-1", "hello"))
                    .get();
        }
        Path meta = dataDir.resolve("logs").resolve("meta.properties");
        assertTrue(Files.exists(meta), "log dir formatted");
        String clusterIdLine = Files.readAllLines(meta).stream()
                .filter(l -> l.startsWith("cluster.id"))
                .findFirst()
                .orElseThrow();

        try (LocalKafka kafka = LocalKafka.start(dataDir, "localhost", port, controllerPort, Map.of())) {
            String after = Files.readAllLines(meta).stream()
                    .filter(l -> l.startsWith("cluster.id"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(clusterIdLine, after, "not reformatted on restart");
            List<ConsumerRecord<String, String>> records = consumeAll(kafka.bootstrapServers(), "local.stack.test", 1);
            assertEquals(1, records.size());
            assertEquals("key-1", records.get(0).key());
            assertEquals("hello", records.get(0).value());
        }
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            await(expected + " records from " + topic)
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
                        return out.size() >= expected;
                    });
        }
        return out;
    }
}
