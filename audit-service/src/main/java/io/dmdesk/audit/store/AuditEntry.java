package io.dmdesk.audit.store;

import io.dmdesk.contracts.AuditEvent;
import java.time.Instant;

/**
 * One stored entry: the event as received, where it sits in the trail and the hashes that chain it.
 *
 * @param seq            position in the single global append order (1, 2, 3, ... without gaps)
 * @param storedAt       when the audit service stored it
 * @param prevHash       hash of the entry at seq - 1 (zeros for the first)
 * @param reportPrevHash hash of the previous entry of the same report (zeros for the report's first)
 * @param hash           SHA-256 of this entry's canonical stored form (see audit-service README)
 */
public record AuditEntry(long seq, Instant storedAt, String prevHash, String reportPrevHash, String hash,
                         AuditEvent event) {
}
