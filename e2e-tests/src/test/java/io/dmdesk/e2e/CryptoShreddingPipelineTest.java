package io.dmdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.contracts.AcknowledgementSent;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.DataErasure;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.support.crypto.CryptoConfiguration.KeyStoreClient;
import io.dmdesk.support.crypto.CryptoProperties;
import io.dmdesk.support.crypto.DataKeyStore;
import io.dmdesk.support.crypto.EventSealer;
import io.dmdesk.support.crypto.MasterKeys;
import io.dmdesk.support.crypto.RecordKeyErasedException;
import io.dmdesk.support.kafka.DlqReplayer;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import io.dmdesk.triage.retention.ReportErasure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Flux;

/**
 * Crypto-shredding through the whole pipeline, every service sealing: a DM from the sandbox is sealed by intake,
 * opened by triage, case bridge and notifier (a case is opened, the citizen acknowledged). After the report's
 * erasure its records on social.inbound, reports.triaged, acknowledgements.sent and a DLQ keep their ciphertext and
 * open no more, ids and classification stay in the clear and the audit store keeps the trail; a DLQ replay is
 * refused and audited, and a redelivery is skipped by case bridge and notifier without a crash loop or a dead letter.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CryptoShreddingPipelineTest {

    private static final Duration CACHE_TTL = Duration.ofSeconds(3);
    private static final String BRIDGE_DLQ = Topics.dlqName(Topics.REPORTS_TRIAGED.name(), "case-bridge-service");

    private Pipeline pipeline;
    private SandboxClient sandbox;
    private MongoClient mongo;

    @BeforeAll
    void startSystem() {
        // A short key cache: the case bridge learns of an erasure when its cached key expires
        // (docs/CRYPTO_SHREDDING.md).
        pipeline = new Pipeline(
                        TestKafka.bootstrapServers(),
                        TestMongo.connectionString(),
                        ServiceArgs.SEALING,
                        "--dmdesk.crypto.cache-ttl=PT" + CACHE_TTL.toSeconds() + "S")
                .start();
        sandbox = new SandboxClient(pipeline.sandboxUrl());
        mongo = MongoClients.create(TestMongo.connectionString());
    }

    @AfterAll
    void stopSystem() {
        mongo.close();
        pipeline.close();
    }

    @Test
    void erasedReportCannotBeReadFromAnyTopicOrDlqWhileIdsClassificationAndAuditRemain(CapturedOutput output) {
        String citizen = "cit_" + UUID.randomUUID().toString().substring(0, 8);
        String marker = "Shred" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<?, ?> dm =
                sandbox.sendDm("DemoPolice", citizen, "Someone broke into my car last night on Elm Street " + marker);
        String messageId = "x:" + dm.get("id");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> sandbox.repliesTo(citizen).size() == 2);
        String reportId =
                await().atMost(Duration.ofSeconds(30)).until(() -> reportIdOf(messageId), id -> !id.equals("none"));
        Map<String, Object> caseRecord = sandbox.cases().stream()
                .filter(c -> reportId.equals(((Map<?, ?>) c.get("body")).get("externalId")))
                .findFirst()
                .orElseThrow();
        assertThat(((Map<?, ?>) caseRecord.get("body")).get("narrative").toString())
                .as("the case bridge opened the sealed report")
                .contains(marker);

        ConsumerRecord<String, String> inbound =
                only(Topics.SOCIAL_INBOUND.name(), "\"messageId\":\"" + messageId + "\"");
        ConsumerRecord<String, String> triaged =
                only(Topics.REPORTS_TRIAGED.name(), "\"reportId\":\"" + reportId + "\"");
        ConsumerRecord<String, String> ack = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> TestKafka.records(Topics.ACKNOWLEDGEMENTS_SENT.name()).stream()
                                .filter(r -> reportId.equals(r.key()))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        assertThat(inbound.key())
                .as("the record key names no conversation")
                .startsWith("c1:")
                .doesNotContain(citizen);
        for (var r : List.of(inbound, triaged, ack)) {
            assertThat(r.value()).doesNotContain(marker).doesNotContain(citizen).contains("\"sealed\"");
        }

        // One of the report's records waits on the case bridge's DLQ.
        sendToDlq(BRIDGE_DLQ, triaged.key(), bytes(triaged), Topics.REPORTS_TRIAGED.name());

        var triage = pipeline.context("triage-service");
        assertThat(triage.getBean(ReportErasure.class)
                        .erase(
                                reportId,
                                DataErasure.REQUEST,
                                new AuditEvent.Actor(AuditEvent.ActorType.PERSON, "supervisor"),
                                "citizen asked for erasure"))
                .isTrue();

        EventSealer fresh = freshSealer();
        ConsumerRecord<String, String> dead = only(BRIDGE_DLQ, "\"reportId\":\"" + reportId + "\"");
        Map<ConsumerRecord<String, String>, Class<?>> copies = Map.of(
                inbound,
                InboundMessage.class,
                triaged,
                TriagedReport.class,
                ack,
                AcknowledgementSent.class,
                dead,
                TriagedReport.class);
        copies.forEach((r, type) -> {
            assertThat(EventJson.mapper()
                            .readTree(r.value())
                            .path("sealed")
                            .path("c")
                            .asString())
                    .as(r.topic() + ": ciphertext still there")
                    .hasSizeGreaterThan(20);
            assertThatThrownBy(() -> fresh.open(bytes(r), type))
                    .as(r.topic() + ": key gone")
                    .isInstanceOf(RecordKeyErasedException.class);
        });
        var report = EventJson.mapper().readTree(dead.value());
        assertThat(report.path("reportId").asString()).isEqualTo(reportId);
        assertThat(report.path("category").asString()).isEqualTo("VEHICLE_CRIME");
        assertThat(report.path("source").path("messageId").asString()).isEqualTo(messageId);

        // A replay of the dead letter is refused and audited; the audit store keeps the whole trail.
        DlqReplayer.Outcome replay = pipeline.context("case-bridge-service")
                .getBean(DlqReplayer.class)
                .replayWithOutcome(BRIDGE_DLQ, 10_000);
        assertThat(replay.refusedErased()).isGreaterThanOrEqualTo(1);
        // A redelivery of the report is skipped by both its consumers, audited, and dead-lettered by neither (once
        // the case bridge's cached key expired; the notifier dropped its key on the data.erasure event).
        await().pollDelay(CACHE_TTL.plusSeconds(1)).until(() -> true);
        TestKafka.send(Topics.REPORTS_TRIAGED.name(), triaged.key(), bytes(triaged));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(auditEntries(reportId))
                        .extracting(CryptoShreddingPipelineTest::step)
                        .contains(
                                "REPORT_TRIAGED",
                                "CASE_OPENED",
                                "ACKNOWLEDGEMENT_SENT",
                                "DATA_ERASED",
                                "RECORD_KEY_ERASED/dlq-replay/case-bridge-service",
                                "RECORD_KEY_ERASED/consume/case-bridge-service",
                                "RECORD_KEY_ERASED/consume/notifier-service"));
        assertThat(TestKafka.records(BRIDGE_DLQ).stream().filter(r -> r.value().contains(reportId)))
                .hasSize(1);
        assertThat(TestKafka.records(Topics.dlqName(Topics.REPORTS_TRIAGED.name(), "notifier-service")).stream()
                        .filter(r -> r.value().contains(reportId)))
                .isEmpty();
        assertThat(sandbox.repliesTo(citizen)).as("nothing sent again").hasSize(2);
        assertThat(output.getAll()).doesNotContain(marker);
    }

    private EventSealer freshSealer() {
        var triage = pipeline.context("triage-service");
        CryptoProperties crypto = triage.getBean(CryptoProperties.class);
        return new EventSealer(new DataKeyStore(
                triage.getBean(KeyStoreClient.class).client().getDatabase(crypto.keysDatabase()),
                MasterKeys.parse(ServiceArgs.MASTER_KEYS, null),
                Duration.ofSeconds(10),
                Clock.systemUTC(),
                Duration.ofMinutes(1),
                100));
    }

    /** The action, and for refusals where and by whom. */
    private static String step(Document entry) {
        String action = entry.getString("action");
        if (!"RECORD_KEY_ERASED".equals(action) || !(entry.get("details") instanceof Document d)) {
            return action;
        }
        return action + "/" + d.getString("where") + "/" + d.getString("service");
    }

    private static ConsumerRecord<String, String> only(String topic, String contains) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> TestKafka.records(topic).stream()
                                .filter(r -> r.value() != null && r.value().contains(contains))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
    }

    private static byte[] bytes(ConsumerRecord<String, String> r) {
        return r.value().getBytes(StandardCharsets.UTF_8);
    }

    private String reportIdOf(String messageId) {
        Document link = Flux.from(mongo.getDatabase(pipeline.database("triage-service"))
                        .getCollection("messages")
                        .find(Filters.eq("_id", messageId)))
                .blockFirst(Duration.ofSeconds(5));
        return link == null ? "none" : link.getString("reportId");
    }

    private List<Document> auditEntries(String reportId) {
        return Flux.from(mongo.getDatabase(pipeline.database("audit-service"))
                        .getCollection("audit_entries")
                        .find(Filters.eq("reportId", reportId)))
                .collectList()
                .block(Duration.ofSeconds(5));
    }

    private static void sendToDlq(String dlq, String key, byte[] value, String originalTopic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<>(dlq, key.getBytes(StandardCharsets.UTF_8), value);
            record.headers().add("kafka_dlt-original-topic", originalTopic.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter", e);
        }
    }
}
