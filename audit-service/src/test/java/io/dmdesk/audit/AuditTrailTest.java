package io.dmdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.dmdesk.audit.integrity.Checkpoints;
import io.dmdesk.audit.integrity.EntryHash;
import io.dmdesk.audit.integrity.Head;
import io.dmdesk.audit.integrity.TrailVerifier;
import io.dmdesk.audit.integrity.TrailVerifier.Verification;
import io.dmdesk.audit.integrity.VerifyCommand;
import io.dmdesk.audit.store.AuditEntry;
import io.dmdesk.audit.store.AuditStore;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.Actor;
import io.dmdesk.contracts.AuditEvent.ActorType;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Topics;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import io.dmdesk.testsupport.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.reactivestreams.Publisher;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;

/**
 * audit-service alone, over the real broker and store: chaining (one chain per partition), idempotency, tamper
 * detection, auditor API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext audit;
    private AuditStore store;
    private TrailVerifier verifier;
    private String database;
    private Path keyDir;
    private MongoClient mongo;
    private MongoCollection<Document> entries;
    private String base;

    @BeforeAll
    void start() throws Exception {
        database = ServiceArgs.freshDatabase("audit");
        keyDir = Files.createTempDirectory("audit-keys");
        audit = AuditApplication.builder()
                .run(ServiceArgs.of(
                        database,
                        "--dmdesk.audit.signing.key-dir=" + keyDir,
                        "--dmdesk.audit.checkpoint-every=5",
                        "--spring.cloud.stream.bindings.record-in-0.consumer.concurrency=4"));
        store = audit.getBean(AuditStore.class);
        verifier = audit.getBean(TrailVerifier.class);
        base = "http://localhost:" + audit.getEnvironment().getProperty("local.server.port");
        mongo = MongoClients.create(TestMongo.connectionString());
        entries = mongo.getDatabase(database).getCollection("audit_entries");
    }

    @AfterAll
    void stop() {
        mongo.close();
        audit.close();
    }

    @Test
    void eventsOfAReportAreChainedInTheirPartitionsChainAndPerReport() {
        String report = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            publish(event(report, Action.REPORT_TRIAGED, LogCategory.COLLECTION, "triage-service", Instant.now()));
        }
        List<AuditEntry> trail = awaitEntries(report, 3);

        assertThat(trail)
                .extracting(AuditEntry::chain)
                .as("one key, one partition, one chain")
                .containsOnly(trail.get(0).chain());
        assertThat(trail.get(0).reportPrevHash()).isEqualTo(EntryHash.GENESIS);
        for (int i = 1; i < trail.size(); i++) {
            assertThat(trail.get(i).seq()).isGreaterThan(trail.get(i - 1).seq());
            assertThat(trail.get(i).reportPrevHash()).isEqualTo(trail.get(i - 1).hash());
        }
        assertThat(trail).allSatisfy(e -> assertThat(e.hash()).hasSize(64));
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void redeliveredEventIsStoredOnceAndDoesNotExtendTheChain() {
        String report = UUID.randomUUID().toString();
        AuditEvent event = event(report, Action.CASE_OPENED, LogCategory.DISCLOSURE, "case-bridge", Instant.now());
        publish(event);
        AuditEntry stored = awaitEntries(report, 1).get(0);

        publish(event);
        publish(event);
        // Under the same Kafka key: the same partition, so the same chain, behind the duplicates.
        String marker = UUID.randomUUID().toString();
        publish(report, event(marker, Action.REPORT_TRIAGED, LogCategory.COLLECTION, "triage-service", Instant.now()));
        AuditEntry next = awaitEntries(marker, 1).get(0);

        assertThat(store.timeline(report)).hasSize(1);
        assertThat(next.chain()).isEqualTo(stored.chain());
        assertThat(next.seq()).as("the duplicates took no seq").isEqualTo(stored.seq() + 1);
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void editedEntryIsNamedByTheVerifyEndpointAndCommand() throws Exception {
        String report = UUID.randomUUID().toString();
        publish(event(report, Action.TEXT_REVEALED, LogCategory.CONSULTATION, "op-7", Instant.now()));
        publish(event(report, Action.REPORT_VIEWED, LogCategory.CONSULTATION, "op-7", Instant.now()));
        AuditEntry edited = awaitEntries(report, 2).get(0);
        Document original = find(edited.event().eventId());

        block(entries.updateOne(
                Filters.eq("_id", edited.event().eventId()),
                new Document("$set", new Document("justification", "nothing to see here"))));
        try {
            Map<String, Object> result = json(get("/api/audit/verify").body());
            assertThat(result.get("ok")).isEqualTo(false);
            Map<?, ?> broken = (Map<?, ?>) result.get("firstBreak");
            assertThat(broken.get("entryId")).isEqualTo(edited.event().eventId());
            assertThat(broken.get("problem")).isEqualTo("EDITED");
            assertThat(((Number) broken.get("seq")).longValue()).isEqualTo(edited.seq());
            assertThat(((Number) broken.get("chain")).intValue()).isEqualTo(edited.chain());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(command(out)).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains(edited.event().eventId())
                    .contains("EDITED");
        } finally {
            block(entries.replaceOne(Filters.eq("_id", original.get("_id")), original));
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void deletedEntryIsNamedAsTheGapItLeaves() {
        String report = UUID.randomUUID().toString();
        publish(event(report, Action.REPORT_TRIAGED, LogCategory.COLLECTION, "triage-service", Instant.now()));
        AuditEntry deleted = awaitEntries(report, 1).get(0);
        publish(event(report, Action.CASE_OPENED, LogCategory.DISCLOSURE, "case-bridge", Instant.now()));
        awaitEntries(report, 2);
        Document original = find(deleted.event().eventId());

        block(entries.deleteOne(Filters.eq("_id", deleted.event().eventId())));
        try {
            Verification result = verifier.verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.firstBreak().problem()).isEqualTo("DELETED");
            assertThat(result.firstBreak().seq()).isEqualTo(deleted.seq());
            assertThat(result.firstBreak().chain()).isEqualTo(deleted.chain());
        } finally {
            block(entries.insertOne(original));
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void deletingTheNewestEntriesIsCaughtByTheSignedCheckpoint() {
        String report = UUID.randomUUID().toString();
        publish(event(report, Action.REPORT_TRIAGED, LogCategory.COLLECTION, "triage-service", Instant.now()));
        AuditEntry newest = awaitEntries(report, 1).get(0);
        audit.getBean(Checkpoints.class).signHead();
        Document original = find(newest.event().eventId());

        block(entries.deleteOne(Filters.eq("_id", newest.event().eventId())));
        try {
            Verification result = verifier.verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.firstBreak().problem()).isEqualTo("TRUNCATED");
            assertThat(result.firstBreak().seq()).isEqualTo(newest.seq());
            assertThat(result.firstBreak().chain()).isEqualTo(newest.chain());
        } finally {
            block(entries.insertOne(original));
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void rehashedEditOfTheNewestEntryIsCaughtByTheSignedCheckpoint() {
        String report = UUID.randomUUID().toString();
        publish(event(report, Action.TEXT_REVEALED, LogCategory.CONSULTATION, "op-9", Instant.now()));
        AuditEntry newest = awaitEntries(report, 1).get(0);
        audit.getBean(Checkpoints.class).signHead();
        Document original = find(newest.event().eventId());

        // A careful forger: edits the entry and recomputes its hash, so the chain alone still holds.
        Document forged = new Document(original).append("justification", "routine check");
        forged.put("hash", EntryHash.of(forged));
        block(entries.replaceOne(Filters.eq("_id", original.get("_id")), forged));
        try {
            Verification result = verifier.verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.firstBreak().problem()).isEqualTo("CHECKPOINT_INVALID");
            assertThat(result.firstBreak().entryId()).isEqualTo(newest.event().eventId());
        } finally {
            block(entries.replaceOne(Filters.eq("_id", original.get("_id")), original));
        }
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void cleanTrailVerifiesOkThroughEndpointAndCommand() throws Exception {
        String report = UUID.randomUUID().toString();
        publish(event(report, Action.REPORT_TRIAGED, LogCategory.COLLECTION, "triage-service", Instant.now()));
        awaitEntries(report, 1);

        assertThat(json(get("/api/audit/verify").body()).get("ok")).isEqualTo(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(command(out)).isEqualTo(0);
        assertThat(get("/api/audit/public-key").body()).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void eventsFromManyPartitionsAtOnceFormOneValidChainPerPartition() throws Exception {
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            reports.add(UUID.randomUUID().toString());
        }
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (String report : reports) {
                sent.add(senders.submit(() -> {
                    for (int i = 0; i < 3; i++) {
                        publish(event(
                                report,
                                Action.REPORT_TRIAGED,
                                LogCategory.COLLECTION,
                                "triage-service",
                                Instant.now()));
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdown();
        }
        reports.forEach(r -> awaitEntries(r, 3));

        Verification result = verifier.verify();
        assertThat(result.ok()).as("%s", result.firstBreak()).isTrue();
        assertThat(result.chains()).as("24 reports over 12 partitions").hasSizeGreaterThan(1);
        assertThat(result.entries())
                .as("every chain without a gap")
                .isEqualTo(result.chains().stream().mapToLong(Head::seq).sum());
        assertThat(result.checkpoints()).isPositive();
        for (String report : reports) {
            List<AuditEntry> trail = store.timeline(report);
            assertThat(trail)
                    .extracting(AuditEntry::chain)
                    .containsOnly(trail.get(0).chain());
            for (int i = 1; i < trail.size(); i++) {
                assertThat(trail.get(i).reportPrevHash())
                        .isEqualTo(trail.get(i - 1).hash());
            }
        }
    }

    @Test
    void auditorSeesOnePersonsConsultationsInAPeriod() throws Exception {
        String operator = "op-" + UUID.randomUUID();
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        String report = UUID.randomUUID().toString();
        publish(event(report, Action.TEXT_REVEALED, LogCategory.CONSULTATION, operator, from.plusSeconds(60)));
        publish(event(report, Action.REPORT_VIEWED, LogCategory.CONSULTATION, operator, from.plusSeconds(3600)));
        publish(event(report, Action.REPORT_VIEWED, LogCategory.CONSULTATION, operator, from.minusSeconds(60)));
        publish(event(report, Action.REPORT_RECLASSIFIED, LogCategory.ALTERATION, operator, from.plusSeconds(90)));
        publish(event(report, Action.REPORT_VIEWED, LogCategory.CONSULTATION, "someone-else", from.plusSeconds(60)));
        awaitEntries(report, 5);

        String query = "/api/audit/consultations?actor=" + URLEncoder.encode(operator, StandardCharsets.UTF_8)
                + "&from=" + from + "&to=" + from.plusSeconds(86400);
        List<?> found = EventJson.mapper().readValue(get(query).body(), List.class);
        assertThat(found).hasSize(2).allSatisfy(e -> {
            Map<?, ?> event = (Map<?, ?>) ((Map<?, ?>) e).get("event");
            assertThat(event.get("category")).isEqualTo("CONSULTATION");
            assertThat(((Map<?, ?>) event.get("actor")).get("id")).isEqualTo(operator);
        });
    }

    @Test
    void exportOfAReportCarriesItsHashesAndVerifiesOffline() throws Exception {
        String report = UUID.randomUUID().toString();
        publish(event(report, Action.REPORT_TRIAGED, LogCategory.COLLECTION, "triage-service", Instant.now()));
        publish(event(report, Action.TEXT_REVEALED, LogCategory.CONSULTATION, "op-1", Instant.now()));
        publish(event(report, Action.CASE_OPENED, LogCategory.DISCLOSURE, "case-bridge", Instant.now()));
        awaitEntries(report, 3);

        HttpResponse<String> response = get("/api/audit/reports/" + report + "/export");
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment")
                .contains("audit-trail-" + report + ".json");
        List<?> exported = (List<?>) json(response.body()).get("entries");
        assertThat(exported).hasSize(3);
        String previous = EntryHash.GENESIS;
        for (Object o : exported) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) o;
            assertThat(EntryHash.of(entry)).as("recomputed offline").isEqualTo(entry.get("hash"));
            assertThat(entry.get("reportPrevHash")).isEqualTo(previous);
            previous = (String) entry.get("hash");
        }
    }

    @Test
    void aReportsTrailHasItsMessagesAndIsFoundByTheReferenceTheCitizenWasGiven() throws Exception {
        String report = UUID.randomUUID().toString();
        String first = "x:" + UUID.randomUUID();
        String followUp = "x:" + UUID.randomUUID();
        String unrelated = "x:" + UUID.randomUUID();
        String hex = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        String reference = "DMD-" + hex.substring(0, 4) + "-" + hex.substring(4, 8);
        for (String message : List.of(first, followUp, unrelated)) {
            // As intake audits a message: before any report exists, keyed by the message id.
            AuditEvent received = new AuditEvent(
                    AuditEvent.SCHEMA_VERSION,
                    UUID.randomUUID().toString(),
                    Instant.now(),
                    Actor.service("intake-service"),
                    Action.MESSAGE_RECEIVED,
                    LogCategory.COLLECTION,
                    message,
                    null,
                    Outcome.SUCCESS,
                    null,
                    null,
                    Map.of("platform", "x"));
            TestKafka.send(Topics.AUDIT_EVENTS.name(), message, EventJson.toBytes(received));
        }
        publish(triaged(report, first, reference, 1));
        publish(triaged(report, followUp, reference, 2));
        publish(event(report, Action.CASE_OPENED, LogCategory.DISCLOSURE, "case-bridge", Instant.now()));

        List<AuditEntry> trail = await().atMost(WAIT).until(() -> store.timeline(report), t -> t.size() == 5);
        assertThat(trail)
                .extracting(e -> e.event().action())
                .containsExactlyInAnyOrder(
                        Action.MESSAGE_RECEIVED,
                        Action.MESSAGE_RECEIVED,
                        Action.REPORT_TRIAGED,
                        Action.REPORT_TRIAGED,
                        Action.CASE_OPENED);
        assertThat(trail)
                .filteredOn(e -> e.event().action() == Action.MESSAGE_RECEIVED)
                .extracting(e -> e.event().subjectId())
                .containsExactlyInAnyOrder(first, followUp);
        // Chain order: the messages' entries may sit on other audit.events partitions, each its own chain.
        assertThat(trail)
                .isSortedAccordingTo(Comparator.comparing(AuditEntry::chain).thenComparing(AuditEntry::seq));

        List<String> byId = eventIds(get("/api/audit/reports/" + report));
        assertThat(byId).hasSize(5);
        assertThat(eventIds(get("/api/audit/reports/" + reference)))
                .as("by the citizen's reference")
                .isEqualTo(byId);
        assertThat(eventIds(get("/api/audit/reports/" + reference.toLowerCase(Locale.ROOT))))
                .as("read back in lower case")
                .isEqualTo(byId);
        assertThat(get("/api/audit/reports/DMD-ZZZZ-ZZZZ").statusCode()).isEqualTo(404);

        Map<String, Object> export =
                json(get("/api/audit/reports/" + reference + "/export").body());
        assertThat(export).containsEntry("reportId", report).containsEntry("reference", reference);
        assertThat((List<?>) export.get("entries")).hasSize(3);
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> messageTrails =
                (Map<String, List<Map<String, Object>>>) export.get("messageTrails");
        assertThat(messageTrails).containsOnlyKeys(first, followUp);
        messageTrails
                .values()
                .forEach(chain -> assertThat(chain).singleElement().satisfies(entry -> {
                    assertThat(EntryHash.of(entry)).as("recomputed offline").isEqualTo(entry.get("hash"));
                    assertThat(entry.get("action")).isEqualTo("MESSAGE_RECEIVED");
                }));
    }

    private static AuditEvent triaged(String report, String messageId, String reference, int revision) {
        return new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                Instant.now(),
                Actor.service("triage-service"),
                Action.REPORT_TRIAGED,
                LogCategory.COLLECTION,
                report,
                report,
                Outcome.SUCCESS,
                null,
                null,
                Map.of("messageId", messageId, "reference", reference, "revision", String.valueOf(revision)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> eventIds(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> entries = EventJson.mapper().readValue(response.body(), List.class);
        return entries.stream()
                .map(e -> (String) ((Map<String, Object>) e.get("event")).get("eventId"))
                .toList();
    }

    private int command(ByteArrayOutputStream out) {
        return VerifyCommand.run(
                new String[] {
                    "--uri=" + TestMongo.connectionString(),
                    "--database=" + database,
                    "--public-key=" + keyDir.resolve("audit-signing-public.pem")
                },
                new PrintStream(out, true),
                System.err);
    }

    private List<AuditEntry> awaitEntries(String report, int count) {
        return await().atMost(WAIT).until(() -> store.timeline(report), t -> t.size() >= count);
    }

    private Document find(String id) {
        return Mono.from(entries.find(Filters.eq("_id", id)).first()).block(WAIT);
    }

    private static <T> T block(Publisher<T> publisher) {
        return Mono.from(publisher).block(WAIT);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(WAIT)
                        .header("Authorization", TestUsers.AUDITOR.basic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return EventJson.mapper().readValue(body, Map.class);
    }

    private static void publish(AuditEvent event) {
        publish(event.reportId(), event);
    }

    private static void publish(String key, AuditEvent event) {
        TestKafka.send(Topics.AUDIT_EVENTS.name(), key, EventJson.toBytes(event));
    }

    private static AuditEvent event(String report, Action action, LogCategory category, String actor, Instant at) {
        ActorType type =
                actor.contains("-service") || actor.equals("case-bridge") ? ActorType.SERVICE : ActorType.PERSON;
        return new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                at,
                new Actor(type, actor),
                action,
                category,
                "subject-" + UUID.randomUUID(),
                report,
                Outcome.SUCCESS,
                null,
                category == LogCategory.CONSULTATION ? "checking the report for a call-back" : null,
                Map.of("b", "2", "a", "1", "c", "3"));
    }
}
