package io.dmdesk.audit.store;

import io.dmdesk.contracts.AuditEvent;
import java.time.Instant;

/**
 * One stored entry: the event as received, where it sits in the trail and the hashes that chain it.
 *
 * @param chain          the chain it belongs to: the audit.events partition it was consumed from
 * @param seq            position in its chain (1, 2, 3, ... without gaps)
 * @param storedAt       when the audit service stored it
 * @param prevHash       hash of the entry at seq - 1 of the same chain (zeros for the first)
 * @param reportPrevHash hash of the previous entry of the same report in the same chain (zeros for the first)
 * @param hash           SHA-256 of this entry's RFC 8785 canonical JSON (see audit-service README)
 */
public record AuditEntry(
        int chain, long seq, Instant storedAt, String prevHash, String reportPrevHash, String hash, AuditEvent event) {}
