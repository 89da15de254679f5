package io.dmdesk.triage.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.DataErasure;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestUsers;
import io.dmdesk.triage.TriageApplication;
import io.dmdesk.triage.learning.OperatorLabel;
import io.dmdesk.triage.learning.OperatorLabels;
import io.dmdesk.triage.report.ReportIds;
import io.dmdesk.triage.report.ReportStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/** Retention and erasure requests in triage-service, over the real broker and store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionTest {

    private ConfigurableApplicationContext triage;
    private ReportStore reports;
    private MongoStore store;
    private RetentionJob job;

    @BeforeAll
    void start() {
        // A long check interval: the test runs the job itself.
        triage = TriageApplication.builder()
                .run(ServiceArgs.of(
                        ServiceArgs.freshDatabase("triage"),
                        "--dmdesk.retention.check-every=1h",
                        "--dmdesk.retention.closed.CASE_RECORDED=180d",
                        "--dmdesk.retention.unclosed=365d",
                        "--dmdesk.retention.non-crime=30d"));
        reports = triage.getBean(ReportStore.class);
        store = triage.getBean(MongoStore.class);
        job = triage.getBean(RetentionJob.class);
    }

    @AfterAll
    void stop() {
        triage.close();
    }

    @Test
    void expiredReportsLoseTextAndIdentityButKeepIdsClassificationAndAudit() {
        String author = "author-" + UUID.randomUUID();
        Instant now = Instant.now();
        String unclosedOld = triaged(
                "my bike was stolen from the station, I am Jane on 07700 900123",
                author,
                now.minus(Duration.ofDays(400)));
        String closedLongAgo = triaged("someone broke into my car last night", author, now.minus(Duration.ofDays(250)));
        String closedRecently = triaged("my wallet was stolen on the bus", author, now.minus(Duration.ofDays(250)));
        String fresh = triaged("my phone was stolen at the market", author, now);
        close(closedLongAgo, "CASE_RECORDED", now.minus(Duration.ofDays(200)));
        close(closedRecently, "CASE_RECORDED", now.minus(Duration.ofDays(10)));
        TriagedReport before = reports.find(unclosedOld).orElseThrow();

        job.refresh();

        for (String reportId : List.of(unclosedOld, closedLongAgo)) {
            TriagedReport after = reports.find(reportId).orElseThrow();
            assertThat(after.source().text()).isNull();
            assertThat(after.redactedText()).isNull();
            assertThat(after.source().author().id()).isNull();
            assertThat(after.source().author().handle()).isNull();
            assertThat(after.source().author().displayName()).isNull();
            assertThat(after.source().conversationId()).isNull();
            Document raw = raw(reportId);
            assertThat(raw.get("erasedAt")).isNotNull();
            assertThat(raw.getString("erasureReason")).isEqualTo("retention");
            assertThat(store.awaitAll(
                            store.collection(ReportStore.CONVERSATIONS).find(Filters.eq("reportId", reportId))))
                    .as("the conversation's pointer to the erased report is gone with it")
                    .isEmpty();
            assertThat(raw.toJson())
                    .doesNotContain(author)
                    .doesNotContain("stolen")
                    .doesNotContain("broke into")
                    .doesNotContain("07700");
            assertThat(after(reportId).reasons())
                    .as("reasons keep their rule, not the quoted text")
                    .isNotEmpty()
                    .anyMatch(r -> r.startsWith("category:"));
            assertThat(valuesOn(Topics.DATA_ERASURE.name(), reportId))
                    .singleElement()
                    .satisfies(v -> {
                        DataErasure e = EventJson.fromJson(v, DataErasure.class);
                        assertThat(e.reason()).isEqualTo(DataErasure.RETENTION);
                        assertThat(e.messageIds())
                                .contains(reports.find(reportId)
                                        .orElseThrow()
                                        .source()
                                        .messageId());
                    });
        }
        TriagedReport after = reports.find(unclosedOld).orElseThrow();
        assertThat(after.reportId()).isEqualTo(before.reportId());
        assertThat(after.reference()).isEqualTo(before.reference());
        assertThat(after.urgency()).isEqualTo(before.urgency());
        assertThat(after.category()).isEqualTo(before.category());
        assertThat(after.entities()).isEqualTo(before.entities());
        assertThat(after.source().messageId()).isEqualTo(before.source().messageId());
        assertThat(after.source().receivedAt()).isEqualTo(before.source().receivedAt());

        for (String kept : List.of(closedRecently, fresh)) {
            assertThat(reports.find(kept).orElseThrow().source().text()).isNotNull();
            assertThat(reports.find(kept).orElseThrow().source().author().id()).isEqualTo(author);
            assertThat(raw(kept).get("erasedAt")).isNull();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(valuesOn(Topics.AUDIT_EVENTS.name(), unclosedOld))
                        .filteredOn(v -> v.contains("\"action\":\"DATA_ERASED\""))
                        .singleElement()
                        .satisfies(v -> assertThat(v)
                                .contains(
                                        "\"category\":\"ERASURE\"",
                                        "\"reason\":\"retention\"",
                                        "\"type\":\"SERVICE\"",
                                        "\"id\":\"triage-service\"")
                                .doesNotContain(author)));

        // A second pass finds nothing left to erase: no second event, no second audit entry.
        job.refresh();
        assertThat(valuesOn(Topics.DATA_ERASURE.name(), unclosedOld)).hasSize(1);
        assertThat(valuesOn(Topics.AUDIT_EVENTS.name(), unclosedOld))
                .filteredOn(v -> v.contains("\"action\":\"DATA_ERASED\""))
                .hasSize(1);
    }

    @Test
    void anOperatorsLabelledExampleIsErasedWithItsReport() {
        Instant now = Instant.now();
        String expired = triaged(
                "my scooter was nicked outside the gym", "a-" + UUID.randomUUID(), now.minus(Duration.ofDays(400)));
        String kept = triaged("my scooter was nicked outside the pool", "a-" + UUID.randomUUID(), now);
        OperatorLabels labels = triage.getBean(OperatorLabels.class);
        for (String reportId : List.of(expired, kept)) {
            labels.record(new OperatorLabel(
                    reportId + ":2",
                    reportId,
                    Channel.DM,
                    "en",
                    "my scooter was nicked",
                    Urgency.URGENT,
                    Category.THEFT,
                    Urgency.ROUTINE,
                    Category.THEFT,
                    "test",
                    "operator",
                    now));
        }

        job.refresh();

        assertThat(labels.all())
                .extracting(OperatorLabel::reportId)
                .doesNotContain(expired)
                .contains(kept);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(valuesOn(Topics.AUDIT_EVENTS.name(), expired))
                        .filteredOn(v -> v.contains("\"action\":\"DATA_ERASED\""))
                        .singleElement()
                        .satisfies(v -> assertThat(v).contains("\"labelledExamplesErased\":\"1\"")));
    }

    @Test
    void nonCrimeContactsAreErasedAfterTheirShorterPeriod() {
        Instant now = Instant.now();
        String question = triaged(
                "what are the opening hours of the police station?",
                "a-" + UUID.randomUUID(),
                now.minus(Duration.ofDays(40)));
        assertThat(reports.find(question).orElseThrow().category().name()).isEqualTo("GENERAL_ENQUIRY");
        job.refresh();
        assertThat(reports.find(question).orElseThrow().source().text()).isNull();
        assertThat(raw(question).getString("erasureReason")).isEqualTo("retention");
    }

    @Test
    void supervisorErasesACitizensReportsWithJustificationOnceAndOthersAreRefused() throws Exception {
        String author = "author-" + UUID.randomUUID();
        String first = triaged("someone broke into my shed", author, Instant.now());
        String second = triaged("they came back and took my bike", author, Instant.now());
        String other = triaged("someone broke into my garage", "someone-else-" + UUID.randomUUID(), Instant.now());
        String body = "{\"platform\":\"x\",\"authorId\":\"" + author
                + "\",\"justification\":\"erasure request ER-17 by the data subject\"}";

        assertThat(post("Basic " + Base64.getEncoder().encodeToString("supervisor:wrong".getBytes()), body)
                        .statusCode())
                .as("wrong password")
                .isEqualTo(401);
        assertThat(post((String) null, body).statusCode()).as("no credentials").isEqualTo(401);
        assertThat(post(TestUsers.OPERATOR, body).statusCode()).isEqualTo(403);
        assertThat(post(TestUsers.AUDITOR, body).statusCode()).isEqualTo(403);
        assertThat(post(TestUsers.ADMIN, body).statusCode()).isEqualTo(403);
        assertThat(post(TestUsers.SUPERVISOR, "{\"platform\":\"x\",\"authorId\":\"" + author + "\"}")
                        .statusCode())
                .as("justification is mandatory")
                .isEqualTo(400);
        assertThat(post(TestUsers.SUPERVISOR, "{\"justification\":\"why\"}").statusCode())
                .isEqualTo(400);
        assertThat(reports.find(first).orElseThrow().source().text())
                .as("a refused request erases nothing")
                .isNotNull();

        // What the operator console keeps about the report (ConsoleState): a note quoting the citizen.
        store.await(store.collection("console")
                .insertOne(new Document("_id", first)
                        .append(
                                "notes",
                                List.of(new Document("id", "n1")
                                        .append("by", "operator")
                                        .append("at", new Date())
                                        .append("text", "caller Jane Citizen, 12 Elm Road")))));

        HttpResponse<String> done = post(TestUsers.SUPERVISOR, body);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body())
                .contains(first, second, "\"triage-service\":2")
                .doesNotContain(author)
                .doesNotContain(other);
        assertThat(reports.find(first).orElseThrow().source().text()).isNull();
        assertThat(reports.find(second).orElseThrow().source().author().id()).isNull();
        assertThat(reports.find(other).orElseThrow().source().text()).isNotNull();
        Document console = store.awaitOptional(store.collection("console")
                        .find(Filters.eq("_id", first))
                        .first())
                .orElseThrow();
        assertThat(console.toJson()).doesNotContain("Jane").doesNotContain("Elm Road");
        assertThat(console.getList("notes", Document.class).get(0).getString("by"))
                .as("who wrote it is kept")
                .isEqualTo("operator");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(valuesOn(Topics.AUDIT_EVENTS.name(), first))
                        .filteredOn(v -> v.contains("\"action\":\"DATA_ERASED\""))
                        .singleElement()
                        .satisfies(v -> assertThat(v)
                                .contains(
                                        "\"category\":\"ERASURE\"",
                                        "\"type\":\"PERSON\"",
                                        "\"id\":\"supervisor\"",
                                        "\"justification\":\"erasure request ER-17 by the data subject\"",
                                        "\"reason\":\"request\"")));
        assertThat(EventJson.fromJson(
                        valuesOn(Topics.DATA_ERASURE.name(), first).get(0), DataErasure.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(DataErasure.REQUEST);
                    assertThat(e.requestedBy().id()).isEqualTo("supervisor");
                    assertThat(e.justification()).isEqualTo("erasure request ER-17 by the data subject");
                });

        // Idempotent: the same request again erases nothing more and publishes nothing more.
        HttpResponse<String> again = post(TestUsers.SUPERVISOR, body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"triage-service\":0");
        assertThat(valuesOn(Topics.DATA_ERASURE.name(), first)).hasSize(1);

        // By report id.
        HttpResponse<String> byReport = post(
                TestUsers.SUPERVISOR, "{\"reportId\":\"" + other + "\",\"justification\":\"court order 2026/55\"}");
        assertThat(byReport.body()).contains(other, "\"triage-service\":1");
        assertThat(reports.find(other).orElseThrow().source().text()).isNull();
    }

    @Test
    void anInvalidRetentionPeriodStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> TriageApplication.builder()
                        .run(ServiceArgs.of(ServiceArgs.freshDatabase("triage"), "--dmdesk.retention.non-crime=-5d"))
                        .close())
                .rootCause()
                .hasMessageContaining("dmdesk.retention.non-crime");
    }

    private HttpResponse<String> post(TestUsers user, String body) throws Exception {
        return post(user.basic(), body);
    }

    private HttpResponse<String> post(String authorization, String body) throws Exception {
        String port = triage.getEnvironment().getProperty("local.server.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/erasure-requests"))
                .header("content-type", "application/json")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a DM and waits for its report; returns the report id. */
    private String triaged(String text, String authorId, Instant receivedAt) {
        String nativeId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        InboundMessage message = new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.X, nativeId),
                MessageKind.NEW,
                Platform.X,
                new MonitoredAccount("x-demopolice", "DemoPolice", "contact-centre", "central", false, false),
                Channel.DM,
                "conv-" + UUID.randomUUID(),
                nativeId,
                new Author(authorId, "handle-" + authorId, "Jane Citizen"),
                text,
                null,
                List.of(),
                receivedAt,
                receivedAt,
                null);
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), message.conversationKey(), EventJson.toBytes(message));
        String reportId = ReportIds.forFirstMessage(message.messageId());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).isPresent());
        return reportId;
    }

    /** What the console's close action stores. */
    private void close(String reportId, String outcome, Instant at) {
        store.await(store.collection("reports")
                .updateOne(
                        Filters.eq("_id", reportId),
                        Updates.combine(
                                Updates.set("status", "CLOSED"),
                                Updates.set("outcome", outcome),
                                Updates.set("closedAt", Date.from(at)))));
    }

    private TriagedReport after(String reportId) {
        return reports.find(reportId).orElseThrow();
    }

    private Document raw(String reportId) {
        return store.awaitOptional(store.collection("reports")
                        .find(Filters.eq("_id", reportId))
                        .first())
                .orElseThrow();
    }

    private static List<String> valuesOn(String topic, String key) {
        return TestKafka.records(topic).stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> r.value())
                .toList();
    }
}
