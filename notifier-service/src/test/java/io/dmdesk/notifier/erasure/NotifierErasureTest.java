package io.dmdesk.notifier.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.DataErasure;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.notifier.NotifierApplication;
import io.dmdesk.notifier.ack.Notifications;
import io.dmdesk.sandbox.SandboxApplication;
import io.dmdesk.testsupport.Events;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** The notifier erases the citizen's platform identity from its send intents on data.erasure; real broker and store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifierErasureTest {

    private final String database = ServiceArgs.freshDatabase("notifier");
    private ConfigurableApplicationContext sandbox;
    private ConfigurableApplicationContext notifier;
    private MongoClient mongo;

    @BeforeAll
    void start() {
        sandbox = SandboxApplication.builder().run("--server.port=0", "--sandbox.data-dir=");
        mongo = MongoClients.create(TestMongo.connectionString());
        notifier = NotifierApplication.builder().run(ServiceArgs.of(database, "--SANDBOX_URL=" + sandboxUrl()));
    }

    @AfterAll
    void stop() {
        notifier.close();
        sandbox.close();
        mongo.close();
    }

    @Test
    void erasureRemovesTheRecipientFromEveryIntentOnceAndIsAuditedForTheRequester() {
        TriagedReport report = reportFromNewCitizen("my bike was stolen");
        TestKafka.send(Topics.REPORTS_TRIAGED.name(), report.reportId(), EventJson.toBytes(report));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        intent(report) != null && "SENT".equals(intent(report).getString("state")));
        assertThat(intent(report).getString("recipientHandle"))
                .isEqualTo(report.source().author().handle());

        var supervisor = new AuditEvent.Actor(AuditEvent.ActorType.PERSON, "supervisor");
        DataErasure erasure = new DataErasure(
                DataErasure.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                report.reportId(),
                List.of(report.source().messageId()),
                DataErasure.REQUEST,
                supervisor,
                "erasure request ER-9",
                Instant.now());
        TestKafka.send(Topics.DATA_ERASURE.name(), report.reportId(), EventJson.toBytes(erasure));
        TestKafka.send(Topics.DATA_ERASURE.name(), report.reportId(), EventJson.toBytes(erasure));

        await().atMost(Duration.ofSeconds(30)).until(() -> intent(report).get("erasedAt") != null);
        Document erased = intent(report);
        for (String field : Notifications.PERSONAL) {
            assertThat(erased.containsKey(field)).as(field).isFalse();
        }
        assertThat(erased.toJson()).doesNotContain(report.source().author().handle());
        assertThat(erased.getString("state")).as("what happened is kept").isEqualTo("SENT");
        assertThat(erased.getString("reference")).isEqualTo(report.reference());

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(audits(report)).hasSizeGreaterThanOrEqualTo(2));
        List<AuditEvent> audits = audits(report);
        assertThat(audits)
                .extracting(AuditEvent::eventId)
                .as("redelivery is one audit entry")
                .containsOnly(audits.get(0).eventId());
        assertThat(audits.get(0)).satisfies(a -> {
            assertThat(a.category()).isEqualTo(AuditEvent.LogCategory.ERASURE);
            assertThat(a.actor()).isEqualTo(supervisor);
            assertThat(a.justification()).isEqualTo("erasure request ER-9");
            assertThat(a.details()).containsEntry("service", "notifier-service").containsEntry("reason", "request");
        });
        assertThat(audits).anySatisfy(a -> assertThat(a.details()).containsEntry("intentsErased", "1"));
    }

    private List<AuditEvent> audits(TriagedReport report) {
        return TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                .filter(r -> report.reportId().equals(r.key()))
                .map(r -> EventJson.fromJson(r.value(), AuditEvent.class))
                .filter(a -> a.action() == AuditEvent.Action.DATA_ERASED)
                .toList();
    }

    private String sandboxUrl() {
        return "http://localhost:" + sandbox.getEnvironment().getProperty("local.server.port");
    }

    /** The citizen writes through the sandbox (so X knows them); the report is what triage would publish. */
    private TriagedReport reportFromNewCitizen(String text) {
        String handle = "n_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<?, ?> dm = WebClient.create(sandboxUrl())
                .post()
                .uri("/control/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "platform", "x", "channel", "dm", "account", "DemoPolice", "sender", handle, "text", text))
                .retrieve()
                .bodyToMono(Map.class)
                .block(Duration.ofSeconds(30));
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
        return Events.triaged(message, Urgency.ROUTINE, Category.THEFT);
    }

    private Document intent(TriagedReport report) {
        return Mono.from(mongo.getDatabase(database)
                        .getCollection("notifications")
                        .find(Filters.eq("_id", report.reportId() + ":ACKNOWLEDGEMENT"))
                        .first())
                .block();
    }
}
