package io.dmdesk.audit.store;

import io.dmdesk.audit.integrity.Checkpoints;
import io.dmdesk.audit.integrity.EntryHash;
import io.dmdesk.audit.integrity.KeyRing;
import io.dmdesk.audit.integrity.SigningKey;
import io.dmdesk.audit.integrity.TrailVerifier;
import io.dmdesk.support.reports.ReportReferences;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The auditor's API, all under /api/audit so that one rule can protect it: a report's timeline, one person's
 * consultations in a period, a report's trail as a verifiable export, verification, checkpoints and the public key.
 */
@RestController
class AuditController {

    /** v2: entries carry their chain (one per audit.events partition), hashes are over RFC 8785 canonical JSON. */
    static final String EXPORT_FORMAT = "dmdesk-audit-export/v2";

    private final AuditStore store;
    private final TrailVerifier verifier;
    private final Checkpoints checkpoints;
    private final SigningKey key;
    private final Clock clock;

    private final KeyRing keys;

    AuditController(
            AuditStore store,
            TrailVerifier verifier,
            Checkpoints checkpoints,
            SigningKey key,
            Clock clock,
            KeyRing keys) {
        this.keys = keys;
        this.store = store;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.key = key;
        this.clock = clock;
    }

    /** {@code id}: the report id, or the reference the citizen was given ({@code DMD-XXXX-XXXX}). */
    @GetMapping("/api/audit/reports/{reportId}")
    Mono<List<AuditEntry>> timeline(@PathVariable String reportId) {
        return blocking(() -> store.timeline(reportId(reportId)));
    }

    @GetMapping("/api/audit/subjects")
    Mono<List<AuditEntry>> bySubject(@RequestParam String id) {
        return blocking(() -> store.bySubject(id));
    }

    /** Every consultation by one person (actor id) with occurredAt in [from, to), ISO-8601 instants. */
    @GetMapping("/api/audit/consultations")
    Mono<List<AuditEntry>> consultations(
            @RequestParam String actor,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        return blocking(() -> store.consultations(actor, from, to));
    }

    /** The report's entries with every hash, as stored, so they can be checked offline (README: "Verify an export"). */
    @GetMapping("/api/audit/reports/{reportId}/export")
    Mono<ResponseEntity<Map<String, Object>>> export(@PathVariable("reportId") String idOrReference) {
        return blocking(() -> {
            String reportId = reportId(idOrReference);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("format", EXPORT_FORMAT);
            body.put("scope", "report");
            body.put("reportId", reportId);
            if (!reportId.equals(idOrReference)) {
                body.put("reference", ReportReferences.normalise(idOrReference));
            }
            body.put("exportedAt", clock.instant().toString());
            body.put("hashRule", EntryHash.RULE);
            body.put("publicKeyId", key.keyId());
            body.put("entries", store.reportTrail(reportId));
            // Each message the report was made of has its own chain (intake audits a message before any report
            // exists): exported the same way, verifiable the same way.
            Map<String, Object> messages = new LinkedHashMap<>();
            store.messageIds(reportId).forEach(messageId -> messages.put(messageId, store.reportTrail(messageId)));
            body.put("messageTrails", messages);
            return ResponseEntity.ok()
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename("audit-trail-" + reportId.replaceAll("[^A-Za-z0-9-]", "_") + ".json")
                                    .build()
                                    .toString())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body);
        });
    }

    /**
     * Whole chains with every hash, and every signed checkpoint, so that everything the verify endpoint checks can
     * be checked offline (README: "Verify an export"): all chains, or the one named by {@code chain}.
     */
    @GetMapping("/api/audit/export")
    Mono<ResponseEntity<Map<String, Object>>> exportTrail(@RequestParam(required = false) Integer chain) {
        return blocking(() -> {
            List<Integer> chains = chain == null ? store.chains() : List.of(chain);
            List<Map<String, Object>> entries = new ArrayList<>();
            chains.forEach(c -> entries.addAll(store.chainTrail(c)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("format", EXPORT_FORMAT);
            body.put("scope", "trail");
            body.put("chains", chains);
            body.put("exportedAt", clock.instant().toString());
            body.put("hashRule", EntryHash.RULE);
            body.put("publicKeyId", key.keyId());
            body.put("entries", entries);
            body.put(
                    "checkpoints",
                    checkpoints.all().stream().map(EntryHash::json).toList());
            return ResponseEntity.ok()
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(
                                            chain == null ? "audit-trail.json" : "audit-trail-chain-" + chain + ".json")
                                    .build()
                                    .toString())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body);
        });
    }

    @GetMapping("/api/audit/verify")
    Mono<TrailVerifier.Verification> verify() {
        return blocking(verifier::verify);
    }

    @GetMapping("/api/audit/checkpoints")
    Mono<List<Map<String, Object>>> checkpoints() {
        return blocking(() -> checkpoints.all().stream().map(EntryHash::json).toList());
    }

    /**
     * Every key that signed checkpoints: id, algorithm, active or retired, the PEM, and when it was in use (its
     * first and last checkpoint in this trail; null when it signed none yet).
     */
    @GetMapping("/api/audit/public-keys")
    Mono<List<Map<String, Object>>> publicKeys() {
        return blocking(() -> {
            Map<String, List<Instant>> signed = checkpoints.signingTimesByKey();
            List<Map<String, Object>> list = new ArrayList<>();
            keys.publicKeys().forEach((id, publicKey) -> {
                List<Instant> times = signed.getOrDefault(id, List.of());
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("keyId", id);
                entry.put("algorithm", SigningKey.algorithm(publicKey));
                entry.put("status", keys.status(id));
                entry.put(
                        "firstCheckpointAt",
                        times.stream()
                                .min(Comparator.naturalOrder())
                                .map(Instant::toString)
                                .orElse(null));
                entry.put(
                        "lastCheckpointAt",
                        times.stream()
                                .max(Comparator.naturalOrder())
                                .map(Instant::toString)
                                .orElse(null));
                entry.put("checkpoints", times.size());
                entry.put("publicKey", SigningKey.publicKeyPem(publicKey));
                list.add(entry);
            });
            return list;
        });
    }

    @GetMapping(value = "/api/audit/public-key", produces = "application/x-pem-file")
    Mono<String> publicKey() {
        return Mono.just(key.publicKeyPem());
    }

    /** A report id as given, or the one report a {@code DMD-} reference belongs to (404 unknown, 409 ambiguous). */
    private String reportId(String idOrReference) {
        if (!ReportReferences.isReference(idOrReference)) {
            return idOrReference;
        }
        List<String> reports = store.reportsWithReference(ReportReferences.normalise(idOrReference));
        if (reports.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no report has this reference");
        }
        if (reports.size() > 1) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT,
                    "several reports have this reference; ask by report id: " + String.join(", ", reports));
        }
        return reports.get(0);
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
