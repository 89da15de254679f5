package io.dmdesk.casebridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.sandbox.SandboxApplication;
import io.dmdesk.testsupport.Events;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Configured non-crime urgencies and categories open no record: the decision is stored on the link and audited
 * once, no CaseOpened is published (so no case reference is ever promised), and a later revision that is a crime
 * opens the record after all. Over the real broker and store, against the sandbox case system.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoRecordFilterTest {

    private final String database = ServiceArgs.freshDatabase("casebridge");
    private ConfigurableApplicationContext sandbox;
    private ConfigurableApplicationContext bridge;
    private WebClient control;
    private MongoClient mongo;
    private String sandboxUrl;

    @BeforeAll
    void start() {
        sandbox = SandboxApplication.builder().run("--server.port=0", "--sandbox.data-dir=");
        sandboxUrl = "http://localhost:" + sandbox.getEnvironment().getProperty("local.server.port");
        control = WebClient.builder().baseUrl(sandboxUrl).build();
        mongo = MongoClients.create(TestMongo.connectionString());
        bridge = CaseBridgeApplication.builder()
                .run(ServiceArgs.of(
                        database,
                        "--SANDBOX_URL=" + sandboxUrl,
                        "--dmdesk.kafka.outage-max-back-off=PT1S",
                        "--casebridge.no-record.urgencies=NON_CRIME",
                        "--casebridge.no-record.categories=SPAM,FEEDBACK"));
    }

    @AfterAll
    void stop() {
        bridge.close();
        mongo.close();
        sandbox.close();
    }

    @Test
    void nonCrimeOpensNoRecordAndTheDecisionIsStoredAndAuditedOnce() {
        TriagedReport question = Events.triaged(
                Events.inbound("what are your opening hours?"), Urgency.NON_CRIME, Category.GENERAL_ENQUIRY);
        TriagedReport crime = Events.triaged("my bike was stolen");
        publish(question);
        publish(question);
        publish(crime);
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(crime) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> link(question) != null);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);

        assertThat(recordsOf(question)).isZero();
        assertThat(link(question).getString("state")).isEqualTo("SKIPPED");
        assertThat(link(question).getString("reason")).isEqualTo("urgency NON_CRIME is configured to open no record");
        assertThat(audits(question, AuditEvent.Action.CASE_NOT_OPENED))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.outcome()).isEqualTo(AuditEvent.Outcome.REJECTED);
                    assertThat(a.recipient()).isEqualTo("sandbox-case-system");
                    assertThat(a.details()).containsEntry("decision", "no record opened");
                });
        assertThat(TestKafka.records(Topics.CASES_OPENED.name()))
                .extracting(r -> r.key())
                .doesNotContain(question.reportId())
                .contains(crime.reportId());
    }

    @Test
    void spamOpensNoRecordUntilAnOperatorReclassifiesItAsACrime() {
        TriagedReport spam =
                Events.triaged(Events.inbound("win a free phone at example.invalid"), Urgency.ROUTINE, Category.SPAM);
        publish(spam);
        await().atMost(Duration.ofSeconds(30)).until(() -> link(spam) != null);
        assertThat(link(spam).getString("reason")).isEqualTo("category SPAM is configured to open no record");
        TriagedReport reclassified = new TriagedReport(
                spam.schemaVersion(),
                spam.reportId(),
                spam.reference(),
                2,
                spam.source(),
                Urgency.ROUTINE,
                Category.FRAUD_SCAM,
                spam.sensitivity(),
                spam.language(),
                spam.redactedText(),
                List.of(),
                List.of(),
                List.of("operator reclassified"),
                "operator",
                spam.routing(),
                Instant.now());
        publish(reclassified);
        publish(reclassified);
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(spam) == 1);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(recordsOf(spam)).isEqualTo(1);
        assertThat(link(spam).getString("state")).isEqualTo("OPENED");
        assertThat(audits(spam, AuditEvent.Action.CASE_NOT_OPENED)).hasSize(1);
        assertThat(audits(spam, AuditEvent.Action.CASE_OPENED)).isNotEmpty();
    }

    @Test
    void aValueThatIsNoUrgencyStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> CaseBridgeApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("guard"),
                                "--SANDBOX_URL=" + sandboxUrl,
                                "--casebridge.no-record.urgencies=NON_CRIM"))
                        .close())
                .hasStackTraceContaining("casebridge.no-record.urgencies");
    }

    private void publish(TriagedReport report) {
        TestKafka.send(Topics.REPORTS_TRIAGED.name(), report.reportId(), EventJson.toBytes(report));
    }

    private long recordsOf(TriagedReport report) {
        List<Map<String, Object>> cases = control.get()
                .uri("/control/cases")
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(5));
        return cases.stream()
                .filter(c -> report.reportId().equals(c.get("externalId")))
                .count();
    }

    private Document link(TriagedReport report) {
        return Mono.from(mongo.getDatabase(database)
                        .getCollection("case_links")
                        .find(Filters.eq("_id", report.reportId()))
                        .first())
                .block(Duration.ofSeconds(5));
    }

    private List<AuditEvent> audits(TriagedReport report, AuditEvent.Action action) {
        return TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                .filter(r -> report.reportId().equals(r.key()))
                .map(r -> EventJson.fromJson(r.value(), AuditEvent.class))
                .filter(a -> a.action() == action)
                .toList();
    }
}
