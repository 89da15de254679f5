package io.dmdesk.triage.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Attachment;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.DataErasure;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.support.crypto.CryptoConfiguration.KeyStoreClient;
import io.dmdesk.support.crypto.CryptoProperties;
import io.dmdesk.support.crypto.DataKeyIds;
import io.dmdesk.support.crypto.DataKeyStore;
import io.dmdesk.support.crypto.EventSealer;
import io.dmdesk.support.crypto.MasterKeys;
import io.dmdesk.support.crypto.RecordKeyErasedException;
import io.dmdesk.support.kafka.DlqReplayer;
import io.dmdesk.testsupport.Events;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.triage.TriageApplication;
import io.dmdesk.triage.report.ReportIds;
import io.dmdesk.triage.report.ReportStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Crypto-shredding over the real broker and store: a DM is sealed on social.inbound as intake publishes it, triaged
 * into a sealed report, one of its records sits on a DLQ; after the report's erasure every copy still holds its
 * ciphertext, but no key opens it any more, while ids, classification and the audit trail remain. A replay of the
 * dead letter is refused and audited, and a redelivery is skipped without a crash loop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CryptoShreddingTest {

    private static final String INBOUND_DLQ = Topics.dlqName(Topics.SOCIAL_INBOUND.name(), "triage-service");

    private ConfigurableApplicationContext triage;
    private ReportStore reports;

    @BeforeAll
    void start() {
        triage = TriageApplication.builder()
                .run(ServiceArgs.of(ServiceArgs.freshDatabase("triage"), ServiceArgs.SEALING));
        reports = triage.getBean(ReportStore.class);
    }

    @AfterAll
    void stop() {
        triage.close();
    }

    @Test
    void erasedReportsRecordsOnEveryTopicAndDlqNoLongerDecryptAndTheirReplayIsRefused() {
        String marker = "ShredMarker" + UUID.randomUUID().toString().replace("-", "");
        String handle = "handle" + marker;
        InboundMessage dm = message(
                "someone is kicking my door in right now, I am at 12 Elm Street " + marker, handle, "conv-" + marker);
        EventSealer sealer = triage.getBean(EventSealer.class);
        // As intake publishes it: the contract codec seals under the message's own data key, created now.
        byte[] sealedDm = sealer.seal(dm);
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), dm.conversationKey(), sealedDm);

        String reportId = ReportIds.forFirstMessage(dm.messageId());
        TriagedReport stored = await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).orElse(null), r -> r != null);
        assertThat(stored.source().text()).as("triage opened the sealed DM").contains(marker);
        assertThat(stored.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(reports.conversation(dm.conversationKey()))
                .as("the conversation's document is keyed by a pseudonym, not by the conversation id")
                .get()
                .satisfies(p -> assertThat(p.reportId()).isEqualTo(reportId))
                .satisfies(p -> assertThat(p.id()).startsWith("c1:").doesNotContain(marker));
        ConsumerRecord<String, String> triaged = await().atMost(Duration.ofSeconds(30))
                .until(() -> first(Topics.REPORTS_TRIAGED.name(), reportId), r -> r != null);
        ConsumerRecord<String, String> alert = await().atMost(Duration.ofSeconds(30))
                .until(() -> first(Topics.ALERTS.name(), reportId), r -> r != null);
        ConsumerRecord<String, String> inbound = TestKafka.records(Topics.SOCIAL_INBOUND.name()).stream()
                .filter(r -> r.value().contains(dm.messageId()))
                .findFirst()
                .orElseThrow();

        // On the wire, before any erasure: sealed, nothing personal in the clear, and it opens with the key.
        for (var r : List.of(inbound, triaged, alert)) {
            assertThat(r.value())
                    .doesNotContain(marker)
                    .doesNotContain("Elm Street")
                    .contains("\"sealed\"");
        }
        assertThat(sealer.open(bytes(triaged), TriagedReport.class)
                        .source()
                        .author()
                        .handle())
                .isEqualTo(handle);
        assertThat(sealer.open(bytes(triaged), TriagedReport.class).redactedText())
                .contains(marker);

        // One of the report's records waits on a DLQ, as a failed delivery leaves it.
        sendToDlq(INBOUND_DLQ, inbound.key(), bytes(inbound), Topics.SOCIAL_INBOUND.name());

        boolean erased = triage.getBean(ReportErasure.class)
                .erase(
                        reportId,
                        DataErasure.REQUEST,
                        new AuditEvent.Actor(AuditEvent.ActorType.PERSON, "supervisor"),
                        "citizen asked for erasure");
        assertThat(erased).isTrue();
        assertThat(reports.conversation(dm.conversationKey()))
                .as("the conversation's document is gone with the report's personal data")
                .isEmpty();

        // The keys are tombstones now, without material; a store with an empty cache opens nothing either.
        DataKeyStore fresh = freshKeyStore();
        assertThat(fresh.find(DataKeyIds.ofReport(reportId)))
                .get()
                .satisfies(k -> assertThat(k.erased()).isTrue())
                .satisfies(k -> assertThat(k.wrapped()).isNull());
        assertThat(fresh.find(DataKeyIds.ofMessage(dm.messageId())))
                .get()
                .satisfies(k -> assertThat(k.wrapped()).isNull());
        EventSealer freshSealer = new EventSealer(fresh);
        ConsumerRecord<String, String> dead = TestKafka.records(INBOUND_DLQ).stream()
                .filter(r -> r.value().contains(dm.messageId()))
                .findFirst()
                .orElseThrow();
        Map<String, ConsumerRecord<String, String>> copies =
                Map.of("social.inbound", inbound, "reports.triaged", triaged, "alerts", alert, "DLQ", dead);
        copies.forEach((where, r) -> {
            JsonNode json = EventJson.mapper().readTree(r.value());
            assertThat(json.path("sealed").path("c").asString())
                    .as(where + ": ciphertext still there")
                    .hasSizeGreaterThan(40);
            assertThat(r.value()).as(where).doesNotContain(marker);
            Class<?> type =
                    where.equals("social.inbound") || where.equals("DLQ") ? InboundMessage.class : TriagedReport.class;
            assertThatThrownBy(() -> freshSealer.open(bytes(r), type))
                    .as(where + ": key gone")
                    .isInstanceOf(RecordKeyErasedException.class);
            assertThatThrownBy(() -> sealer.open(bytes(r), type))
                    .as(where + ": key gone in the service too")
                    .isInstanceOf(RecordKeyErasedException.class);
        });
        // Ids and classification stay readable in the clear.
        JsonNode report = EventJson.mapper().readTree(triaged.value());
        assertThat(report.path("reportId").asString()).isEqualTo(reportId);
        assertThat(report.path("urgency").asString()).isEqualTo("EMERGENCY");
        assertThat(report.path("category").asString())
                .isEqualTo(stored.category().name());
        assertThat(report.path("source").path("messageId").asString()).isEqualTo(dm.messageId());
        assertThat(report.path("source").has("text")).isFalse();
        assertThat(report.path("source").has("author")).isFalse();
        assertThat(EventJson.mapper().readTree(dead.value()).path("messageId").asString())
                .isEqualTo(dm.messageId());
        // And so does the audit trail of the report.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(audit(reportId))
                        .anyMatch(v -> v.contains("\"action\":\"REPORT_TRIAGED\""))
                        .anyMatch(v ->
                                v.contains("\"action\":\"DATA_ERASED\"") && v.contains("\"dataKeysErased\":\"2\"")));

        // A replay of the dead letter is refused, not sent back, and audited.
        long onInbound = count(Topics.SOCIAL_INBOUND.name(), dm.messageId());
        DlqReplayer.Outcome replay = triage.getBean(DlqReplayer.class).replayWithOutcome(INBOUND_DLQ, 10_000);
        assertThat(replay.refusedErased()).isGreaterThanOrEqualTo(1);
        assertThat(count(Topics.SOCIAL_INBOUND.name(), dm.messageId())).isEqualTo(onInbound);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> audit(dm.messageId()).stream()
                        .anyMatch(v -> v.contains("\"action\":\"RECORD_KEY_ERASED\"")
                                && v.contains("\"where\":\"dlq-replay\"")
                                && v.contains("\"outcome\":\"REJECTED\"")));

        // A redelivery of the erased DM is skipped and audited; the partition moves on to the next message.
        long deadBefore = count(INBOUND_DLQ, dm.messageId());
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), dm.conversationKey(), sealedDm);
        InboundMessage next = message("my bike was stolen from the station", "other", "conv-" + marker);
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), next.conversationKey(), sealer.seal(next));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> audit(dm.messageId()).stream()
                        .anyMatch(v ->
                                v.contains("\"action\":\"RECORD_KEY_ERASED\"") && v.contains("\"where\":\"consume\"")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.reportIdOfMessage(next.messageId()).isPresent());
        assertThat(count(INBOUND_DLQ, dm.messageId())).as("not dead-lettered").isEqualTo(deadBefore);
        assertThat(reports.find(reportId).orElseThrow().source().text()).isNull();
    }

    @Test
    void recordsOfProducersThatDoNotSealYetAreStillRead() {
        InboundMessage plain = Events.inbound("my bike was stolen from the station yesterday");
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), plain.conversationKey(), EventJson.toBytes(plain));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.reportIdOfMessage(plain.messageId()).isPresent());
    }

    @Test
    void sealingServiceWithoutMasterKeyDoesNotStartAndSaysWhichKeyIsMissing() {
        Throwable failure = Assertions.assertThrows(
                Exception.class,
                () -> TriageApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("triage"),
                                ServiceArgs.SEALING,
                                "--dmdesk.crypto.master-keys=",
                                "--spring.main.banner-mode=off"))
                        .close());
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(IllegalStateException.class).hasMessageContaining("DMDESK_MASTER_KEYS");
        String shortKey = "k7:" + Base64.getEncoder().encodeToString(new byte[16]);
        Throwable tooShort = Assertions.assertThrows(
                Exception.class,
                () -> TriageApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("triage"),
                                ServiceArgs.SEALING,
                                "--dmdesk.crypto.master-keys=" + shortKey))
                        .close());
        while (tooShort.getCause() != null && tooShort.getCause() != tooShort) {
            tooShort = tooShort.getCause();
        }
        assertThat(tooShort).hasMessageContaining("master key 'k7'").hasMessageContaining("16 bytes");
    }

    private DataKeyStore freshKeyStore() {
        CryptoProperties crypto = triage.getBean(CryptoProperties.class);
        return new DataKeyStore(
                triage.getBean(KeyStoreClient.class).client().getDatabase(crypto.keysDatabase()),
                MasterKeys.parse(ServiceArgs.MASTER_KEYS, null),
                Duration.ofSeconds(10),
                Clock.systemUTC(),
                Duration.ofMinutes(1),
                100);
    }

    private static InboundMessage message(String text, String handle, String conversationId) {
        String nativeId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        Instant now = Instant.now();
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.X, nativeId),
                MessageKind.NEW,
                Platform.X,
                Events.FORCE_ACCOUNT,
                Channel.DM,
                conversationId,
                nativeId,
                new Author("id-" + handle, handle, "Name " + handle),
                text,
                null,
                List.of(new Attachment("photo", "https://example.test/" + handle + ".jpg", "media-" + handle)),
                now,
                now,
                null);
    }

    private static byte[] bytes(ConsumerRecord<String, String> r) {
        return r.value().getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, String> first(String topic, String key) {
        return TestKafka.records(topic).stream()
                .filter(r -> key.equals(r.key()))
                .findFirst()
                .orElse(null);
    }

    private static long count(String topic, String messageId) {
        return TestKafka.records(topic).stream()
                .filter(r -> r.value() != null && r.value().contains(messageId))
                .count();
    }

    /** Audit events of a report or about a message. */
    private static List<String> audit(String key) {
        return TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                .filter(r -> key.equals(r.key()) || r.value().contains("\"subjectId\":\"" + key + "\""))
                .map(ConsumerRecord::value)
                .toList();
    }

    private static void sendToDlq(String dlq, String key, byte[] value, String originalTopic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<>(dlq, key.getBytes(StandardCharsets.UTF_8), value);
            record.headers().add("kafka_dlt-original-topic", originalTopic.getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(
                            "kafka_dlt-exception-fqcn",
                            "io.dmdesk.support.errors.DependencyUnavailableException".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter", e);
        }
    }
}
