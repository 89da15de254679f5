package io.dmdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.Topics;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Flux;

/**
 * A citizen's DM travels the whole pipeline over the real Kafka broker and the MongoDB-protocol store:
 * sandbox X API -> intake -> triage -> case bridge (sandbox case system) and notifier (sandbox X send API),
 * with every step in the audit store.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndTest {

    private Pipeline pipeline;
    private SandboxClient sandbox;
    private MongoClient mongo;

    /** Dead letters already on the shared broker from other test classes (e.g. the shredding test puts one there). */
    private Map<String, Long> deadLettersBefore;

    @BeforeAll
    void startSystem() {
        deadLettersBefore = TestKafka.deadLetterCounts();
        pipeline = new Pipeline(TestKafka.bootstrapServers(), TestMongo.connectionString()).start();
        sandbox = new SandboxClient(pipeline.sandboxUrl());
        mongo = MongoClients.create(TestMongo.connectionString());
    }

    @AfterAll
    void stopSystem() {
        mongo.close();
        pipeline.close();
    }

    @Test
    void dmBecomesOneCaseOneAcknowledgementOneCaseReferenceAndAnAuditEntryPerStep(CapturedOutput output) {
        String citizen = "cit_" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "my phone is 07700 900" + (100 + (int) (Math.random() * 800));
        String text = "Someone broke into my car last night on Elm Street, " + secret;
        long sentAt = System.nanoTime();
        Map<?, ?> dm = sandbox.sendDm("DemoPolice", citizen, text);
        String messageId = "x:" + dm.get("id");

        Map<String, Object> record = await().atMost(Duration.ofSeconds(60))
                .until(() -> casesFrom(citizen), cases -> cases.size() == 1)
                .get(0);
        Map<String, Object> reply = await().atMost(Duration.ofSeconds(60))
                .until(() -> sandbox.repliesTo(citizen), replies -> !replies.isEmpty())
                .get(0);
        long latencyMs = Duration.ofNanos(System.nanoTime() - sentAt).toMillis();
        System.out.println("E2E latency DM -> case record and acknowledgement: " + latencyMs + " ms");
        List<Map<String, Object>> replies =
                await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.repliesTo(citizen), all -> all.size() == 2);

        String reportId = String.valueOf(((Map<?, ?>) record.get("body")).get("externalId"));
        Map<?, ?> report = auditDocument("triage-service", "reports", reportId);
        String reference = report.get("reference").toString();
        assertThat(reply.get("text").toString()).contains(reference);
        assertThat(reply.get("account")).isEqualTo("DemoPolice");
        assertThat(replies.get(1).get("text").toString())
                .as("the case reference follows the acknowledgement")
                .contains(record.get("reference").toString());
        assertThat(((Map<?, ?>) record.get("body")).get("narrative")).isEqualTo(text);
        assertThat(((Map<?, ?>) record.get("body")).get("category")).isEqualTo("VEHICLE_CRIME");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(actions(messageId)).containsExactly(Action.MESSAGE_RECEIVED.name());
            assertThat(actions(reportId))
                    .containsExactlyInAnyOrder(
                            Action.REPORT_TRIAGED.name(),
                            Action.CASE_OPENED.name(),
                            Action.ACKNOWLEDGEMENT_SENT.name(),
                            Action.ACKNOWLEDGEMENT_SENT.name());
        });
        assertThat(auditEntries(reportId))
                .filteredOn(d -> d.getString("action").equals("CASE_OPENED"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.getString("category")).isEqualTo("DISCLOSURE");
                    assertThat(d.getString("recipient")).isEqualTo("sandbox-case-system");
                });
        assertNoNewDeadLetters();

        // Personal data never reaches logs or the audit trail: neither the text nor the phone number.
        assertThat(output.getAll()).doesNotContain(secret).doesNotContain("Elm Street");
        assertThat(auditEntries(reportId).toString() + auditEntries(messageId)).doesNotContain(secret);
    }

    @Test
    void redeliveredInboundMessageOpensNoSecondCaseAndSendsNothingTwice() {
        String citizen = "cit_" + UUID.randomUUID().toString().substring(0, 8);
        Map<?, ?> dm = sandbox.sendDm("DemoPolice", citizen, "My bike was stolen from outside the library");
        String nativeId = String.valueOf(dm.get("id"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sandbox.repliesTo(citizen).size() == 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> casesFrom(citizen).size() == 1);

        ConsumerRecord<String, String> original = TestKafka.records(Topics.SOCIAL_INBOUND.name()).stream()
                .filter(r -> r.value().contains("\"nativeMessageId\":\"" + nativeId + "\""))
                .findFirst()
                .orElseThrow();
        TestKafka.send(
                Topics.SOCIAL_INBOUND.name(), original.key(), original.value().getBytes(StandardCharsets.UTF_8));
        TestKafka.send(
                Topics.SOCIAL_INBOUND.name(), original.key(), original.value().getBytes(StandardCharsets.UTF_8));

        String messageId = "x:" + nativeId;
        // The redelivery was consumed: triage published the report again (two more records on reports.triaged).
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestKafka.records(Topics.REPORTS_TRIAGED.name()).stream()
                                .filter(r -> r.value().contains("\"messageId\":\"" + messageId + "\""))
                                .count()
                        >= 3);
        // ... and everything downstream had the time to act on it.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestKafka.records(Topics.CASES_OPENED.name()).stream()
                                .filter(r -> r.value().contains(reportIdOf(messageId)))
                                .count()
                        >= 3);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(casesFrom(citizen)).hasSize(1);
        assertThat(sandbox.repliesTo(citizen))
                .as("one acknowledgement and one case reference")
                .hasSize(2);
        assertThat(actions(reportIdOf(messageId)))
                .containsExactlyInAnyOrder(
                        Action.REPORT_TRIAGED.name(),
                        Action.CASE_OPENED.name(),
                        Action.ACKNOWLEDGEMENT_SENT.name(),
                        Action.ACKNOWLEDGEMENT_SENT.name());
        assertNoNewDeadLetters();
    }

    @Test
    void acknowledgementMeetsItsSlaWhileTheCaseSystemIsDownAndTheRecordFollowsWhenItReturns() {
        String citizen = "cit_" + UUID.randomUUID().toString().substring(0, 8);
        sandbox.fault("cases", Map.of("status", 503));
        try {
            sandbox.sendDm("DemoPolice", citizen, "Someone stole my wallet on the bus");
            // The SLA: acknowledged within 30 s of intake, never waiting for the case record.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sandbox.repliesTo(citizen).size() == 1);
            assertThat(casesFrom(citizen)).isEmpty();
        } finally {
            sandbox.clearFault("cases");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> casesFrom(citizen).size() == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sandbox.repliesTo(citizen).size() == 2);
        assertThat(sandbox.repliesTo(citizen).get(1).get("text").toString())
                .contains(casesFrom(citizen).get(0).get("reference").toString());
        assertNoNewDeadLetters();
    }

    /** This class's flows dead-letter nothing: every DLQ holds what it held before the class started. */
    private void assertNoNewDeadLetters() {
        TestKafka.deadLetterCounts()
                .forEach((dlq, count) ->
                        assertThat(count).as("records on %s", dlq).isEqualTo(deadLettersBefore.getOrDefault(dlq, 0L)));
    }

    private List<Map<String, Object>> casesFrom(String citizen) {
        return sandbox.cases().stream()
                .filter(c -> citizen.equals(((Map<?, ?>) ((Map<?, ?>) c.get("body")).get("reporter")).get("handle")))
                .toList();
    }

    private String reportIdOf(String messageId) {
        Document link = Flux.from(mongo.getDatabase(pipeline.database("triage-service"))
                        .getCollection("messages")
                        .find(Filters.eq("_id", messageId)))
                .blockFirst(Duration.ofSeconds(5));
        return link == null ? "none" : link.getString("reportId");
    }

    private Map<?, ?> auditDocument(String service, String collection, String id) {
        return Flux.from(mongo.getDatabase(pipeline.database(service))
                        .getCollection(collection)
                        .find(Filters.eq("_id", id)))
                .blockFirst(Duration.ofSeconds(5));
    }

    private List<Document> auditEntries(String subjectId) {
        return Flux.from(mongo.getDatabase(pipeline.database("audit-service"))
                        .getCollection("audit_entries")
                        .find(Filters.eq("subjectId", subjectId)))
                .collectList()
                .block(Duration.ofSeconds(5));
    }

    private List<String> actions(String subjectId) {
        return auditEntries(subjectId).stream().map(d -> d.getString("action")).toList();
    }
}
