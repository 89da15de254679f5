package io.dmdesk.triage.retention;

import io.dmdesk.triage.console.ConsoleState;
import io.dmdesk.triage.report.ReportStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The retention view of triage's reports: which reports are due for erasure, and the erasure itself. The queries
 * and the rewrite of the stored documents live in {@link ReportStore} and {@link ConsoleState}, which alone know
 * their collections' field names; this class keeps retention's questions in one place.
 * Erased: message text (original and redacted, also of edits and of the conversation thread), the author's id,
 * handle and display name, attachments, the conversation id and key. Kept: ids, reference, classification,
 * entity types and positions, routing, timestamps, status and outcome, and the classification reasons without the
 * words they quote from the message. The console's per-report document loses the text of operator notes.
 */
@Component
class ErasableReports {

    private final ReportStore reports;
    private final ConsoleState console;

    ErasableReports(ReportStore reports, ConsoleState console) {
        this.reports = reports;
        this.console = console;
    }

    /** Not erased yet and closed with this outcome before {@code closedBefore}. */
    List<String> closedWithOutcome(String outcome, Instant closedBefore, int limit) {
        return reports.closedWithOutcome(outcome, closedBefore, limit);
    }

    /** Not erased yet and closed with an outcome not in {@code listed} before {@code closedBefore}. */
    List<String> closedWithOtherOutcome(Set<String> listed, Instant closedBefore, int limit) {
        return reports.closedWithOtherOutcome(listed, closedBefore, limit);
    }

    /** Not erased yet, never closed, last message before {@code before}. */
    List<String> unclosed(Instant before, int limit) {
        return reports.unclosed(before, limit);
    }

    /** Not erased yet, in one of the non-crime categories, last message before {@code before}. */
    List<String> nonCrime(List<String> categories, Instant before, int limit) {
        return reports.nonCrime(categories, before, limit);
    }

    /** Reports of one citizen (erased ones no longer carry the author id, so they are not found again). */
    List<String> ofAuthor(String platformName, String authorId) {
        return reports.ofAuthor(platformName, authorId);
    }

    /** The report's message ids while it still holds personal data; empty when erased or unknown. */
    Optional<List<String>> messageIdsIfNotErased(String reportId) {
        return reports.messageIdsIfNotErased(reportId);
    }

    /**
     * Replaces the report with its erased form, once (conditional on not being erased yet), then the console's
     * state of it (operator notes may quote the citizen): same rules, ids and who/when kept.
     *
     * @return the number of fields erased, 0 when another erasure got there first
     */
    int erasePersonalData(String reportId, String reason, Instant at) {
        OptionalInt erased = reports.erasePersonalData(reportId, reason, at);
        if (erased.isEmpty()) {
            return 0;
        }
        return erased.getAsInt() + console.erasePersonalData(reportId, at);
    }
}
