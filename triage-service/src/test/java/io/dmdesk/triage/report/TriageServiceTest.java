package io.dmdesk.triage.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.support.kafka.DlqMetrics;
import io.dmdesk.support.kafka.DlqReplayer;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.triage.TriageApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/** triage-service alone, over the real broker and store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriageServiceTest {

    private ConfigurableApplicationContext triage;
    private ReportStore reports;

    @BeforeAll
    void start() {
        triage = TriageApplication.builder().run(ServiceArgs.of(ServiceArgs.freshDatabase("triage")));
        reports = triage.getBean(ReportStore.class);
    }

    @AfterAll
    void stop() {
        triage.close();
    }

    @Test
    void emergencyIsStoredPublishedAlertedAndAudited() {
        InboundMessage message = message("someone is kicking my door in right now please help");
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), message.conversationKey(), EventJson.toBytes(message));

        String reportId = ReportIds.forFirstMessage(message.messageId());
        TriagedReport stored = await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).orElse(null), r -> r != null);
        assertThat(stored.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(stored.reasons()).anyMatch(r -> r.startsWith("urgency:EMERGENCY"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(valuesOn(Topics.REPORTS_TRIAGED.name(), reportId)).hasSize(1);
            assertThat(valuesOn(Topics.ALERTS.name(), reportId)).hasSize(1);
            assertThat(valuesOn(Topics.AUDIT_EVENTS.name(), reportId))
                    .anyMatch(v -> v.contains("\"action\":\"REPORT_TRIAGED\""))
                    .anyMatch(v -> v.contains("\"action\":\"ALERT_RAISED\""));
        });
        assertThat(reports.queue(500)).extracting(TriagedReport::reportId).contains(reportId);
        assertThat(reports.queue(500).get(0).urgency()).isEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void figurativeLanguageIsNotAnEmergencyAndRaisesNoAlert() {
        InboundMessage message = message("this queue is killing me lol");
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), message.conversationKey(), EventJson.toBytes(message));
        String reportId = ReportIds.forFirstMessage(message.messageId());
        TriagedReport stored = await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).orElse(null), r -> r != null);
        assertThat(stored.urgency()).isNotEqualTo(Urgency.EMERGENCY);
        assertThat(valuesOn(Topics.ALERTS.name(), reportId)).isEmpty();
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndNothingIsPublished() {
        String marker = "poison-" + UUID.randomUUID();
        long before = TestKafka.count(Topics.REPORTS_TRIAGED.name());
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), marker, ("{\"not\":\"an inbound message\"," + "\"m\":\""
                + marker + "\"").getBytes(StandardCharsets.UTF_8));
        String dlq = Topics.dlqName(Topics.SOCIAL_INBOUND.name(), "triage-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.records(dlq).stream()
                .anyMatch(r -> marker.equals(r.key())));
        assertThat(TestKafka.records(Topics.REPORTS_TRIAGED.name()).stream()
                .skip(before).noneMatch(r -> r.value().contains(marker))).isTrue();

        // Ops see it: the DLQ depth gauge counts it.
        triage.getBean(DlqMetrics.class).refresh();
        assertThat(triage.getBean(io.micrometer.core.instrument.MeterRegistry.class).get("dmdesk.dlq.pending")
                .tag("topic", dlq).gauge().value()).isGreaterThanOrEqualTo(1);

        // The replay path sends it back to where it came from; still poison, it lands in the DLQ once more.
        DlqReplayer replayer = triage.getBean(DlqReplayer.class);
        assertThat(replayer.pending()).containsKey(dlq);
        long onInbound = TestKafka.records(Topics.SOCIAL_INBOUND.name()).stream()
                .filter(r -> marker.equals(r.key())).count();
        assertThat(replayer.replay(dlq, 1000)).isGreaterThanOrEqualTo(1);
        assertThat(TestKafka.records(Topics.SOCIAL_INBOUND.name()).stream()
                .filter(r -> marker.equals(r.key())).count()).isEqualTo(onInbound + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.records(dlq).stream()
                .filter(r -> marker.equals(r.key())).count() == 2);
        assertThat(replayer.replay(dlq, 1000)).as("each dead letter is replayed once").isEqualTo(1);
    }

    private static List<String> valuesOn(String topic, String key) {
        return TestKafka.records(topic).stream().filter(r -> key.equals(r.key())).map(r -> r.value()).toList();
    }

    private static InboundMessage message(String text) {
        String nativeId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        return new InboundMessage(InboundMessage.SCHEMA_VERSION, InboundMessage.idFor(Platform.X, nativeId),
                MessageKind.NEW, Platform.X, new MonitoredAccount("x-demopolice", "DemoPolice", "contact-centre",
                "central", false, false), Channel.DM, "1-2", nativeId, new Author("2", "someone", "Someone"), text,
                null, List.of(), Instant.now(), Instant.now(), null);
    }
}
