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
import java.io.IOException;
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
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An export produced by the running service (real broker, real store) verifies offline with the export verifier,
 * and each kind of tampering with the file (one changed field, a removed entry, an edit with a recomputed hash, a
 * checkpoint signed by a key the auditor does not trust) is named as the first break. A second, independent RFC 8785
 * implementation (src/test/python/verify_export.py) agrees on the same files; skipped, saying so, without python3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportVerificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PYTHON = "python3";
    /** Relative to the module, where Maven runs the tests. */
    private static final Path SCRIPT =
            Path.of("src", "test", "python", "verify_export.py").toAbsolutePath();

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
        audit = AuditApplication.builder()
                .run(ServiceArgs.of(
                        ServiceArgs.freshDatabase("audit"),
                        "--dmdesk.audit.signing.key-dir=" + keyDir,
                        "--dmdesk.audit.checkpoint-every=3"));
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
                .as("without a key: heads compared, signatures not")
                .isZero();
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
        assertThat(oneChain.chains())
                .hasSize(1)
                .allSatisfy(h -> assertThat(h.chain()).isEqualTo(chain));
    }

    @Test
    void oneChangedFieldIsNamedAsAnEditedEntry() throws Exception {
        Tampered edited = edited();

        ExportVerifier.Result result = verify(edited.file(), 1);
        assertThat(result.firstBreak().problem()).isEqualTo("EDITED");
        assertThat(result.firstBreak().entryId()).isEqualTo(edited.entryId());
    }

    @Test
    void aRemovedEntryIsNamedAsTheGapItLeaves() throws Exception {
        Tampered removed = removed();

        ExportVerifier.Result result = verify(removed.file(), 1);
        assertThat(result.firstBreak().problem()).isEqualTo("DELETED");
        assertThat(result.firstBreak().chain()).isEqualTo(removed.chain());
        assertThat(result.firstBreak().seq()).isEqualTo(removed.seq());
    }

    @Test
    void anEditWithARecomputedHashBreaksTheNextLink() throws Exception {
        Tampered rehashed = rehashed();

        ExportVerifier.Result result = verify(rehashed.file(), 1);
        assertThat(result.firstBreak().problem()).isEqualTo("CHAIN_BROKEN");
        assertThat(result.firstBreak().entryId()).isEqualTo(rehashed.entryId());
    }

    /**
     * The independent check: a Python RFC 8785 implementation (standard library only, written from the RFC) agrees
     * with the Java verifier on the real export and on every tampering, down to the entry it names.
     */
    @Test
    void pythonVerifierAgreesWithTheJavaVerifierOnTheRealExportAndOnEveryTampering() throws Exception {
        assumePython();
        Path clean = download("/api/audit/export", "python-trail.json");
        Map<String, Object> agreed = python(clean, 0);
        assertThat(agreed).containsEntry("ok", true);
        assertThat(((Number) agreed.get("entries")).longValue())
                .isEqualTo(verify(clean, 0).entries());
        assertThat(python(download("/api/audit/reports/" + reports.get(1) + "/export", "python-report.json"), 0))
                .containsEntry("ok", true)
                .containsEntry("entries", 3);

        for (Tampered tampered : List.of(edited(), removed(), rehashed())) {
            ExportVerifier.Result java = verify(tampered.file(), 1);
            Map<?, ?> broken = (Map<?, ?>) python(tampered.file(), 1).get("firstBreak");
            assertThat(broken.get("problem"))
                    .as(tampered.file().toString())
                    .isEqualTo(java.firstBreak().problem());
            assertThat(broken.get("entryId")).isEqualTo(java.firstBreak().entryId());
            assertThat(((Number) broken.get("chain")).intValue())
                    .isEqualTo(java.firstBreak().chain());
            assertThat(((Number) broken.get("seq")).longValue())
                    .isEqualTo(java.firstBreak().seq());
        }
    }

    /**
     * The two canonicalisers byte for byte, on RFC 8785's own examples: the number vectors of its Appendix B (given
     * as IEEE 754 bits) and the sample object of section 3.2.2 with its escapes and member order.
     */
    @Test
    void pythonCanonicaliserAndTheJavaLibraryGiveTheRfcsBytes() throws Exception {
        assumePython();
        Map<String, String> vectors = new LinkedHashMap<>();
        vectors.put("0000000000000000", "0");
        vectors.put("8000000000000000", "0");
        vectors.put("0000000000000001", "5e-324");
        vectors.put("8000000000000001", "-5e-324");
        vectors.put("7fefffffffffffff", "1.7976931348623157e+308");
        vectors.put("ffefffffffffffff", "-1.7976931348623157e+308");
        vectors.put("4340000000000000", "9007199254740992");
        vectors.put("c340000000000000", "-9007199254740992");
        vectors.put("4430000000000000", "295147905179352830000");
        vectors.put("44b52d02c7e14af5", "9.999999999999997e+22");
        vectors.put("44b52d02c7e14af6", "1e+23");
        vectors.put("44b52d02c7e14af7", "1.0000000000000001e+23");
        vectors.put("444b1ae4d6e2ef4e", "999999999999999700000");
        vectors.put("444b1ae4d6e2ef4f", "999999999999999900000");
        vectors.put("444b1ae4d6e2ef50", "1e+21");
        vectors.put("3eb0c6f7a0b5ed8c", "9.999999999999997e-7");
        vectors.put("3eb0c6f7a0b5ed8d", "0.000001");
        vectors.put("41b3de4355555553", "333333333.3333332");
        vectors.put("41b3de4355555554", "333333333.33333325");
        vectors.put("41b3de4355555555", "333333333.3333333");
        vectors.put("41b3de4355555556", "333333333.3333334");
        vectors.put("41b3de4355555557", "333333333.33333343");
        vectors.put("becbf647612f3696", "-0.0000033333333333333333");
        vectors.put("43143ff3c1cb0959", "1424953923781206.2");
        StringBuilder numbers = new StringBuilder("[");
        for (String bits : vectors.keySet()) {
            numbers.append(numbers.length() > 1 ? "," : "")
                    .append(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16))); // Java's spelling, e.g. 1.0E23
        }
        String expectedNumbers = "[" + String.join(",", vectors.values()) + "]";
        String sample = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        String expectedSample = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        for (String[] c : List.of(
                new String[] {numbers.append("]").toString(), expectedNumbers},
                new String[] {sample, expectedSample})) {
            Path input = Files.writeString(dir.resolve("jcs-" + UUID.randomUUID() + ".json"), c[0]);
            String java = new String(new JsonCanonicalizer(c[0]).getEncodedUTF8(), StandardCharsets.UTF_8);
            Process python = new ProcessBuilder(PYTHON, SCRIPT.toString(), "--canonicalize", input.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String fromPython = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor()).isZero();
            assertThat(fromPython).as("Python").isEqualTo(c[1]);
            assertThat(java).as("Java library").isEqualTo(c[1]);
        }
    }

    /** A checkpoint's signature as an outside auditor checks it: the Python JCS of the checkpoint, then OpenSSL. */
    @Test
    @SuppressWarnings("unchecked")
    void aCheckpointSignatureVerifiesWithOpenSslOverTheIndependentCanonicalForm() throws Exception {
        assumePython();
        Assumptions.assumeTrue(
                available("openssl", "version"), "openssl not found: the OpenSSL signature check is skipped");
        Map<String, Object> export = EventJson.mapper()
                .readValue(Files.readString(download("/api/audit/export", "openssl.json")), Map.class);
        Map<String, Object> checkpoint =
                new LinkedHashMap<>(((List<Map<String, Object>>) export.get("checkpoints")).get(0));
        Path signature = Files.write(
                dir.resolve("signature.bin"), Base64.getDecoder().decode((String) checkpoint.remove("signature")));
        checkpoint.remove("_id");
        Path unsigned = Files.writeString(
                dir.resolve("checkpoint.json"), EventJson.mapper().writeValueAsString(checkpoint));
        Path payload = dir.resolve("payload.json");
        Process python = new ProcessBuilder(PYTHON, SCRIPT.toString(), "--canonicalize", unsigned.toString())
                .redirectOutput(payload.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(python.waitFor()).isZero();

        Process openssl = new ProcessBuilder(
                        "openssl",
                        "pkeyutl",
                        "-verify",
                        "-pubin",
                        "-inkey",
                        keyDir.resolve("audit-signing-public.pem").toString(),
                        "-rawin",
                        "-in",
                        payload.toString(),
                        "-sigfile",
                        signature.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor()).as(said).isZero();
        assertThat(said).contains("Signature Verified Successfully");
    }

    private record Tampered(Path file, String entryId, int chain, long seq) {}

    /** One field of one entry changed. */
    private Tampered edited() throws Exception {
        Path export = download("/api/audit/export", "edited-" + UUID.randomUUID() + ".json");
        String victim =
                tamper(export, entries -> entries.get(entries.size() / 2).put("justification", "routine"));
        return new Tampered(export, victim, -1, -1);
    }

    /** One entry in the middle of a chain taken out. */
    private Tampered removed() throws Exception {
        Path export = download("/api/audit/export", "removed-" + UUID.randomUUID() + ".json");
        long[] gone = new long[2];
        tamper(export, entries -> {
            Map<String, Object> entry = entries.remove(indexWithSuccessorInChain(entries));
            gone[0] = ((Number) entry.get("chain")).longValue();
            gone[1] = ((Number) entry.get("seq")).longValue();
        });
        return new Tampered(export, null, (int) gone[0], gone[1]);
    }

    /** A careful forger: edits an entry and recomputes its hash; named is the next entry, whose link breaks. */
    private Tampered rehashed() throws Exception {
        Path export = download("/api/audit/export", "rehashed-" + UUID.randomUUID() + ".json");
        String[] next = new String[1];
        tamper(export, entries -> {
            int at = indexWithSuccessorInChain(entries);
            Map<String, Object> forged = entries.get(at);
            forged.put("justification", "routine");
            forged.put("hash", EntryHash.of(forged));
            next[0] = (String) entries.get(at + 1).get("_id");
        });
        return new Tampered(export, next[0], -1, -1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> python(Path export, int expectedExit) throws Exception {
        Process process = new ProcessBuilder(PYTHON, SCRIPT.toString(), export.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isEqualTo(expectedExit);
        return EventJson.mapper().readValue(out, Map.class);
    }

    private static void assumePython() {
        if (!available(PYTHON, "--version")) {
            String why = "python3 not found on PATH: the independent (Python) RFC 8785 verification is SKIPPED";
            System.out.println(why);
            Assumptions.assumeTrue(false, why);
        }
    }

    private static boolean available(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void aCheckpointSignedByAKeyTheAuditorDoesNotTrustIsNamed() throws Exception {
        Path export = download("/api/audit/export", "untrusted.json");
        Path other = dir.resolve("other-public.pem");
        Files.writeString(
                other,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(KeyPairGenerator.getInstance("Ed25519")
                                        .generateKeyPair()
                                        .getPublic()
                                        .getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ExportVerifier.run(
                        new String[] {export.toString(), "--public-key=" + other},
                        new PrintStream(out, true),
                        System.err))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("CHECKPOINT_INVALID", "not among the known keys");
    }

    /** The position of an entry that is followed by the next seq of its chain. */
    /** (chain:seq) of the heads the tampered export's checkpoints name; set by {@link #tamper}. */
    private static final Set<String> CHECKPOINTED = new HashSet<>();

    private static int indexWithSuccessorInChain(List<Map<String, Object>> entries) {
        for (int i = entries.size() / 2; i + 1 < entries.size(); i++) {
            if (entries.get(i).get("chain").equals(entries.get(i + 1).get("chain"))
                    && !CHECKPOINTED.contains(
                            entries.get(i).get("chain") + ":" + entries.get(i).get("seq"))) {
                return i;
            }
        }
        throw new IllegalStateException("no chain with two entries in the second half");
    }

    private ExportVerifier.Result verify(Path export, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ExportVerifier.run(
                new String[] {export.toString(), "--public-key=" + keyDir.resolve("audit-signing-public.pem")},
                new PrintStream(out, true),
                System.err);
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
        // Entries a checkpoint names as a chain head: an edit there is caught by the checkpoint before the next link.
        CHECKPOINTED.clear();
        for (Map<String, Object> checkpoint : (List<Map<String, Object>>) body.getOrDefault("checkpoints", List.of())) {
            for (Map<String, Object> head : (List<Map<String, Object>>) checkpoint.getOrDefault("heads", List.of())) {
                CHECKPOINTED.add(head.get("chain") + ":" + head.get("seq"));
            }
        }
        change.accept(entries);
        Files.writeString(export, EventJson.mapper().writeValueAsString(body));
        return middle;
    }

    private Path download(String path, String name) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(WAIT)
                        .header("Authorization", TestUsers.AUDITOR.basic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment");
        return Files.writeString(dir.resolve(name), response.body());
    }

    /** Events with what JCS must get right in strings: quotes, backslashes, control characters, non-ASCII. */
    private static void publish(String report, int i) {
        AuditEvent event = new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                Instant.parse("2026-05-04T10:15:30.123456789Z").plusSeconds(i),
                i == 1
                        ? new Actor(AuditEvent.ActorType.PERSON, "op-\u00e6\u00f8\u00e5")
                        : Actor.service("triage-service"),
                i == 2 ? Action.CASE_OPENED : Action.REPORT_TRIAGED,
                i == 2 ? LogCategory.DISCLOSURE : LogCategory.COLLECTION,
                "subject-" + UUID.randomUUID(),
                report,
                Outcome.SUCCESS,
                i == 2 ? "force case system" : null,
                i == 1 ? "call-back \"asked\" \\ by\tthe\ncaller \u20ac \ud83d\ude00 \u0001\u001f \u2028" : null,
                Map.of("rule", "r-" + i, "\u00f6", "\u0080", "1", "one", "\r", "cr"));
        TestKafka.send(Topics.AUDIT_EVENTS.name(), report, EventJson.toBytes(event));
    }
}
