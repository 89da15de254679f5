package io.dmdesk.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.dmdesk.contracts.CaseOpened;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.sandbox.SandboxApplication;
import io.dmdesk.support.security.OnBehalfOf;
import io.dmdesk.testsupport.Events;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import io.dmdesk.testsupport.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * notifier-service over the real broker and store, sending through the sandbox's X API: one acknowledgement
 * and one case-reference follow-up per report, whatever is redelivered, restarted or down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifierFaultTest {

    private final String database = ServiceArgs.freshDatabase("notifier");
    private ConfigurableApplicationContext sandbox;
    private ConfigurableApplicationContext notifier;
    private WebClient control;
    private MongoClient mongo;

    @BeforeAll
    void start() {
        sandbox = SandboxApplication.builder().run("--server.port=0", "--sandbox.data-dir=");
        control = WebClient.builder().baseUrl(sandboxUrl()).build();
        mongo = MongoClients.create(TestMongo.connectionString());
        notifier = startNotifier();
    }

    private String sandboxUrl() {
        return "http://localhost:" + sandbox.getEnvironment().getProperty("local.server.port");
    }

    private ConfigurableApplicationContext startNotifier() {
        return NotifierApplication.builder()
                .run(ServiceArgs.of(
                        database, "--SANDBOX_URL=" + sandboxUrl(), "--dmdesk.kafka.outage-max-back-off=PT1S"));
    }

    @AfterEach
    void clearFaults() {
        control.delete().uri("/control/faults/x").retrieve().toBodilessEntity().block(Duration.ofSeconds(5));
    }

    @AfterAll
    void stop() {
        notifier.close();
        mongo.close();
        sandbox.close();
    }

    @Test
    void redeliveredReportIsAcknowledgedOnce() {
        TriagedReport report = reportFromNewCitizen("my bike was stolen");
        publish(report);
        publish(report);
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(report).size() == 1);
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(replies(report))
                .singleElement()
                .satisfies(r -> assertThat(r.get("text").toString()).contains(report.reference()));
    }

    @Test
    void emergencyAdviceComesFirstInTheCitizensLanguage() {
        TriagedReport report = reportFromNewCitizen("noen slår meg nå", Urgency.EMERGENCY, "nb");
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(report).size() == 1);
        assertThat(replies(report).get(0).get("text").toString())
                .startsWith("Hvis du eller noen andre er i fare nå, ring 999")
                .contains(report.reference());
    }

    @Test
    void everyAcknowledgementTellsTheCitizenWhomToCallWhenInDanger() {
        TriagedReport report = reportFromNewCitizen("my bike was stolen from the shed last week");
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(report).size() == 1);
        assertThat(replies(report).get(0).get("text").toString())
                .startsWith("Thank you, we have received your message")
                .contains(report.reference())
                .endsWith("If you are in danger now, call 999.");
    }

    @Test
    void possibleEmergencyGetsTheEmergencyAdviceFirst() {
        TriagedReport report =
                reportFromNewCitizen("eg står på brua og orkar ikkje meir", Urgency.POSSIBLE_EMERGENCY, "nn");
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(report).size() == 1);
        assertThat(replies(report).get(0).get("text").toString())
                .startsWith("Viss du eller nokon andre er i fare no, ring 999")
                .contains(report.reference());
    }

    @Test
    void followUpThatMakesTheReportAnEmergencyBringsTheAdviceOnce() {
        TriagedReport first = reportFromNewCitizen("my ex keeps texting me");
        publish(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(first).size() == 1);
        TriagedReport worse = new TriagedReport(
                first.schemaVersion(),
                first.reportId(),
                first.reference(),
                2,
                first.source(),
                Urgency.EMERGENCY,
                first.category(),
                first.sensitivity(),
                first.language(),
                "he is outside my door now",
                List.of(),
                List.of(),
                List.of("follow-up"),
                "test",
                first.routing(),
                Instant.now());
        publish(worse);
        publish(worse);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(first).size() == 2);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies(first)).hasSize(2);
        assertThat(replies(first).get(1).get("text").toString())
                .startsWith("If you or someone else is in danger right now, call 999");
    }

    @Test
    void platformOutageDelaysAcknowledgementsButLosesAndDuplicatesNone() {
        control.put()
                .uri("/control/faults/x")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", 503, "forSeconds", 5))
                .retrieve()
                .toBodilessEntity()
                .block();
        List<TriagedReport> reports = IntStream.range(0, 5)
                .mapToObj(i -> reportFromNewCitizen("outage " + i))
                .toList();
        reports.forEach(this::publish);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> reports.stream().allMatch(r -> replies(r).size() == 1));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(reports).allMatch(r -> replies(r).size() == 1);
    }

    @Test
    void restartMidStreamSendsEveryAcknowledgementExactlyOnce() {
        List<TriagedReport> reports = IntStream.range(0, 20)
                .mapToObj(i -> reportFromNewCitizen("restart " + i))
                .toList();
        reports.forEach(this::publish);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.stream().anyMatch(r -> replies(r).size() == 1));
        notifier.close();
        notifier = startNotifier();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> reports.stream().allMatch(r -> replies(r).size() == 1));
        assertThat(reports).allMatch(r -> replies(r).size() == 1);
    }

    @Test
    void anIntentLeftSendingWithoutALeaseIsTakenOverInsteadOfBlockingItsPartition() {
        TriagedReport report = reportFromNewCitizen("my car was keyed");
        publish(report);
        // SENDING with no lease at all (a write lost between two updates): no sender holds it, so the next record
        // may take it over; before, it waited for a lease that could never run out.
        takeBackAfterItSettled(report, Updates.unset("leaseUntil"));
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT".equals(intent(report, "ACKNOWLEDGEMENT").getString("state")));
        assertThat(intent(report, "ACKNOWLEDGEMENT").getBoolean("reconciled")).isTrue();
        assertThat(replies(report)).hasSize(1);
    }

    @Test
    void sendWhoseOutcomeWasLostIsFoundOnThePlatformNotSentAgain() {
        TriagedReport report = reportFromNewCitizen("someone smashed my window");
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(report).size() == 1);
        // As if the notifier died after X accepted the message but before it recorded that: claimed, attempted,
        // lease run out.
        takeBackAfterItSettled(
                report, Updates.set("leaseUntil", Date.from(Instant.now().minusSeconds(1))));
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT".equals(intent(report, "ACKNOWLEDGEMENT").getString("state")));
        assertThat(intent(report, "ACKNOWLEDGEMENT").getBoolean("reconciled")).isTrue();
        assertThat(replies(report)).hasSize(1);
    }

    @Test
    void aSendWhoseRecordsDidNotGetOutIsAnnouncedOnRedeliveryNotSentAgain() {
        TriagedReport report = reportFromNewCitizen("my shed was broken into");
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgementsSent(report) == 1);
        // As if the broker failed after X accepted the message and it was marked sent, before AcknowledgementSent
        // and the audit event went out.
        Mono.from(notifications()
                        .updateOne(
                                Filters.eq("_id", report.reportId() + ":ACKNOWLEDGEMENT"),
                                Updates.set("announced", false)))
                .block();
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgementsSent(report) == 2);
        assertThat(intent(report, "ACKNOWLEDGEMENT").getBoolean("announced")).isTrue();
        assertThat(replies(report)).as("the citizen got the message once").hasSize(1);
    }

    private long acknowledgementsSent(TriagedReport report) {
        return TestKafka.records(Topics.ACKNOWLEDGEMENTS_SENT.name()).stream()
                .filter(r -> report.reportId().equals(r.key()))
                .count();
    }

    @Test
    void caseReferenceFollowsTheAcknowledgementEvenWhenTheCaseOpenedFirst() {
        TriagedReport report = reportFromNewCitizen("my car was broken into");
        String caseReference = "CAS-2026-" + (100000 + (int) (Math.random() * 800000));
        TestKafka.send(
                Topics.CASES_OPENED.name(),
                report.reportId(),
                EventJson.toBytes(new CaseOpened(
                        CaseOpened.SCHEMA_VERSION,
                        report.reportId(),
                        report.reference(),
                        "sandbox-case-system",
                        caseReference,
                        1,
                        Instant.now())));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies(report))
                .as("no follow-up before the acknowledgement")
                .isEmpty();
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(report).size() == 2);
        assertThat(replies(report).get(0).get("text").toString())
                .contains(report.reference())
                .doesNotContain(caseReference);
        assertThat(replies(report).get(1).get("text").toString()).contains(caseReference);
    }

    @Test
    void operatorReplyIsSentOncePerIdempotencyKey() {
        TriagedReport report = reportFromNewCitizen("someone keeps messaging me threats");
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(report).size() == 1);
        WebClient api = WebClient.builder()
                .baseUrl("http://localhost:" + notifier.getEnvironment().getProperty("local.server.port"))
                .defaultHeader(HttpHeaders.AUTHORIZATION, TestUsers.OPERATOR.basic())
                .build();
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            try {
                api.post()
                        .uri("/api/reports/{id}/replies", report.reportId())
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("text", "An officer will call you today."))
                        .retrieve()
                        .toBodilessEntity()
                        .block(Duration.ofSeconds(20));
            } catch (WebClientResponseException e) {
                throw new AssertionError("reply refused: " + e.getStatusCode(), e);
            }
        }
        assertThat(replies(report))
                .extracting(r -> r.get("text"))
                .containsExactly(replies(report).get(0).get("text"), "An officer will call you today.");
    }

    @Test
    void anOperatorCanReplyNamingTheReportByTheCitizensReference() {
        TriagedReport report = reportFromNewCitizen("my bike was stolen from the station");
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(report).size() == 1);
        WebClient api = WebClient.builder()
                .baseUrl("http://localhost:" + notifier.getEnvironment().getProperty("local.server.port"))
                .defaultHeader(HttpHeaders.AUTHORIZATION, TestUsers.OPERATOR.basic())
                .build();

        Map<String, Object> answer = api.post()
                .uri("/api/reports/{id}/replies", report.reference().toLowerCase(Locale.ROOT))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "An officer will call you today."))
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .block(Duration.ofSeconds(20));
        assertThat(answer).containsEntry("reportId", report.reportId()).containsEntry("state", "SENT");
        assertThat(replies(report))
                .extracting(r -> r.get("text"))
                .containsExactly(replies(report).get(0).get("text"), "An officer will call you today.");
        int unknown = api.post()
                .uri("/api/reports/DMD-ZZZZ-ZZZZ/replies")
                .header("Idempotency-Key", "k")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Not sent."))
                .exchangeToMono(r -> Mono.just(r.statusCode().value()))
                .block(Duration.ofSeconds(20));
        assertThat(unknown).isEqualTo(404);
        // A private acknowledgement stays an acknowledgement in the audit trail.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestKafka.records("audit.events").stream()
                        .anyMatch(r -> report.reportId().equals(r.key())
                                && r.value().contains("\"action\":\"ACKNOWLEDGEMENT_SENT\"")));
        assertThat(TestKafka.records("audit.events").stream()
                        .filter(r -> report.reportId().equals(r.key())))
                .noneMatch(r -> r.value().contains("PUBLIC_REPLY_SENT"));
    }

    @Test
    void aServiceReplyingForAPersonIsAuditedAsThatPersonAndPeopleCannotUseTheHeader() {
        // The sandbox's first answer in a fresh JVM can take longer than the helper's 5 s on a busy machine.
        control.get().uri("/control/cases").retrieve().toBodilessEntity().block(Duration.ofSeconds(60));
        TriagedReport report = reportFromNewCitizen("my car window was smashed overnight");
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(report).size() == 1);
        String url = "http://localhost:" + notifier.getEnvironment().getProperty("local.server.port");

        int asPerson = WebClient.builder()
                .baseUrl(url)
                .defaultHeader(HttpHeaders.AUTHORIZATION, TestUsers.OPERATOR.basic())
                .build()
                .post()
                .uri("/api/reports/{id}/replies", report.reportId())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header(OnBehalfOf.HEADER, "supervisor")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Not sent."))
                .exchangeToMono(r -> Mono.just(r.statusCode().value()))
                .block(Duration.ofSeconds(20));
        assertThat(asPerson).as("a person naming someone else").isEqualTo(403);

        WebClient console = WebClient.builder()
                .baseUrl(url)
                .filter(notifier.getBean("serviceAuthFilter", ExchangeFilterFunction.class))
                .build();
        console.post()
                .uri("/api/reports/{id}/replies", report.reportId())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header(OnBehalfOf.HEADER, "jane.operator")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "We are looking into it."))
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(20));

        assertThat(replies(report))
                .extracting(r -> r.get("text"))
                .containsExactly(replies(report).get(0).get("text"), "We are looking into it.");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestKafka.records("audit.events").stream()
                        .anyMatch(r -> r.value().contains(report.reportId())
                                && r.value().contains("\"actor\":{\"type\":\"PERSON\",\"id\":\"jane.operator\"}")));
        assertThat(TestKafka.records("audit.events").stream()
                        .filter(r -> r.value().contains(report.reportId()))
                        .noneMatch(r ->
                                r.value().contains("svc-dmdesk") || r.value().contains("\"id\":\"supervisor\"")))
                .as("the person is the actor, not the service account; the refused request left no entry")
                .isTrue();
    }

    private TriagedReport reportFromNewCitizen(String text) {
        return reportFromNewCitizen(text, Urgency.ROUTINE, "en");
    }

    /** The citizen writes through the sandbox (so X knows them); the report is what triage would publish. */
    private TriagedReport reportFromNewCitizen(String text, Urgency urgency, String language) {
        String handle = "n_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<?, ?> dm = control.post()
                .uri("/control/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "platform", "x", "channel", "dm", "account", "DemoPolice", "sender", handle, "text", text))
                .retrieve()
                .bodyToMono(Map.class)
                .block(Duration.ofSeconds(5));
        InboundMessage base = Events.inbound(handle, String.valueOf(dm.get("senderId")), text);
        InboundMessage message = new InboundMessage(
                base.schemaVersion(),
                base.messageId(),
                base.kind(),
                base.platform(),
                base.account(),
                base.channel(),
                String.valueOf(dm.get("conversationId")),
                base.nativeMessageId(),
                base.author(),
                text,
                null,
                List.of(),
                base.platformTimestamp(),
                base.receivedAt(),
                null);
        TriagedReport r = Events.triaged(message, urgency, Category.THEFT);
        return new TriagedReport(
                r.schemaVersion(),
                r.reportId(),
                r.reference(),
                1,
                message,
                urgency,
                r.category(),
                r.sensitivity(),
                language,
                r.redactedText(),
                r.entities(),
                r.specialCategories(),
                r.reasons(),
                r.classifierVersion(),
                r.routing(),
                r.triagedAt());
    }

    private void publish(TriagedReport report) {
        TestKafka.send(Topics.REPORTS_TRIAGED.name(), report.reportId(), EventJson.toBytes(report));
    }

    private List<Map<String, Object>> replies(TriagedReport report) {
        return control.get()
                .uri(u -> u.path("/control/replies")
                        .queryParam("recipient", report.source().author().handle())
                        .build())
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(5));
    }

    private MongoCollection<Document> notifications() {
        return mongo.getDatabase(database).getCollection("notifications");
    }

    /**
     * Once the acknowledgement has settled (sent and announced, so the live notifier is not halfway through it),
     * puts it back to SENDING after one attempt with the given lease, as a notifier that died mid-send leaves it.
     */
    private void takeBackAfterItSettled(TriagedReport report, Bson lease) {
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Boolean.TRUE.equals(intent(report, "ACKNOWLEDGEMENT").getBoolean("announced")));
        Mono.from(notifications()
                        .updateOne(
                                Filters.eq("_id", report.reportId() + ":ACKNOWLEDGEMENT"),
                                Updates.combine(Updates.set("state", "SENDING"), Updates.set("attempts", 1), lease)))
                .block();
    }

    private Document intent(TriagedReport report, String kind) {
        return Mono.from(notifications()
                        .find(Filters.eq("_id", report.reportId() + ":" + kind))
                        .first())
                .block();
    }
}
