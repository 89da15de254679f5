package io.dmdesk.triage.console;

import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.triage.report.StoredReport;
import java.time.Instant;
import java.util.List;

/**
 * One line of the live queue: redacted text and codes only, never the original text. {@code messagesSent}
 * counts every message sent to the citizen, so each one (a case-reference follow-up, a reply) changes the item
 * and reaches an open report view as an upsert.
 */
record QueueItem(
        String reportId,
        String reference,
        int revision,
        String urgency,
        int urgencyRank,
        String category,
        String sensitivity,
        String language,
        String platform,
        String channel,
        String account,
        String team,
        String district,
        boolean outOfHours,
        String redactedText,
        List<String> entityTypes,
        Instant firstReceivedAt,
        Instant lastMessageAt,
        long slaSeconds,
        String claimedBy,
        String caseReference,
        boolean acknowledged,
        int messagesSent,
        boolean reclassified,
        int messages) {

    static QueueItem of(StoredReport stored, ConsoleRecord console, ConsoleProperties properties) {
        TriagedReport r = stored.event();
        ConsoleRecord state = console == null ? ConsoleRecord.none(r.reportId()) : console;
        Instant first = stored.thread().isEmpty()
                ? r.source().receivedAt()
                : stored.thread().get(0).receivedAt();
        Instant last = stored.lastMessageAt();
        return new QueueItem(
                r.reportId(),
                r.reference(),
                r.revision(),
                r.urgency().name(),
                r.urgency().ordinal(),
                r.category().name(),
                r.sensitivity().name(),
                r.language(),
                r.source().platform().code(),
                r.source().channel().name(),
                r.source().account().id(),
                r.routing().team(),
                r.routing().district(),
                r.source().account().outOfHours(),
                r.redactedText(),
                r.entities().stream().map(EntitySpan::type).distinct().toList(),
                first,
                last == null ? r.source().receivedAt() : last,
                properties.slaFor(r.urgency()).toSeconds(),
                state.claimedBy(),
                state.caseReference(),
                !state.sent().isEmpty(),
                state.sent().size(),
                !state.reclassifications().isEmpty(),
                Math.max(1, stored.messageIds().size()));
    }
}
