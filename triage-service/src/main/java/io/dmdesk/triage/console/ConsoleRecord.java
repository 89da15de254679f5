package io.dmdesk.triage.console;

import io.dmdesk.contracts.TriagedReport;
import java.time.Instant;
import java.util.List;

/**
 * What the console adds to a report, as {@link ConsoleState} stores it (one per report id, it alone knows the
 * field names): who claimed it, the case, what was sent to the citizen, notes and reclassifications.
 *
 * @param original the machine's decision before the first reclassification (null when never reclassified)
 */
record ConsoleRecord(
        String reportId,
        String claimedBy,
        String caseSystem,
        String caseReference,
        Instant caseOpenedAt,
        List<Sent> sent,
        List<Note> notes,
        Decision original,
        List<Reclassification> reclassifications) {

    /** The record of a report the console has not touched yet. */
    static ConsoleRecord none(String reportId) {
        return new ConsoleRecord(reportId, null, null, null, null, List.of(), List.of(), null, List.of());
    }

    /** One message sent to the citizen; {@code key} (kind and platform message id) makes it unique. */
    record Sent(String key, String kind, String template, String language, String platformMessageId, Instant sentAt) {}

    record Note(String id, String by, Instant at, String text) {}

    /** A classification of the report at one revision. */
    record Decision(String urgency, String category, String sensitivity, String classifierVersion, Integer revision) {

        static Decision of(TriagedReport r) {
            return new Decision(
                    r.urgency().name(),
                    r.category().name(),
                    r.sensitivity().name(),
                    r.classifierVersion(),
                    r.revision());
        }
    }

    /** An operator's reclassification: the new decision, by whom, when and why. */
    record Reclassification(Decision decision, String by, Instant at, String reason) {}
}
