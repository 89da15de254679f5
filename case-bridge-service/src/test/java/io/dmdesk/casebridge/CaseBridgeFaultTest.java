package io.dmdesk.casebridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.sandbox.SandboxApplication;
import io.dmdesk.testsupport.Events;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * case-bridge-service over the real broker and store against the sandbox case system: one record per
 * report whatever fails (outages, restarts, redelivery), and refused reports in the DLQ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseBridgeFaultTest {

    private static final String DLQ = Topics.dlqName(Topics.REPORTS_TRIAGED.name(), "case-bridge-service");

    private ConfigurableApplicationContext sandbox;
    private ConfigurableApplicationContext bridge;
    private WebClient control;
    private final String database = ServiceArgs.freshDatabase("casebridge");

    @BeforeAll
    void start() {
        sandbox = SandboxApplication.builder().run("--server.port=0", "--sandbox.data-dir=");
        String sandboxUrl = "http://localhost:" + sandbox.getEnvironment().getProperty("local.server.port");
        control = WebClient.builder().baseUrl(sandboxUrl).build();
        bridge = startBridge();
    }

    private ConfigurableApplicationContext startBridge() {
        String sandboxUrl = "http://localhost:" + sandbox.getEnvironment().getProperty("local.server.port");
        return CaseBridgeApplication.builder()
                .run(ServiceArgs.of(
                        database,
                        "--SANDBOX_URL=" + sandboxUrl,
                        "--dmdesk.kafka.outage-max-back-off=PT1S",
                        "--casebridge.case-system.timeout=PT2S"));
    }

    @AfterEach
    void clearFaults() {
        control.delete()
                .uri("/control/faults/cases")
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(5));
    }

    @AfterAll
    void stop() {
        bridge.close();
        sandbox.close();
    }

    @Test
    void reportsWaitThroughACaseSystemOutageAndDrainAfterItWithOneRecordEach() {
        fault(Map.of("status", 503));
        List<TriagedReport> reports = IntStream.range(0, 20)
                .mapToObj(i -> Events.triaged("outage report " + i))
                .toList();
        reports.forEach(this::publish);

        // During the outage nothing is opened and nothing is given up on.
        await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(recordsFor(reports)).isEmpty();
        assertThat(deadLettered(reports)).isEmpty();

        long back = System.nanoTime();
        clearFaults();
        await().atMost(Duration.ofSeconds(60)).until(() -> recordsFor(reports).size() == reports.size());
        System.out.printf(
                "drained %d reports in %d ms after the case system came back%n",
                reports.size(), Duration.ofNanos(System.nanoTime() - back).toMillis());
        assertThat(recordsFor(reports).values()).allMatch(count -> count == 1);
        assertThat(deadLettered(reports)).isEmpty();
    }

    @Test
    void slowCaseSystemBeyondTheTimeoutStillGetsExactlyOneRecordPerReport() {
        // The first calls time out on our side while the sandbox still creates the record: the retry with the
        // same Idempotency-Key must find it, not open a second one.
        fault(Map.of("status", 0, "delayMs", 2500, "forSeconds", 8));
        List<TriagedReport> reports = IntStream.range(0, 3)
                .mapToObj(i -> Events.triaged("slow report " + i))
                .toList();
        reports.forEach(this::publish);
        await().atMost(Duration.ofSeconds(60)).until(() -> recordsFor(reports).size() == reports.size());
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(recordsFor(reports).values()).allMatch(count -> count == 1);
    }

    @Test
    void redeliveredReportOpensNoSecondCase() {
        TriagedReport report = Events.triaged("redelivered report");
        publish(report);
        publish(report);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestKafka.records(Topics.CASES_OPENED.name()).stream()
                                .filter(r -> report.reportId().equals(r.key()))
                                .count()
                        == 3);
        assertThat(recordsFor(List.of(report))).containsEntry(report.reportId(), 1L);
    }

    @Test
    void restartMidStreamOpensEveryRecordExactlyOnce() {
        List<TriagedReport> reports = IntStream.range(0, 30)
                .mapToObj(i -> Events.triaged("restart report " + i))
                .toList();
        reports.forEach(this::publish);
        await().atMost(Duration.ofSeconds(30)).until(() -> !recordsFor(reports).isEmpty());
        bridge.close();
        bridge = startBridge();
        await().atMost(Duration.ofSeconds(60)).until(() -> recordsFor(reports).size() == reports.size());
        assertThat(recordsFor(reports).values()).allMatch(count -> count == 1);
    }

    @Test
    void reportTheCaseSystemRefusesGoesToTheDeadLetterTopicWithoutRetries() {
        String handle = "handle" + UUID.randomUUID().toString().replace("-", "");
        // The case system requires a narrative: 422.
        TriagedReport refused = Events.triaged(Events.inbound(handle, "2", ""), Urgency.ROUTINE, Category.THEFT);
        publish(refused);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLettered(List.of(refused)).size() == 1);
        assertThat(recordsFor(List.of(refused))).isEmpty();

        // Ops read why in the headers; the citizen's handle is in the record only, not in a header.
        var dead = TestKafka.records(DLQ).stream()
                .filter(r -> refused.reportId().equals(r.key()))
                .findFirst()
                .orElseThrow();
        assertThat(dead.value()).contains(handle);
        Map<String, String> headers = new TreeMap<>();
        dead.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(headers.get("kafka_dlt-exception-message"))
                .contains("CaseRejectedException: case system refused the report: 422");
        assertThat(headers.get("kafka_dlt-exception-cause-fqcn"))
                .isEqualTo("io.dmdesk.casebridge.adapter.CaseRejectedException");
        assertThat(headers)
                .allSatisfy((name, value) -> assertThat(value).as(name).doesNotContain(handle));
    }

    @Test
    void laterRevisionBecomesOneNoteOnTheSameRecord() {
        TriagedReport first = Events.triaged("my shed was broken into");
        publish(first);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsFor(List.of(first)).size() == 1);
        TriagedReport second = new TriagedReport(
                first.schemaVersion(),
                first.reportId(),
                first.reference(),
                2,
                Events.inbound("they took a red bike too"),
                first.urgency(),
                first.category(),
                first.sensitivity(),
                first.language(),
                "they took a red bike too",
                List.of(),
                List.of(),
                List.of("follow-up"),
                "test",
                first.routing(),
                Instant.now());
        publish(second);
        publish(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> notesOf(first).size() == 1);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(recordsFor(List.of(first))).containsEntry(first.reportId(), 1L);
        assertThat(notesOf(first))
                .singleElement()
                .satisfies(n -> assertThat(n.get("text").toString()).contains("they took a red bike too"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notesOf(TriagedReport report) {
        List<Map<String, Object>> cases = control.get()
                .uri("/control/cases")
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(5));
        return cases.stream()
                .filter(c -> report.reportId().equals(c.get("externalId")))
                .flatMap(c -> ((List<Map<String, Object>>) c.getOrDefault("notes", List.of())).stream())
                .toList();
    }

    private void fault(Map<String, Object> fault) {
        control.put()
                .uri("/control/faults/cases")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(fault)
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(5));
    }

    private void publish(TriagedReport report) {
        TestKafka.send(Topics.REPORTS_TRIAGED.name(), report.reportId(), EventJson.toBytes(report));
    }

    /** Records in the sandbox case system per report id (only reports that have one). */
    private Map<String, Long> recordsFor(List<TriagedReport> reports) {
        Set<String> ids = reports.stream().map(TriagedReport::reportId).collect(Collectors.toSet());
        List<Map<String, Object>> cases = control.get()
                .uri("/control/cases")
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(5));
        return cases.stream()
                .map(c -> String.valueOf(c.get("externalId")))
                .filter(ids::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private List<String> deadLettered(List<TriagedReport> reports) {
        Set<String> ids = reports.stream().map(TriagedReport::reportId).collect(Collectors.toSet());
        return TestKafka.records(DLQ).stream()
                .map(r -> r.key())
                .filter(ids::contains)
                .toList();
    }
}
