package io.dmdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Topics;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One report is one trace: every record produced for it, on every hop (intake -> social.inbound, triage ->
 * reports.triaged, case bridge -> cases.opened, notifier -> acknowledgements.sent, and each service's records
 * on audit.events), carries a W3C {@code traceparent} header with the same trace id, over the real broker.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingAcrossKafkaTest {

    private Pipeline pipeline;
    private SandboxClient sandbox;

    @BeforeAll
    void startSystem() {
        pipeline = new Pipeline(TestKafka.bootstrapServers(), TestMongo.connectionString()).start();
        sandbox = new SandboxClient(pipeline.sandboxUrl());
    }

    @AfterAll
    void stopSystem() {
        pipeline.close();
    }

    @Test
    void everyRecordOfOneReportCarriesTheSameTraceId(CapturedOutput output) {
        String citizen = "trc_" + UUID.randomUUID().toString().substring(0, 8);
        Map<?, ?> dm = sandbox.sendDm("DemoPolice", citizen, "My bike was stolen from outside the library");
        String messageId = "x:" + dm.get("id");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> sandbox.repliesTo(citizen).size() == 2);
        Map<String, Object> record = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> sandbox.cases().stream()
                                .filter(c -> citizen.equals(
                                        ((Map<?, ?>) ((Map<?, ?>) c.get("body")).get("reporter")).get("handle")))
                                .toList(),
                        l -> l.size() == 1)
                .get(0);
        String reportId = String.valueOf(((Map<?, ?>) record.get("body")).get("externalId"));

        List<ConsumerRecord<byte[], byte[]>> inbound =
                records(Topics.SOCIAL_INBOUND.name(), r -> value(r).contains("\"messageId\":\"" + messageId + "\""));
        List<ConsumerRecord<byte[], byte[]>> triaged =
                records(Topics.REPORTS_TRIAGED.name(), r -> reportId.equals(key(r)));
        List<ConsumerRecord<byte[], byte[]>> opened = records(Topics.CASES_OPENED.name(), r -> reportId.equals(key(r)));
        List<ConsumerRecord<byte[], byte[]>> acks =
                records(Topics.ACKNOWLEDGEMENTS_SENT.name(), r -> reportId.equals(key(r)));
        // Audit records of the report (triage, case bridge, notifier) and of the message's collection (intake).
        List<ConsumerRecord<byte[], byte[]>> audit = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> records(
                                Topics.AUDIT_EVENTS.name(), r -> reportId.equals(key(r)) || messageId.equals(key(r))),
                        l -> l.size() >= 5);

        assertThat(inbound).hasSize(1);
        assertThat(triaged).isNotEmpty();
        assertThat(opened).isNotEmpty();
        assertThat(acks).hasSize(2); // acknowledgement and case reference
        String traceId = traceId(inbound.get(0));
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        List.of(inbound, triaged, opened, acks, audit).forEach(all::addAll);
        assertThat(all)
                .allSatisfy(r ->
                        assertThat(traceId(r)).as("trace id on %s", r.topic()).isEqualTo(traceId));
        // Each hop is its own span of that trace.
        assertThat(spanId(triaged.get(0))).isNotEqualTo(spanId(inbound.get(0)));
        assertThat(spanId(opened.get(0))).isNotEqualTo(spanId(triaged.get(0)));
        // The services' log lines carry the trace id too (plain pattern here; trace.id/span.id in ECS JSON).
        assertThat(output.getAll()).contains(traceId);
    }

    private static String traceId(ConsumerRecord<byte[], byte[]> r) {
        return traceparent(r).split("-")[1];
    }

    private static String spanId(ConsumerRecord<byte[], byte[]> r) {
        return traceparent(r).split("-")[2];
    }

    /** The W3C header: {@code 00-<trace id>-<span id>-<flags>}. */
    private static String traceparent(ConsumerRecord<byte[], byte[]> r) {
        Header h = r.headers().lastHeader("traceparent");
        assertThat(h).as("traceparent header on a %s record", r.topic()).isNotNull();
        String value = new String(h.value(), StandardCharsets.UTF_8);
        assertThat(value).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        return value;
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    }

    private static String value(ConsumerRecord<byte[], byte[]> r) {
        return r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
    }

    /** Records now on a topic that match, with their headers (TestKafka.records drops headers). */
    private static List<ConsumerRecord<byte[], byte[]>> records(
            String topic, Predicate<ConsumerRecord<byte[], byte[]>> match) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "trace-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            await("read " + topic + " to its end")
                    .atMost(Duration.ofSeconds(20))
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            if (match.test(r)) {
                                all.add(r);
                            }
                        }
                        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
                    });
            return all;
        }
    }
}
