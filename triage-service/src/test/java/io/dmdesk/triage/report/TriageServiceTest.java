package io.dmdesk.triage.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
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
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestUsers;
import io.dmdesk.triage.TriageApplication;
import io.dmdesk.triage.classify.TriageClassifier;
import io.dmdesk.triage.queue.QueueMetricsAccess;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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

        // The supervisor's gauges see it waiting.
        QueueMetricsAccess.refresh(triage);
        var meters = triage.getBean(MeterRegistry.class);
        assertThat(meters.get("dmdesk.triage.queue.open")
                        .tag("urgency", "EMERGENCY")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("dmdesk.triage.queue.oldest.age.seconds")
                        .tag("urgency", "EMERGENCY")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void reportNamingAnOsloPostcodeIsRoutedToOslo() {
        InboundMessage message = message("Noen har brutt seg inn i bilen min i Storgata 12, 0155 Oslo i natt");
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), message.conversationKey(), EventJson.toBytes(message));
        TriagedReport stored = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> reports.find(ReportIds.forFirstMessage(message.messageId()))
                                .orElse(null),
                        r -> r != null);
        assertThat(stored.routing().district()).isEqualTo("oslo");
        assertThat(stored.routing().reason()).isEqualTo("location in text: municipality 0301 OSLO");
    }

    @Test
    void editOfAReportedMessageIsRecordedOnItsReportOnceAndOpensNoNewReport() {
        InboundMessage original = message("my bike was stolen from the station");
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), original.conversationKey(), EventJson.toBytes(original));
        String reportId = ReportIds.forFirstMessage(original.messageId());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).isPresent());
        InboundMessage edit = new InboundMessage(
                original.schemaVersion(),
                original.messageId(),
                MessageKind.EDIT,
                original.platform(),
                original.account(),
                original.channel(),
                original.conversationId(),
                original.nativeMessageId(),
                original.author(),
                "my red bike was stolen from the station",
                null,
                List.of(),
                original.platformTimestamp().plusSeconds(60),
                Instant.now(),
                null);
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), edit.conversationKey(), EventJson.toBytes(edit));
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), edit.conversationKey(), EventJson.toBytes(edit));
        var store = triage.getBean(MongoStore.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> changesOf(store, reportId).size() == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> valuesOn(Topics.AUDIT_EVENTS.name(), reportId).stream()
                        .anyMatch(v -> v.contains("\"action\":\"MESSAGE_EDITED\"")));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(changesOf(store, reportId)).singleElement().satisfies(c -> {
            assertThat(c.getString("kind")).isEqualTo("EDIT");
            assertThat(c.getString("text")).isEqualTo("my red bike was stolen from the station");
        });
        assertThat(reports.find(reportId).orElseThrow().source().text())
                .isEqualTo("my bike was stolen from the station");
        assertThat(valuesOn(Topics.REPORTS_TRIAGED.name(), reportId)).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private static List<Document> changesOf(MongoStore store, String reportId) {
        Document doc = store.awaitOptional(store.collection("reports")
                        .find(Filters.eq("_id", reportId))
                        .first())
                .orElseThrow();
        return doc.getList("changes", Document.class, List.of());
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
        TestKafka.send(
                Topics.SOCIAL_INBOUND.name(),
                marker,
                ("{\"not\":\"an inbound message\"," + "\"m\":\"" + marker + "\"").getBytes(StandardCharsets.UTF_8));
        String dlq = Topics.dlqName(Topics.SOCIAL_INBOUND.name(), "triage-service");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestKafka.records(dlq).stream().anyMatch(r -> marker.equals(r.key())));
        assertThat(TestKafka.records(Topics.REPORTS_TRIAGED.name()).stream()
                        .skip(before)
                        .noneMatch(r -> r.value().contains(marker)))
                .isTrue();

        // Ops see it: the DLQ depth gauge counts it.
        triage.getBean(DlqMetrics.class).refresh();
        assertThat(triage.getBean(MeterRegistry.class)
                        .get("dmdesk.dlq.pending")
                        .tag("topic", dlq)
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(1);

        // The replay path sends it back to where it came from; still poison, it lands in the DLQ once more.
        DlqReplayer replayer = triage.getBean(DlqReplayer.class);
        assertThat(replayer.pending()).containsKey(dlq);
        long onInbound = TestKafka.records(Topics.SOCIAL_INBOUND.name()).stream()
                .filter(r -> marker.equals(r.key()))
                .count();
        assertThat(replayer.replay(dlq, 1000)).isGreaterThanOrEqualTo(1);
        assertThat(TestKafka.records(Topics.SOCIAL_INBOUND.name()).stream()
                        .filter(r -> marker.equals(r.key()))
                        .count())
                .isEqualTo(onInbound + 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestKafka.records(dlq).stream()
                                .filter(r -> marker.equals(r.key()))
                                .count()
                        == 2);
        assertThat(replayer.replay(dlq, 1000))
                .as("each dead letter is replayed once")
                .isEqualTo(1);
    }

    /**
     * Poison records whose text the JSON reader would quote in its error (an unreadable token, a value of the wrong
     * type or enum) reach the DLQ; the DLQ headers name the failure, and neither they nor the logs carry any of
     * the record's text.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void poisonRecordsTextIsInNoDeadLetterHeaderAndNoLogLine(CapturedOutput output) {
        String marker = "PoisonMarker" + UUID.randomUUID().toString().replace("-", "");
        String valid = EventJson.toJson(message("my car was broken into, " + marker));
        Map<String, String> poison = new LinkedHashMap<>();
        poison.put("unreadable token", "{\"schemaVersion\":1,\"messageId\":" + marker + "}");
        poison.put("unknown enum", valid.replace("\"kind\":\"NEW\"", "\"kind\":\"" + marker + "\""));
        poison.put("string for an int", valid.replace("\"schemaVersion\":1", "\"schemaVersion\":\"" + marker + "\""));
        poison.put("array for the text", valid.replace("\"text\":\"", "\"text\":[\"" + marker + "\"],\"x\":\""));
        assertThat(poison.values()).allMatch(v -> v.contains(marker) && !v.equals(valid));
        Map<String, String> keys = new LinkedHashMap<>();
        poison.forEach((kind, value) -> {
            String key = "poison-key-" + UUID.randomUUID();
            keys.put(key, kind);
            TestKafka.send(Topics.SOCIAL_INBOUND.name(), key, value.getBytes(StandardCharsets.UTF_8));
        });

        String dlq = Topics.dlqName(Topics.SOCIAL_INBOUND.name(), "triage-service");
        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> TestKafka.records(dlq).stream()
                                .filter(r -> keys.containsKey(r.key()))
                                .toList(),
                        l -> l.size() == keys.size());
        for (var r : dead) {
            String kind = keys.get(r.key());
            assertThat(r.value())
                    .as("the dead letter is the record as it was (%s)", kind)
                    .contains(marker);
            Map<String, String> headers = new TreeMap<>();
            r.headers()
                    .forEach(h -> headers.put(
                            h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)));
            assertThat(headers)
                    .as("DLQ headers of %s", kind)
                    .containsKeys(
                            "kafka_dlt-exception-fqcn",
                            "kafka_dlt-exception-message",
                            "kafka_dlt-exception-stacktrace",
                            "kafka_dlt-original-topic");
            assertThat(headers.get("kafka_dlt-exception-message"))
                    .as(kind)
                    .contains("EventFormatException: not a valid InboundMessage: ");
            assertThat(headers.get("kafka_dlt-exception-stacktrace"))
                    .as(kind)
                    .contains("io.dmdesk.contracts.EventJson.fromBytes");
            headers.forEach((name, value) ->
                    assertThat(value).as("header %s of %s", name, kind).doesNotContain(marker));
        }
        assertThat(output.getAll()).as("logs while poison was dead-lettered").doesNotContain(marker);
    }

    @Test
    void classifyEndpointReturnsDecisionEntitiesRedactionReasonsAndVersion() throws Exception {
        String port = triage.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/triage/classify"))
                                .header("content-type", "application/json")
                                .header("Authorization", TestUsers.SERVICE.basic())
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"text\":\"someone is kicking my door in right now, "
                                                + "call 07700 900123\",\"channel\":\"mention\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "\"urgency\":\"EMERGENCY\"",
                        "\"language\":\"en\"",
                        "\"type\":\"PHONE\"",
                        "[PHONE]",
                        "\"reasons\":[\"urgency:EMERGENCY",
                        "\"version\":\"" + TriageClassifier.CODE_VERSION + "+")
                .doesNotContain("900123\",\"language");
    }

    @Test
    void theReferenceTheCitizenWasGivenWorksWhereverAReportIdIsAskedFor() throws Exception {
        InboundMessage message = message("my bike was stolen from outside the library last night");
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), message.conversationKey(), EventJson.toBytes(message));
        String reportId = ReportIds.forFirstMessage(message.messageId());
        String reference = await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).orElse(null), r -> r != null)
                .reference();

        assertThat(get("/api/reports/" + reference, TestUsers.OPERATOR)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"reportId\":\"" + reportId + "\"");
        });
        String spoken = reference.toLowerCase(Locale.ROOT).replace('0', 'o').replace('1', 'l');
        assertThat(get("/api/reports/" + spoken, TestUsers.OPERATOR).body())
                .as("as read out on the phone")
                .contains(reportId);
        assertThat(get("/api/console/reports/" + reference, TestUsers.OPERATOR)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains(reportId);
        });
        assertThat(get("/api/reports/DMD-ZZZZ-ZZZZ", TestUsers.OPERATOR).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/reports/" + reference, null).statusCode())
                .as("no login, no lookup")
                .isEqualTo(401);
        // Auditors can ask by the reference too: triage names it on the report's audit entry.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(valuesOn(Topics.AUDIT_EVENTS.name(), reportId))
                        .anyMatch(v -> v.contains("\"action\":\"REPORT_TRIAGED\"")
                                && v.contains("\"reference\":\"" + reference + "\"")
                                && v.contains("\"messageId\":\"" + message.messageId() + "\"")));
    }

    private HttpResponse<String> get(String path, TestUsers user) throws Exception {
        String port = triage.getEnvironment().getProperty("local.server.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", user.basic());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void brokenForceRulesStopStartUpNamingFileAndEntry() throws Exception {
        Path dir = Files.createTempDirectory("rules");
        Files.writeString(dir.resolve("rules-en.yml"), "language: en\nsignals:\n  danger_noww: []\n");
        assertThatThrownBy(() -> TriageApplication.builder()
                        .run(ServiceArgs.of(ServiceArgs.freshDatabase("triage"), "--triage.rules-dir=" + dir))
                        .close())
                .rootCause()
                .hasMessageContaining(dir.resolve("rules-en.yml").toString())
                .hasMessageContaining("signals.danger_noww");
    }

    private static List<String> valuesOn(String topic, String key) {
        return TestKafka.records(topic).stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> r.value())
                .toList();
    }

    @Test
    void followUpInTheSameConversationJoinsTheOpenReportAndEscalatesIt() {
        String conversation = "conv-" + UUID.randomUUID();
        InboundMessage first =
                message("my ex keeps texting me and says he knows where I live", conversation, Instant.now());
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), first.conversationKey(), EventJson.toBytes(first));
        String reportId = ReportIds.forFirstMessage(first.messageId());
        TriagedReport opened = await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).orElse(null), r -> r != null);
        assertThat(opened.urgency()).isNotEqualTo(Urgency.EMERGENCY);

        InboundMessage second = message("he is outside my door now with a knife", conversation, Instant.now());
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), second.conversationKey(), EventJson.toBytes(second));
        TriagedReport revised = await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).orElseThrow(), r -> r.revision() == 2);
        assertThat(revised.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(revised.reference()).isEqualTo(opened.reference());
        assertThat(revised.reasons().get(0)).startsWith("follow-up: revision 2");
        assertThat(reports.find(ReportIds.forFirstMessage(second.messageId()))).isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(reports.reportIdOfMessage(second.messageId()))
                        .contains(reportId));
        assertThat(reports.conversation(first.conversationKey()))
                .as("the follow-up moved the conversation's last message on, same report")
                .get()
                .satisfies(p -> assertThat(p.reportId()).isEqualTo(reportId))
                .satisfies(p -> assertThat(p.lastMessageAt())
                        .isEqualTo(second.receivedAt().truncatedTo(ChronoUnit.MILLIS)));

        // A redelivered follow-up publishes the report again but never bumps the revision.
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), second.conversationKey(), EventJson.toBytes(second));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> valuesOn(Topics.REPORTS_TRIAGED.name(), reportId).size() >= 3);
        assertThat(reports.find(reportId).orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void aMessageAfterTheWindowOpensANewReport() {
        String conversation = "conv-" + UUID.randomUUID();
        InboundMessage old = message(
                "my bike was stolen from the station",
                conversation,
                Instant.now().minus(Duration.ofHours(3)));
        InboundMessage later = message("someone stole my wallet on the bus", conversation, Instant.now());
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), old.conversationKey(), EventJson.toBytes(old));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        reports.find(ReportIds.forFirstMessage(old.messageId())).isPresent());
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), later.conversationKey(), EventJson.toBytes(later));
        TriagedReport second = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> reports.find(ReportIds.forFirstMessage(later.messageId()))
                                .orElse(null),
                        r -> r != null);
        assertThat(second.revision()).isEqualTo(1);
        assertThat(reports.find(ReportIds.forFirstMessage(old.messageId()))
                        .orElseThrow()
                        .revision())
                .isEqualTo(1);
    }

    @Test
    void aMessageAfterTheReportWasClosedOpensANewReportAndTheConversationPointsAtIt() {
        String conversation = "conv-" + UUID.randomUUID();
        InboundMessage first = message("my bike was stolen from the station", conversation, Instant.now());
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), first.conversationKey(), EventJson.toBytes(first));
        String firstReport = ReportIds.forFirstMessage(first.messageId());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(firstReport).isPresent());
        assertThat(reports.openReportOfConversation(
                        first.conversationKey(), Instant.now().minus(Duration.ofHours(1))))
                .map(TriagedReport::reportId)
                .as("found by the conversation's key")
                .contains(firstReport);
        assertThat(reports.conversation(first.conversationKey()))
                .as("one document per conversation names the open report and when it was opened")
                .get()
                .satisfies(p -> assertThat(p.reportId()).isEqualTo(firstReport))
                .satisfies(p -> assertThat(p.openedAt())
                        .isEqualTo(reports.find(firstReport)
                                .orElseThrow()
                                .triagedAt()
                                .truncatedTo(ChronoUnit.MILLIS)))
                .satisfies(p -> assertThat(p.lastMessageAt())
                        .isEqualTo(first.receivedAt().truncatedTo(ChronoUnit.MILLIS)));
        assertThat(reports.close(firstReport, "CASE_RECORDED", Instant.now())).isTrue();
        assertThat(reports.conversation(first.conversationKey()))
                .as("closing the report drops the conversation's pointer")
                .isEmpty();

        InboundMessage next = message("and now my car has been keyed too", conversation, Instant.now());
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), next.conversationKey(), EventJson.toBytes(next));
        String nextReport = ReportIds.forFirstMessage(next.messageId());
        TriagedReport opened = await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(nextReport).orElse(null), r -> r != null);
        assertThat(opened.revision()).as("a closed report takes no follow-ups").isEqualTo(1);
        assertThat(reports.find(firstReport).orElseThrow().revision()).isEqualTo(1);
        assertThat(reports.openReportOfConversation(
                        next.conversationKey(), Instant.now().minus(Duration.ofHours(1))))
                .map(TriagedReport::reportId)
                .contains(nextReport);
        assertThat(reports.conversation(next.conversationKey()))
                .get()
                .satisfies(p -> assertThat(p.reportId()).isEqualTo(nextReport));
    }

    /** Each message its own conversation unless a test groups them. */
    private static InboundMessage message(String text) {
        return message(text, "conv-" + UUID.randomUUID(), Instant.now());
    }

    private static InboundMessage message(String text, String conversationId, Instant receivedAt) {
        String nativeId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.X, nativeId),
                MessageKind.NEW,
                Platform.X,
                new MonitoredAccount("x-demopolice", "DemoPolice", "contact-centre", "central", false, false),
                Channel.DM,
                conversationId,
                nativeId,
                new Author("2", "someone", "Someone"),
                text,
                null,
                List.of(),
                receivedAt,
                receivedAt,
                null);
    }
}
