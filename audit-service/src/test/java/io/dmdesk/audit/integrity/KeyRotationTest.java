package io.dmdesk.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dmdesk.audit.AuditApplication;
import io.dmdesk.audit.store.AuditStore;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Topics;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Rotating the checkpoint signing key: old checkpoints keep verifying with the retired public key; real broker and store. */
class KeyRotationTest {

    private final String database = ServiceArgs.freshDatabase("audit");

    @Test
    @SuppressWarnings("unchecked")
    void checkpointsSignedByARetiredKeyStillVerifyAndEveryKeyIsListed() throws Exception {
        Path dir = Files.createTempDirectory("audit-rotation");
        Path[] a = keyPair(dir, "a");
        Path[] b = keyPair(dir, "b");
        String report = UUID.randomUUID().toString();

        String keyA;
        try (ConfigurableApplicationContext audit = start(
                "--dmdesk.audit.signing.private-key-file=" + a[0], "--dmdesk.audit.signing.public-key-file=" + a[1])) {
            keyA = audit.getBean(SigningKey.class).keyId();
            appendAndCheckpoint(audit, report, 2);
        }
        // Rotation: B becomes the active key, A's public key is kept for verification.
        try (ConfigurableApplicationContext audit = start(
                "--dmdesk.audit.signing.private-key-file=" + b[0],
                "--dmdesk.audit.signing.public-key-file=" + b[1],
                "--dmdesk.audit.signing.retired-public-key-files[0]=" + a[1])) {
            String keyB = audit.getBean(SigningKey.class).keyId();
            assertThat(keyB).isNotEqualTo(keyA);
            appendAndCheckpoint(audit, report, 4);

            List<String> signers = audit.getBean(Checkpoints.class).all().stream()
                    .map(c -> (String) c.get("keyId"))
                    .toList();
            assertThat(signers).contains(keyA, keyB);
            TrailVerifier.Verification verification =
                    audit.getBean(TrailVerifier.class).verify();
            assertThat(verification.ok()).as("%s", verification.firstBreak()).isTrue();
            assertThat(verification.checkpoints()).isGreaterThanOrEqualTo(2);

            HttpResponse<String> keys = get(audit, "/api/audit/public-keys", TestUsers.AUDITOR);
            assertThat(keys.statusCode()).isEqualTo(200);
            List<Map<String, Object>> listed = EventJson.mapper().readValue(keys.body(), List.class);
            assertThat(listed).extracting(k -> k.get("keyId")).containsExactly(keyB, keyA);
            assertThat(listed.get(0)).containsEntry("status", "active").containsEntry("algorithm", "Ed25519");
            assertThat(listed.get(1)).containsEntry("status", "retired");
            assertThat(listed).allSatisfy(k -> {
                assertThat(((Number) k.get("checkpoints")).intValue()).isGreaterThanOrEqualTo(1);
                assertThat(k.get("firstCheckpointAt")).isNotNull();
                assertThat(k.get("publicKey").toString()).startsWith("-----BEGIN PUBLIC KEY-----");
            });
            assertThat(Instant.parse((String) listed.get(1).get("lastCheckpointAt")))
                    .isBeforeOrEqualTo(Instant.parse((String) listed.get(0).get("firstCheckpointAt")));
            assertThat(get(audit, "/api/audit/public-keys", TestUsers.OPERATOR).statusCode())
                    .isEqualTo(403);
            assertThat(get(audit, "/api/audit/public-keys", null).statusCode()).isEqualTo(401);
        }

        // The offline command: with both public keys the trail holds; with only the new one it names the unknown key.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(VerifyCommand.run(
                        new String[] {
                            "--uri=" + TestMongo.connectionString(),
                            "--database=" + database,
                            "--public-key=" + b[1] + "," + a[1]
                        },
                        new PrintStream(out, true),
                        System.err))
                .isEqualTo(0);
        out.reset();
        assertThat(VerifyCommand.run(
                        new String[] {
                            "--uri=" + TestMongo.connectionString(), "--database=" + database, "--public-key=" + b[1]
                        },
                        new PrintStream(out, true),
                        System.err))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("CHECKPOINT_INVALID", keyA, "not among the known keys");
    }

    @Test
    void anUnreadableRetiredKeyStopsStartUpNamingTheKey() throws Exception {
        Path missing = Files.createTempDirectory("audit-rotation").resolve("gone.pem");
        assertThatThrownBy(() -> start(
                                "--dmdesk.audit.signing.key-dir=" + Files.createTempDirectory("audit-keys"),
                                "--dmdesk.audit.signing.retired-public-key-files[0]=" + missing)
                        .close())
                .hasStackTraceContaining("dmdesk.audit.signing.retired-public-key-files[0]");
    }

    private ConfigurableApplicationContext start(String... extra) {
        String[] args = new String[extra.length + 1];
        args[0] = "--dmdesk.audit.checkpoint-every=1000";
        System.arraycopy(extra, 0, args, 1, extra.length);
        return AuditApplication.builder().run(ServiceArgs.of(database, args));
    }

    /** Appends entries until the report has {@code total}, then signs the head. */
    private static void appendAndCheckpoint(ConfigurableApplicationContext audit, String report, int total) {
        AuditStore store = audit.getBean(AuditStore.class);
        int have = store.timeline(report).size();
        for (int i = have; i < total; i++) {
            AuditEvent event = new AuditEvent(
                    AuditEvent.SCHEMA_VERSION,
                    UUID.randomUUID().toString(),
                    Instant.now(),
                    AuditEvent.Actor.service("triage-service"),
                    AuditEvent.Action.REPORT_TRIAGED,
                    AuditEvent.LogCategory.COLLECTION,
                    report,
                    report,
                    AuditEvent.Outcome.SUCCESS,
                    null,
                    null,
                    Map.of());
            TestKafka.send(Topics.AUDIT_EVENTS.name(), report, EventJson.toBytes(event));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> store.timeline(report).size() >= total);
        audit.getBean(Checkpoints.class).signHead();
    }

    private static Path[] keyPair(Path dir, String name) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privateFile = dir.resolve(name + "-private.pem");
        Path publicFile = dir.resolve(name + "-public.pem");
        Files.writeString(
                privateFile, SigningKey.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(
                publicFile, SigningKey.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return new Path[] {privateFile, publicFile};
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext audit, String path, TestUsers user)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + audit.getEnvironment().getProperty("local.server.port") + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Requested-With", "XMLHttpRequest");
        if (user != null) {
            request.header("Authorization", user.basic());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
