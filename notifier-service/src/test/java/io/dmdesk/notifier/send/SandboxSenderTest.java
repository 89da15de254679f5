package io.dmdesk.notifier.send;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.notifier.NotifierApplication;
import io.dmdesk.sandbox.SandboxApplication;
import io.dmdesk.testsupport.Events;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * notifier-service over the real broker and store, sending through one of the sandbox's platforms. Citizens
 * write through the sandbox control API first, so the ids in the report are ids the platform knows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxSenderTest {

    /** A citizen's message as the sandbox delivered it, and the report triage would make of it. */
    record Citizen(String handle, Map<?, ?> delivered, TriagedReport report) {}

    protected final String database = ServiceArgs.freshDatabase("notifier");
    protected ConfigurableApplicationContext sandbox;
    protected ConfigurableApplicationContext notifier;
    protected WebClient control;
    protected MongoClient mongo;

    @BeforeAll
    void start() {
        sandbox = SandboxApplication.builder().run("--server.port=0", "--sandbox.data-dir=");
        control = WebClient.builder().baseUrl(sandboxUrl()).build();
        mongo = MongoClients.create(TestMongo.connectionString());
        notifier = NotifierApplication.builder()
                .run(ServiceArgs.of(
                        database, "--SANDBOX_URL=" + sandboxUrl(), "--dmdesk.kafka.outage-max-back-off=PT1S"));
    }

    @AfterAll
    void stop() {
        notifier.close();
        mongo.close();
        sandbox.close();
    }

    protected String sandboxUrl() {
        return "http://localhost:" + sandbox.getEnvironment().getProperty("local.server.port");
    }

    /** The citizen writes a DM through the sandbox control API; returns what the sandbox answered. */
    protected Map<?, ?> write(String platform, String account, String sender, String text) {
        return control.post()
                .uri("/control/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "platform", platform, "channel", "dm", "account", account, "sender", sender, "text", text))
                .retrieve()
                .bodyToMono(Map.class)
                .block(Duration.ofSeconds(5));
    }

    /** The citizen posts publicly (mention, comment) through the sandbox control API. */
    protected Map<?, ?> writeOn(String platform, String channel, String account, String sender, String text) {
        return control.post()
                .uri("/control/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "platform", platform, "channel", channel, "account", account, "sender", sender, "text", text))
                .retrieve()
                .bodyToMono(Map.class)
                .block(Duration.ofSeconds(5));
    }

    protected void fault(String platform, String fault, String account, boolean enabled) {
        control.post()
                .uri("/control/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("platform", platform, "fault", fault, "account", account, "enabled", enabled))
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(5));
    }

    /** The report triage would publish for a DM, with the ids intake would have read from the platform. */
    protected static TriagedReport report(
            Platform platform,
            String accountId,
            String accountHandle,
            String conversationId,
            String nativeMessageId,
            Author author,
            String text,
            Instant writtenAt,
            Urgency urgency,
            String language) {
        InboundMessage message = new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(platform, nativeMessageId),
                MessageKind.NEW,
                platform,
                new MonitoredAccount(accountId, accountHandle, "contact-centre", "central", false, false),
                Channel.DM,
                conversationId,
                nativeMessageId,
                author,
                text,
                null,
                List.of(),
                writtenAt,
                Instant.now(),
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

    /** The report triage would publish for a public post or comment, with what intake would have read. */
    protected static TriagedReport publicReport(
            Platform platform,
            String accountId,
            String accountHandle,
            String conversationId,
            String nativeMessageId,
            Author author,
            String text,
            Urgency urgency,
            String language,
            Map<String, String> platformRefs) {
        InboundMessage message = new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(platform, nativeMessageId),
                MessageKind.NEW,
                platform,
                new MonitoredAccount(accountId, accountHandle, "contact-centre", "central", false, false),
                Channel.PUBLIC,
                conversationId,
                nativeMessageId,
                author,
                text,
                null,
                List.of(),
                Instant.now(),
                Instant.now(),
                null,
                platformRefs);
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

    protected static String newHandle(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    protected void publish(TriagedReport report) {
        TestKafka.send(Topics.REPORTS_TRIAGED.name(), report.reportId(), EventJson.toBytes(report));
    }

    protected List<Map<String, Object>> replies(String platform, String recipient) {
        return control.get()
                .uri(u -> u.path("/control/replies")
                        .queryParam("platform", platform)
                        .queryParam("recipient", recipient)
                        .build())
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(5));
    }

    protected MongoCollection<Document> notifications() {
        return mongo.getDatabase(database).getCollection("notifications");
    }

    protected Document intent(TriagedReport report, String kind) {
        return Mono.from(notifications()
                        .find(Filters.eq("_id", report.reportId() + ":" + kind))
                        .first())
                .block();
    }

    /**
     * As if the notifier died after the platform call but before it recorded the outcome: lease run out. Waits for
     * the first send to settle (sent and announced) first, so the live notifier is not halfway through it.
     */
    protected void loseOutcome(TriagedReport report, String kind) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Boolean.TRUE.equals(intent(report, kind).getBoolean("announced")));
        Mono.from(notifications()
                        .updateOne(
                                Filters.eq("_id", report.reportId() + ":" + kind),
                                Updates.combine(
                                        Updates.set("state", "SENDING"),
                                        Updates.set("attempts", 1),
                                        Updates.set(
                                                "leaseUntil",
                                                Date.from(Instant.now().minusSeconds(1))))))
                .block();
    }
}
