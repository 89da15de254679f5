package io.dmdesk.casebridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.sandbox.SandboxApplication;
import io.dmdesk.testsupport.Events;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The record body comes from configuration: the default reproduces the built-in shape, a force's own
 * occurrence shape reaches the (sandbox) case system as configured, and a wrong field stops start-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseMappingConfigTest {

    private static final String OCCURRENCE = "{\"occurrence\":{\"externalRef\":\"{{report.id}}\","
            + "\"persons\":[{\"role\":\"REPORTER\",\"handle\":\"{{reporter.handle}}\",\"platform\":\"{{reporter.platform}}\"}],"
            + "\"event\":{\"category\":\"{{report.category}}\",\"urgency\":\"{{report.urgency}}\"}},"
            + "\"externalId\":\"{{report.id}}\",\"category\":\"{{report.category}}\",\"urgency\":\"{{report.urgency}}\","
            + "\"narrative\":\"{{source.text}}\"}";

    private ConfigurableApplicationContext sandbox;
    private WebClient control;
    private String sandboxUrl;

    @BeforeAll
    void start() {
        sandbox = SandboxApplication.builder().run("--server.port=0", "--sandbox.data-dir=");
        sandboxUrl = "http://localhost:" + sandbox.getEnvironment().getProperty("local.server.port");
        control = WebClient.builder().baseUrl(sandboxUrl).build();
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void defaultMappingSendsTheBuiltInShapeAndAForcesOwnShapeIsSentAsConfigured() {
        TriagedReport byDefault = Events.triaged("my bike was stolen outside the library");
        try (var bridge = CaseBridgeApplication.builder()
                .run(ServiceArgs.of(
                        ServiceArgs.freshDatabase("casebridge"),
                        "--SANDBOX_URL=" + sandboxUrl,
                        "--dmdesk.kafka.outage-max-back-off=PT1S"))) {
            publish(byDefault);
            await().atMost(Duration.ofSeconds(30)).until(() -> bodyOf(byDefault).isPresent());
        }
        Map<String, Object> body = bodyOf(byDefault).orElseThrow();
        assertThat(body)
                .containsEntry("externalId", byDefault.reportId())
                .containsEntry("category", "THEFT")
                .containsEntry("urgency", "ROUTINE")
                .containsEntry("narrative", "my bike was stolen outside the library")
                .containsEntry("title", "THEFT reported via x (" + byDefault.reference() + ")")
                .containsKeys("reporter", "attachments", "location", "source", "occurredAt");
        assertThat(body.get("reporter"))
                .isEqualTo(
                        Map.of("platform", "x", "handle", "someone", "displayName", "someone", "platformUserId", "2"));

        TriagedReport own = Events.triaged("someone took my phone");
        try (var bridge = CaseBridgeApplication.builder()
                .run(ServiceArgs.of(
                        ServiceArgs.freshDatabase("casebridge"),
                        "--SANDBOX_URL=" + sandboxUrl,
                        "--dmdesk.kafka.outage-max-back-off=PT1S",
                        "--casebridge.case-system.mapping=" + OCCURRENCE))) {
            publish(own);
            await().atMost(Duration.ofSeconds(30)).until(() -> bodyOf(own).isPresent());
        }
        assertThat(bodyOf(own).orElseThrow().get("occurrence"))
                .isEqualTo(Map.of(
                        "externalRef",
                        own.reportId(),
                        "persons",
                        List.of(Map.of("role", "REPORTER", "handle", "someone", "platform", "x")),
                        "event",
                        Map.of("category", "THEFT", "urgency", "ROUTINE")));
    }

    @Test
    void anUnknownFieldInTheMappingStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> CaseBridgeApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("guard"),
                                "--SANDBOX_URL=" + sandboxUrl,
                                "--casebridge.case-system.mapping={\"externalId\":\"{{report.idd}}\"}"))
                        .close())
                .hasStackTraceContaining(
                        "casebridge.case-system.mapping at $.externalId: unknown field {{report.idd}}");
    }

    private void publish(TriagedReport report) {
        TestKafka.send(Topics.REPORTS_TRIAGED.name(), report.reportId(), EventJson.toBytes(report));
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> bodyOf(TriagedReport report) {
        List<Map<String, Object>> cases = control.get()
                .uri("/control/cases")
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(5));
        return cases.stream()
                .filter(c -> report.reportId().equals(c.get("externalId")))
                .map(c -> (Map<String, Object>) c.get("body"))
                .findFirst();
    }
}
