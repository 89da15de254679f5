package io.dmdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.audit.integrity.Checkpoints;
import io.dmdesk.audit.integrity.EntryHash;
import io.dmdesk.audit.integrity.ExportVerifier;
import io.dmdesk.audit.integrity.TrailVerifier;
import io.dmdesk.audit.store.AuditStore;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.Actor;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Topics;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An export produced by the running service (real broker, real store) verifies offline with the export verifier,
 * and each kind of tampering with the file (one changed field, a removed entry, an edit with a recomputed hash, a
 * checkpoint signed by a key the auditor does not trust) is named as the first break.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportVerificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext audit;
    private Path keyDir;
    private Path dir;
    private String base;
    private final List<String> reports = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        keyDir = Files.createTempDirectory("audit-keys");
        dir = Files.createTempDirectory("audit-export");
        audit = AuditApplication.builder().run(ServiceArgs.of(ServiceArgs.freshDatabase("audit"),
                "--dmdesk.audit.signing.key-dir=" + keyDir, "--dmdesk.audit.checkpoint-every=3"));
        base = "http://localhost:" + audit.getEnvironment().getProperty("local.server.port");
        AuditStore store = audit.getBean(AuditStore.class);
        for (int r = 0; r < 6; r++) {
            String report = UUID.randomUUID().toString();
            reports.add(report);
            for (int i = 0; i < 3; i++) {
                publish(report, i);
            }
        }
        reports.forEach(r -> await().atMost(WAIT).until(() -> store.timeline(r).size() >= 3));
        audit.getBean(Checkpoints.class).signHead();
    }

    @AfterAll
    void stop() {
        audit.close();
    }

    @Test
    void trailExportVerifiesOfflineWithTheSameResultAsTheStore() throws Exception {
        Path export = download("/api/audit/export", "trail.json");
        TrailVerifier.Verification stored = audit.getBean(TrailVerifier.class).verify();

        ExportVerifier.Result result = verify(export, 0);
        assertThat(result.scope()).isEqualTo("trail");
        assertThat(result.signaturesChecked()).isTrue();
        assertThat(result.entries()).isEqualTo(stored.entries()).isGreaterThanOrEqualTo(18);
        assertThat(result.chains()).isEqualTo(stored.chains());
        assertThat(result.checkpoints()).isEqualTo(stored.checkpoints()).isPositive();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ExportVerifier.run(new String[] {export.toString()}, new PrintStream(out, true), System.err))
                .as("without a key: heads compared, signatures not").isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"signaturesChecked\":false");
    }

    @Test
    void reportAndSingleChainExportsVerifyOffline() throws Exception {
        String report = reports.get(0);
        ExportVerifier.Result result = verify(download("/api/audit/reports/" + report + "/export", "report.json"), 0);
        assertThat(result.scope()).isEqualTo("report");
        assertThat(result.entries()).isEqualTo(3);

        int chain = result.chains().get(0).chain();
        ExportVerifier.Result oneChain = verify(download("/api/audit/export?chain=" + chain, "chain.json"), 0);
        assertThat(oneChain.chains()).hasSize(1).allSatisfy(h -> assertThat(h.chain()).isEqualTo(chain));
    }

    @Test
    void oneChangedFieldIsNamedAsAnEditedEntry() throws Exception {
        Path export = download("/api/audit/export", "edited.json");
        String victim = tamper(export, entries -> entries.get(entries.size() / 2).put("justification", "routine"));

        ExportVerifier.Result result = verify(export, 1);
        assertThat(result.firstBreak().problem()).isEqualTo("EDITED");
        assertThat(result.firstBreak().entryId()).isEqualTo(victim);
    }

    @Test
    void aRemovedEntryIsNamedAsTheGapItLeaves() throws Exception {
        Path export = download("/api/audit/export", "deleted.json");
        long[] removed = new long[2];
        tamper(export, entries -> {
            int at = indexWithSuccessorInChain(entries);
            Map<String, Object> gone = entries.remove(at);
            removed[0] = ((Number) gone.get("chain")).longValue();
            removed[1] = ((Number) gone.get("seq")).longValue();
        });

        ExportVerifier.Result result = verify(export, 1);
        assertThat(result.firstBreak().problem()).isEqualTo("DELETED");
        assertThat(result.firstBreak().chain()).isEqualTo((int) removed[0]);
        assertThat(result.firstBreak().seq()).isEqualTo(removed[1]);
    }

    @Test
    void anEditWithARecomputedHashBreaksTheNextLink() throws Exception {
        Path export = download("/api/audit/export", "rehashed.json");
        String[] next = new String[1];
        tamper(export, entries -> {
            int at = indexWithSuccessorInChain(entries);
            Map<String, Object> forged = entries.get(at);
            forged.put("justification", "routine");
            forged.put("hash", EntryHash.of(forged));
            next[0] = (String) entries.get(at + 1).get("_id");
        });

        ExportVerifier.Result result = verify(export, 1);
        assertThat(result.firstBreak().problem()).isEqualTo("CHAIN_BROKEN");
        assertThat(result.firstBreak().entryId()).isEqualTo(next[0]);
    }

    @Test
    void aCheckpointSignedByAKeyTheAuditorDoesNotTrustIsNamed() throws Exception {
        Path export = download("/api/audit/export", "untrusted.json");
        Path other = dir.resolve("other-public.pem");
        Files.writeString(other, "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ExportVerifier.run(new String[] {export.toString(), "--public-key=" + other},
                new PrintStream(out, true), System.err)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("CHECKPOINT_INVALID", "not among the known keys");
    }

    /** The position of an entry that is followed by the next seq of its chain. */
    private static int indexWithSuccessorInChain(List<Map<String, Object>> entries) {
        for (int i = entries.size() / 2; i + 1 < entries.size(); i++) {
            if (entries.get(i).get("chain").equals(entries.get(i + 1).get("chain"))) {
                return i;
            }
        }
        throw new IllegalStateException("no chain with two entries in the second half");
    }

    private ExportVerifier.Result verify(Path export, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ExportVerifier.run(new String[] {export.toString(),
                "--public-key=" + keyDir.resolve("audit-signing-public.pem")}, new PrintStream(out, true), System.err);
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(json).isEqualTo(expectedExit);
        return EventJson.fromJson(json, ExportVerifier.Result.class);
    }

    /** Rewrites the export with one change to its entries; returns the id of the entry at the middle. */
    @SuppressWarnings("unchecked")
    private static String tamper(Path export, Consumer<List<Map<String, Object>>> change) throws Exception {
        Map<String, Object> body = EventJson.mapper().readValue(Files.readString(export), Map.class);
        List<Map<String, Object>> entries = (List<Map<String, Object>>) body.get("entries");
        String middle = (String) entries.get(entries.size() / 2).get("_id");
        change.accept(entries);
        Files.writeString(export, EventJson.mapper().writeValueAsString(body));
        return middle;
    }

    private Path download(String path, String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT)
                .header("Authorization", TestUsers.AUDITOR.basic()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        return Files.writeString(dir.resolve(name), response.body());
    }

    /** Events with what JCS must get right in strings: quotes, backslashes, control characters, non-ASCII. */
    private static void publish(String report, int i) {
        AuditEvent event = new AuditEvent(AuditEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                Instant.parse("2026-05-04T10:15:30.123456789Z").plusSeconds(i),
                i == 1 ? new Actor(AuditEvent.ActorType.PERSON, "op-\u00e6\u00f8\u00e5") : Actor.service("triage-service"),
                i == 2 ? Action.CASE_OPENED : Action.REPORT_TRIAGED,
                i == 2 ? LogCategory.DISCLOSURE : LogCategory.COLLECTION, "subject-" + UUID.randomUUID(), report,
                Outcome.SUCCESS, i == 2 ? "force case system" : null,
                i == 1 ? "call-back \"asked\" \\ by\tthe\ncaller \u20ac \ud83d\ude00 \u0001\u001f \u2028" : null,
                Map.of("rule", "r-" + i, "\u00f6", "\u0080", "1", "one", "\r", "cr"));
        TestKafka.send(Topics.AUDIT_EVENTS.name(), report, EventJson.toBytes(event));
    }
}
