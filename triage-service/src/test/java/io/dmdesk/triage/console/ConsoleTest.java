package io.dmdesk.triage.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.AcknowledgementSent;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.CaseOpened;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.Topics;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestUsers;
import io.dmdesk.triage.TriageApplication;
import io.dmdesk.triage.model.LabelledExamples;
import io.dmdesk.triage.report.ReportIds;
import io.dmdesk.triage.report.ReportStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/** The console's API over the real broker and store, called as the fixed test users (HTTP Basic). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleTest {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {};

    private ConfigurableApplicationContext triage;
    private WebClient http;
    private ReportStore reports;

    @BeforeAll
    void start() {
        triage = TriageApplication.builder()
                .run(ServiceArgs.of(
                        ServiceArgs.freshDatabase("triage-console"),
                        "--dmdesk.console.sla.urgent=10m",
                        "--dmdesk.console.refresh-interval=200ms"));
        http = WebClient.builder()
                .baseUrl("http://localhost:" + triage.getEnvironment().getProperty("local.server.port"))
                .build();
        reports = triage.getBean(ReportStore.class);
    }

    @AfterAll
    void stop() {
        triage.close();
    }

    @Test
    void withoutALoginConsoleCallsAreRefusedAndWithoutAConsoleRoleAre403() {
        assertThat(status(http.get().uri("/api/console/me"))).isEqualTo(401);
        assertThat(status(http.get().uri("/api/console/stream"))).isEqualTo(401);
        // A state-changing request without a session or credentials is unauthenticated (CSRF applies to sessions).
        assertThat(status(http.post().uri("/api/console/reports/x/claim"))).isEqualTo(401);
        assertThat(status(http.get().uri("/api/console/me").header("Authorization", TestUsers.AUDITOR.basic())))
                .isEqualTo(403);
        assertThat(status(http.post()
                        .uri("/api/console/reports/x/claim")
                        .header("Authorization", TestUsers.SERVICE.basic())))
                .isEqualTo(403);
    }

    @Test
    void pageScriptAndStylesAreServedWithoutInlineScripts() {
        WebClient operator = as("operator");
        String page = operator.get()
                .uri("/console/")
                .retrieve()
                .bodyToMono(String.class)
                .block(Duration.ofSeconds(10));
        assertThat(page)
                .contains("<script src=\"console.js\" defer></script>")
                .doesNotContain("onclick=")
                .doesNotContainPattern("<script>");
        assertThat(operator.get()
                        .uri("/console/console.js")
                        .retrieve()
                        .bodyToMono(String.class)
                        .block())
                .contains("EventSource('/api/console/stream')")
                .contains("X-XSRF-TOKEN");
        assertThat(operator.get()
                        .uri("/console/console.css")
                        .retrieve()
                        .toBodilessEntity()
                        .block()
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void faviconAndTheSignInPagesStylesAnswerWithoutALoginAndBothPagesNameTheProductAlike() {
        for (String path : List.of("/favicon.ico", "/favicon.svg", "/login.css")) {
            assertThat(status(http.get().uri(path))).as(path).isEqualTo(200);
        }
        assertThat(http.get()
                        .uri("/favicon.ico")
                        .retrieve()
                        .toBodilessEntity()
                        .block(Duration.ofSeconds(10))
                        .getHeaders()
                        .getContentType())
                .hasToString("image/x-icon");
        String login =
                http.get().uri("/login").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
        assertThat(login)
                .contains(
                        "<title>Sign in - DM Desk console</title>",
                        "<h1>DM Desk console</h1>",
                        "href=\"/login.css\"",
                        "href=\"/favicon.ico\"")
                .doesNotContain("style=");
        String console = as("operator")
                .get()
                .uri("/console/")
                .retrieve()
                .bodyToMono(String.class)
                .block(Duration.ofSeconds(10));
        assertThat(console)
                .contains("<title>DM Desk console</title>", "<h1>DM Desk console</h1>", "href=\"/favicon.ico\"");
    }

    @Test
    void meCarriesThePersonAndTheConfiguredSlaTargets() {
        Map<String, Object> me = as("operator")
                .get()
                .uri("/api/console/me")
                .retrieve()
                .bodyToMono(MAP)
                .block();
        assertThat(me.get("user")).isEqualTo("operator");
        assertThat(me.get("supervisor")).isEqualTo(false);
        assertThat(as("supervisor")
                        .get()
                        .uri("/api/console/me")
                        .retrieve()
                        .bodyToMono(MAP)
                        .block()
                        .get("supervisor"))
                .isEqualTo(true);
        assertThat(map(me.get("slaSeconds"))).containsEntry("URGENT", 600).containsEntry("EMERGENCY", 120);
    }

    @Test
    void streamSendsASnapshotThenANewReportLiveWithEmergenciesFirstAndRedactedTextOnly() {
        List<ServerSentEvent<Map<String, Object>>> events = new CopyOnWriteArrayList<>();
        Disposable subscription = as("operator")
                .get()
                .uri("/api/console/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(SSE)
                .subscribe(events::add);
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.stream().anyMatch(e -> "snapshot".equals(e.event())));
            InboundMessage routine = send("my bike was stolen from the station, call me on 07700 900123");
            InboundMessage emergency = send("someone is kicking my door in right now please help");
            String routineId = reportIdOf(routine);
            String emergencyId = reportIdOf(emergency);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> upserts(events).contains(routineId)
                            && upserts(events).contains(emergencyId));
            Map<?, ?> item = events.stream()
                    .filter(e -> "upsert".equals(e.event()))
                    .map(e -> (Map<?, ?>) e.data().get("item"))
                    .filter(i -> routineId.equals(i.get("reportId")))
                    .findFirst()
                    .orElseThrow();
            assertThat(item.get("redactedText").toString())
                    .doesNotContain("07700 900123")
                    .contains("[PHONE");
            assertThat(events.toString()).doesNotContain("07700 900123");

            List<Map<String, Object>> queue = queue("operator");
            List<Object> ids = queue.stream().map(i -> i.get("reportId")).toList();
            assertThat(queue.get(0).get("urgency")).isEqualTo("EMERGENCY");
            assertThat(ids.indexOf(emergencyId)).isLessThan(ids.indexOf(routineId));
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void revealNeedsAJustificationAndEachRevealIsAConsultationByThatPerson() {
        InboundMessage message = send("my wallet was stolen, my number is 07700 900456");
        String reportId = reportIdOf(message);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).isPresent());

        Map<String, Object> view = as("operator")
                .get()
                .uri("/api/console/reports/{id}", reportId)
                .retrieve()
                .bodyToMono(MAP)
                .block();
        assertThat(view.toString()).doesNotContain("07700 900456");
        assertThat((List<?>) view.get("entities")).isNotEmpty();
        assertThat(status(as("operator")
                        .post()
                        .uri("/api/console/reports/{id}/reveal", reportId)
                        .bodyValue(Map.of("justification", "because"))))
                .as("a justification shorter than the minimum")
                .isEqualTo(400);
        assertThat(auditOf(reportId)).noneMatch(v -> v.contains("TEXT_REVEALED"));

        Map<String, Object> revealed = as("operator")
                .post()
                .uri("/api/console/reports/{id}/reveal", reportId)
                .bodyValue(Map.of("justification", "caller asked to confirm the number"))
                .retrieve()
                .bodyToMono(MAP)
                .block();
        assertThat(revealed.toString()).contains("07700 900456");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(auditOf(reportId))
                        .filteredOn(v -> v.contains("\"action\":\"TEXT_REVEALED\""))
                        .singleElement()
                        .satisfies(v -> {
                            assertThat(v)
                                    .contains("\"category\":\"CONSULTATION\"")
                                    .contains("\"actor\":{\"type\":\"PERSON\",\"id\":\"operator\"}")
                                    .contains("\"justification\":\"caller asked to confirm the number\"")
                                    .doesNotContain("07700 900456");
                        }));
        assertThat(auditOf(reportId))
                .anyMatch(v -> v.contains("\"action\":\"REPORT_VIEWED\"") && v.contains("operator"));
    }

    @Test
    void reclassifyPublishesTheNextRevisionKeepsTheMachineDecisionAndIsAudited() {
        InboundMessage message = send("my bike was stolen from the station");
        String reportId = reportIdOf(message);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).isPresent());
        String machine = machineUrgencyOtherThan(reportId, "URGENT");

        as("supervisor")
                .post()
                .uri("/api/console/reports/{id}/reclassify", reportId)
                .bodyValue(Map.of(
                        "urgency",
                        "URGENT",
                        "category",
                        "THEFT",
                        "sensitivity",
                        "PERSONAL",
                        "reason",
                        "bike had a child seat, child missing"))
                .retrieve()
                .bodyToMono(MAP)
                .block();

        assertThat(reports.find(reportId).orElseThrow().revision()).isEqualTo(2);
        assertThat(reports.find(reportId).orElseThrow().urgency().name()).isEqualTo("URGENT");
        Map<String, Object> view = as("supervisor")
                .get()
                .uri("/api/console/reports/{id}", reportId)
                .retrieve()
                .bodyToMono(MAP)
                .block();
        assertThat(map(view.get("original"))).containsEntry("urgency", machine).containsEntry("revision", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(TestKafka.records(Topics.REPORTS_TRIAGED.name()).stream()
                            .filter(r -> reportId.equals(r.key()))
                            .map(r -> r.value()))
                    .anyMatch(v -> v.contains("\"revision\":2") && v.contains("\"urgency\":\"URGENT\""));
            assertThat(auditOf(reportId))
                    .anyMatch(v -> v.contains("\"action\":\"REPORT_RECLASSIFIED\"")
                            && v.contains("\"id\":\"supervisor\"")
                            && v.contains("\"category\":\"ALTERATION\""));
        });
        assertThat(status(as("supervisor")
                        .post()
                        .uri("/api/console/reports/{id}/reclassify", reportId)
                        .bodyValue(
                                Map.of("urgency", "SOON", "category", "THEFT", "sensitivity", "NONE", "reason", "x"))))
                .as("an unknown urgency")
                .isEqualTo(400);
    }

    @Test
    void aReclassificationBecomesARedactedLabelledExampleThatASupervisorCanExportForRetraining() throws Exception {
        InboundMessage message = send("ring meg på 912 34 567, noen tok sykkelen min fra stativet for tre uker siden");
        String reportId = reportIdOf(message);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).isPresent());
        String machine = machineUrgencyOtherThan(reportId, "URGENT");
        as("operator")
                .post()
                .uri("/api/console/reports/{id}/reclassify", reportId)
                .bodyValue(Map.of(
                        "urgency",
                        "URGENT",
                        "category",
                        "THEFT",
                        "sensitivity",
                        "PERSONAL",
                        "reason",
                        "the bike is for sale on Finn right now, the seller can still be met"))
                .retrieve()
                .bodyToMono(MAP)
                .block();

        assertThat(status(as("operator").get().uri("/api/console/supervisor/labelled-examples")))
                .as("operators may not export")
                .isEqualTo(403);
        String export = as("supervisor")
                .get()
                .uri("/api/console/supervisor/labelled-examples")
                .retrieve()
                .bodyToMono(String.class)
                .block(Duration.ofSeconds(10));
        String line = export.lines()
                .filter(l -> l.contains(reportId + ":2"))
                .findFirst()
                .orElseThrow();
        assertThat(line)
                .contains(
                        "\"urgency\":\"URGENT\"",
                        "\"category\":\"THEFT\"",
                        "\"machineUrgency\":\"" + machine + "\"",
                        "[PHONE]")
                .doesNotContain("912 34 567");
        // The export reads as training and evaluation data (the evaluate command's examples=<file>).
        var examples = LabelledExamples.read(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), "export");
        assertThat(examples).singleElement().satisfies(x -> {
            assertThat(x.urgency().name()).isEqualTo("URGENT");
            assertThat(x.text()).contains("[PHONE]");
        });
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                                .map(r -> r.value()))
                        .anyMatch(v -> v.contains("\"action\":\"LABELLED_EXAMPLES_EXPORTED\"")
                                && v.contains("\"id\":\"supervisor\"")
                                && v.contains("\"category\":\"DISCLOSURE\"")));
    }

    @Test
    void aClaimHeldByOneOperatorIsAConflictForAnotherAndClosingTakesTheReportOffTheQueue() {
        InboundMessage message = send("someone keyed my car in the car park");
        String reportId = reportIdOf(message);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> queue("operator").stream().anyMatch(i -> reportId.equals(i.get("reportId"))));

        assertThat(status(as("operator").post().uri("/api/console/reports/{id}/claim", reportId)))
                .isEqualTo(200);
        assertThat(status(as("supervisor").post().uri("/api/console/reports/{id}/claim", reportId)))
                .isEqualTo(409);
        // Only a supervisor may take a claim away from its holder.
        assertThat(status(as("operator").post().uri("/api/console/supervisor/reports/{id}/release", reportId)))
                .isEqualTo(403);
        assertThat(status(as("supervisor").post().uri("/api/console/supervisor/reports/{id}/release", reportId)))
                .isEqualTo(200);
        assertThat(status(as("operator").post().uri("/api/console/reports/{id}/claim", reportId)))
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> queue("supervisor").stream()
                        .anyMatch(i -> reportId.equals(i.get("reportId")) && "operator".equals(i.get("claimedBy"))));
        assertThat(status(as("operator")
                        .post()
                        .uri("/api/console/reports/{id}/notes", reportId)
                        .bodyValue(Map.of("text", "called back, no answer"))))
                .isEqualTo(200);
        assertThat(status(as("operator")
                        .post()
                        .uri("/api/console/reports/{id}/close", reportId)
                        .bodyValue(Map.of("outcome", "MAYBE"))))
                .isEqualTo(400);
        assertThat(status(as("operator")
                        .post()
                        .uri("/api/console/reports/{id}/close", reportId)
                        .bodyValue(Map.of("outcome", "ADVICE_GIVEN"))))
                .isEqualTo(200);
        assertThat(status(as("operator")
                        .post()
                        .uri("/api/console/reports/{id}/close", reportId)
                        .bodyValue(Map.of("outcome", "ADVICE_GIVEN"))))
                .as("already closed")
                .isEqualTo(409);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> queue("operator").stream().noneMatch(i -> reportId.equals(i.get("reportId"))));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(auditOf(reportId))
                        .anyMatch(v -> v.contains("\"action\":\"REPORT_CLAIMED\"") && v.contains("\"id\":\"operator\""))
                        .anyMatch(v -> v.contains("\"action\":\"REPORT_RELEASED\"")
                                && v.contains("\"id\":\"supervisor\"")
                                && v.contains("\"releasedFrom\":\"operator\""))
                        .anyMatch(v -> v.contains("\"action\":\"NOTE_ADDED\"") && !v.contains("called back"))
                        .anyMatch(v -> v.contains("\"action\":\"REPORT_CLOSED\"") && v.contains("ADVICE_GIVEN")));
    }

    @Test
    void caseReferenceAndMessagesSentReachTheViewFromTheirTopicsOnceEach() {
        InboundMessage message = send("my phone was stolen on the tram");
        String reportId = reportIdOf(message);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).isPresent());
        CaseOpened opened = new CaseOpened(
                CaseOpened.SCHEMA_VERSION, reportId, "REF", "sandbox-case-system", "CASE-42", 1, Instant.now());
        AcknowledgementSent ack = new AcknowledgementSent(
                AcknowledgementSent.SCHEMA_VERSION,
                reportId,
                AcknowledgementSent.Kind.ACKNOWLEDGEMENT,
                Platform.X,
                "x-demopolice",
                "c1",
                "pm-1",
                "ack-dm",
                "en",
                Instant.now());
        TestKafka.send(Topics.CASES_OPENED.name(), reportId, EventJson.toBytes(opened));
        TestKafka.send(Topics.ACKNOWLEDGEMENTS_SENT.name(), reportId, EventJson.toBytes(ack));
        TestKafka.send(Topics.ACKNOWLEDGEMENTS_SENT.name(), reportId, EventJson.toBytes(ack));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> view = as("operator")
                    .get()
                    .uri("/api/console/reports/{id}", reportId)
                    .retrieve()
                    .bodyToMono(MAP)
                    .block();
            assertThat(map(view.get("case"))).containsEntry("reference", "CASE-42");
            assertThat((List<?>) view.get("sent")).hasSize(1);
        });
        assertThat(queue("operator"))
                .filteredOn(i -> reportId.equals(i.get("reportId")))
                .singleElement()
                .satisfies(i ->
                        assertThat(i).containsEntry("caseReference", "CASE-42").containsEntry("acknowledged", true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMessageSentReachesAnOpenViewAsAnUpsertAndIsListedWithItsKind() {
        InboundMessage message = send("my car was broken into last night outside my flat");
        String reportId = reportIdOf(message);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.find(reportId).isPresent());
        List<ServerSentEvent<Map<String, Object>>> events = new CopyOnWriteArrayList<>();
        Disposable subscription = as("operator")
                .get()
                .uri("/api/console/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(SSE)
                .subscribe(events::add);
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.stream().anyMatch(e -> "snapshot".equals(e.event())));
            Instant at = Instant.now();
            List<AcknowledgementSent> sent = List.of(
                    sent(reportId, AcknowledgementSent.Kind.ACKNOWLEDGEMENT, "pm-a", "ack.routine", at),
                    sent(
                            reportId,
                            AcknowledgementSent.Kind.CASE_REFERENCE,
                            "pm-b",
                            "case-reference",
                            at.plusSeconds(1)),
                    sent(reportId, AcknowledgementSent.Kind.OPERATOR_REPLY, "pm-c", null, at.plusSeconds(2)));
            for (int n = 0; n < sent.size(); n++) {
                int count = n + 1;
                TestKafka.send(Topics.ACKNOWLEDGEMENTS_SENT.name(), reportId, EventJson.toBytes(sent.get(n)));
                // The browser refreshes an open report on its upsert: each message sent must change the item.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> events.stream()
                                .filter(e -> "upsert".equals(e.event()))
                                .map(e -> (Map<?, ?>) e.data().get("item"))
                                .anyMatch(i -> reportId.equals(i.get("reportId"))
                                        && Integer.valueOf(count).equals(i.get("messagesSent"))));
            }
            Map<String, Object> view = as("operator")
                    .get()
                    .uri("/api/console/reports/{id}", reportId)
                    .retrieve()
                    .bodyToMono(MAP)
                    .block(Duration.ofSeconds(10));
            assertThat((List<Map<String, Object>>) view.get("sent"))
                    .extracting(m -> m.get("kind"), m -> m.get("label"))
                    .containsExactly(
                            Tuple.tuple("ACKNOWLEDGEMENT", "Acknowledgement"),
                            Tuple.tuple("CASE_REFERENCE", "Case reference follow-up"),
                            Tuple.tuple("OPERATOR_REPLY", "Operator reply"));
        } finally {
            subscription.dispose();
        }
    }

    private static AcknowledgementSent sent(
            String reportId, AcknowledgementSent.Kind kind, String platformMessageId, String template, Instant at) {
        return new AcknowledgementSent(
                AcknowledgementSent.SCHEMA_VERSION,
                reportId,
                kind,
                Platform.X,
                "x-demopolice",
                "c1",
                platformMessageId,
                template,
                "en",
                at);
    }

    @Test
    void aNonPositiveSlaTargetStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> TriageApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("triage-bad"), "--dmdesk.console.sla.emergency=0s")))
                .rootCause()
                .hasMessageContaining("dmdesk.console.sla.emergency");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private WebClient as(String person) {
        TestUsers user = Arrays.stream(TestUsers.values())
                .filter(u -> u.username.equals(person))
                .findFirst()
                .orElseThrow();
        return http.mutate().defaultHeader("Authorization", user.basic()).build();
    }

    private List<Map<String, Object>> queue(String person) {
        return as(person)
                .get()
                .uri("/api/console/queue")
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(10));
    }

    private static int status(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(
                        r -> r.releaseBody().thenReturn(r.statusCode().value()))
                .block(Duration.ofSeconds(10));
    }

    private static List<String> upserts(List<ServerSentEvent<Map<String, Object>>> events) {
        return events.stream()
                .filter(e -> "upsert".equals(e.event()))
                .map(e -> String.valueOf(((Map<?, ?>) e.data().get("item")).get("reportId")))
                .toList();
    }

    private static List<String> auditOf(String reportId) {
        return TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                .filter(r -> reportId.equals(r.key()))
                .map(r -> r.value())
                .toList();
    }

    /** The machine's urgency of a stored report; the console refuses a correction that changes nothing. */
    private String machineUrgencyOtherThan(String reportId, String correction) {
        String machine = reports.find(reportId).orElseThrow().urgency().name();
        assertThat(machine)
                .as("the operator's correction must differ from the machine's decision")
                .isNotEqualTo(correction);
        return machine;
    }

    private String reportIdOf(InboundMessage message) {
        return ReportIds.forFirstMessage(message.messageId());
    }

    private static InboundMessage send(String text) {
        String nativeId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        Instant now = Instant.now();
        InboundMessage message = new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.X, nativeId),
                MessageKind.NEW,
                Platform.X,
                new MonitoredAccount("x-demopolice", "DemoPolice", "contact-centre", "central", false, false),
                Channel.DM,
                "conv-" + UUID.randomUUID(),
                nativeId,
                new Author("2", "someone", "Someone"),
                text,
                null,
                List.of(),
                now,
                now,
                null);
        TestKafka.send(Topics.SOCIAL_INBOUND.name(), message.conversationKey(), EventJson.toBytes(message));
        return message;
    }
}
