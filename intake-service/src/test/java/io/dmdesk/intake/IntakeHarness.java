package io.dmdesk.intake;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Topics;
import io.dmdesk.intake.connector.ConnectorHealth;
import io.dmdesk.sandbox.SandboxApplication;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The sandbox and intake-service in one JVM, intake over the shared real Kafka broker and Mongo-protocol store
 * with a fresh database. Tests tell their messages apart from other tests' by message id.
 */
public final class IntakeHarness implements AutoCloseable {

    public ConfigurableApplicationContext sandbox;
    private final List<String> sandboxArgs;
    public ConfigurableApplicationContext intake;
    private final List<String> intakeArgs;
    public final String database = ServiceArgs.freshDatabase("intake");
    private WebClient sandboxHttp;

    private IntakeHarness(List<String> extraSandboxArgs, List<String> intakeArgs) {
        List<String> s = new ArrayList<>(List.of("--server.port=0", "--logging.structured.format.console="));
        // Repeated command-line options are joined, not overridden: the in-memory default only when none given.
        if (extraSandboxArgs.stream().noneMatch(a -> a.startsWith("--sandbox.data-dir="))) {
            s.add("--sandbox.data-dir=");
        }
        s.addAll(extraSandboxArgs);
        this.sandboxArgs = s;
        sandbox = SandboxApplication.builder().run(s.toArray(String[]::new));
        // A short open circuit, so "token renewed" tests see recovery within seconds.
        List<String> i = new ArrayList<>(List.of("--SANDBOX_URL=" + sandboxUrl(), "--intake.resilience.open-wait=1s"));
        i.addAll(intakeArgs);
        this.intakeArgs = i;
        intake = IntakeApplication.builder().run(ServiceArgs.of(database, i.toArray(String[]::new)));
        sandboxHttp = WebClient.create(sandboxUrl());
    }

    /**
     * Stops intake, and the sandbox with it: closing a Boot context disposes Reactor Netty's shared event loops,
     * which the in-JVM sandbox server uses too. Start the sandbox again (persistent with --sandbox.data-dir)
     * with {@link #startSandboxAgain}, then {@link #startIntakeAgain}.
     */
    public void stopIntakeAndSandbox() {
        intake.close();
        sandbox.close();
    }

    public void startSandboxAgain() {
        sandbox = SandboxApplication.builder().run(sandboxArgs.toArray(String[]::new));
        sandboxHttp = WebClient.create(sandboxUrl());
    }

    /** Same database: cursors and seen messages survive; the sandbox may have a new port. */
    public void startIntakeAgain() {
        List<String> i = new ArrayList<>(intakeArgs);
        i.set(0, "--SANDBOX_URL=" + sandboxUrl());
        intake = IntakeApplication.builder().run(ServiceArgs.of(database, i.toArray(String[]::new)));
    }

    public static IntakeHarness start(List<String> sandboxArgs, String... intakeArgs) {
        return new IntakeHarness(sandboxArgs, Arrays.asList(intakeArgs));
    }

    public String sandboxUrl() {
        return "http://localhost:" + sandbox.getEnvironment().getProperty("local.server.port");
    }

    public String intakeUrl() {
        return "http://localhost:" + intake.getEnvironment().getProperty("local.server.port");
    }

    public AccountState state(String accountId) {
        return intake.getBean(ConnectorHealth.class).state(accountId);
    }

    /** A citizen writes through the sandbox's control API; returns its answer (id, conversationId...). */
    public Map<String, Object> citizenWrites(
            String platform, String channel, String account, String sender, String text) {
        return control(
                "/control/messages",
                Map.of("platform", platform, "channel", channel, "account", account, "sender", sender, "text", text));
    }

    public void fault(String platform, String fault, String account, boolean enabled) {
        Map<String, Object> body = account == null
                ? Map.of("platform", platform, "fault", fault, "enabled", enabled)
                : Map.of("platform", platform, "fault", fault, "account", account, "enabled", enabled);
        control("/control/faults", body);
    }

    public void registerWebhook(String platform, String path) {
        control("/control/webhooks", Map.of("platform", platform, "url", intakeUrl() + path));
    }

    public Map<String, Object> webhookStatus(String platform) {
        Map<String, Object> all = sandboxHttp
                .get()
                .uri("/control/webhooks")
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .block();
        @SuppressWarnings("unchecked")
        Map<String, Object> mine = all == null ? null : (Map<String, Object>) all.get(platform);
        return mine == null ? Map.of() : mine;
    }

    /** What the sandbox recorded about one account's requests, with the rate-limit windows it announced. */
    public RequestWindows requests(String platform, String account) {
        List<Map<String, Object>> raw = sandboxHttp
                .get()
                .uri(u -> u.path("/control/requests")
                        .queryParam("platform", platform)
                        .queryParam("account", account)
                        .build())
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block();
        return RequestWindows.of(platform, account, raw == null ? List.of() : raw);
    }

    /** Injects a fault for a whole target ({@code PUT /control/faults/{target}}), e.g. status 429 for forSeconds. */
    public void injectFault(String target, int status, long forSeconds) {
        sandboxHttp
                .put()
                .uri("/control/faults/{target}", target)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", status, "forSeconds", forSeconds))
                .retrieve()
                .toBodilessEntity()
                .block();
    }

    public void clearFault(String target) {
        sandboxHttp
                .delete()
                .uri("/control/faults/{target}", target)
                .retrieve()
                .toBodilessEntity()
                .block();
    }

    private Map<String, Object> control(String path, Map<String, Object> body) {
        return sandboxHttp
                .post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .defaultIfEmpty(Map.of())
                .block();
    }

    /** Every InboundMessage on social.inbound with this message id (all tests share the topic). */
    public static List<InboundMessage> published(String messageId) {
        return TestKafka.records(Topics.SOCIAL_INBOUND.name()).stream()
                .filter(r -> r.value().contains(messageId))
                .map(r -> EventJson.fromJson(r.value(), InboundMessage.class))
                .filter(m -> m.messageId().equals(messageId))
                .toList();
    }

    /** Audit events of this subject. */
    public static List<AuditEvent> audited(String subjectId) {
        return TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                .filter(r -> r.value().contains(subjectId))
                .map(r -> EventJson.fromJson(r.value(), AuditEvent.class))
                .filter(e -> e.subjectId().equals(subjectId))
                .toList();
    }

    @Override
    public void close() {
        intake.close();
        sandbox.close();
    }
}
