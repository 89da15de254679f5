package io.dmdesk.triage.report;

import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.TriagedReport;
import java.time.Instant;
import java.util.List;

/**
 * A report as triage stores it in {@code reports}: its latest event, where it is in the queue, the thread of
 * messages (each with its original and redacted text) and the citizen's edits and deletions. Stored by
 * {@link ReportStore}, which alone knows the field names.
 *
 * @param status        OPEN or CLOSED
 * @param outcome       the outcome an operator closed it with (null while open)
 * @param lastMessageAt when its latest message was received (null on reports stored before it was kept)
 * @param thread        one entry per message, oldest first (empty on reports stored before the thread was kept)
 */
public record StoredReport(
        String reportId,
        String status,
        String outcome,
        TriagedReport event,
        Instant lastMessageAt,
        List<String> messageIds,
        List<Message> thread,
        List<Change> changes) {

    /** One message of the report's conversation; {@code text} is the original, kept in this store only. */
    public record Message(
            Integer revision,
            String messageId,
            Instant receivedAt,
            String language,
            String redactedText,
            String text,
            List<String> entityTypes) {

        static Message of(TriagedReport r) {
            return new Message(
                    r.revision(),
                    r.source().messageId(),
                    r.source().receivedAt(),
                    r.language(),
                    r.redactedText(),
                    r.source().text(),
                    r.entities().stream().map(EntitySpan::type).toList());
        }
    }

    /** The citizen edited ({@code text} the new text) or deleted a message of the report. */
    public record Change(String messageId, String kind, Instant at, String text) {}

    /** The thread; reports stored before the thread was kept have only their latest message, from the event. */
    public List<Message> threadOrLatest() {
        return thread.isEmpty() ? List.of(Message.of(event)) : thread;
    }
}
