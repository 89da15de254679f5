package io.dmdesk.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A report after triage. Key on {@link Topics#REPORTS_TRIAGED}: the report id. A report is re-published
 * with a higher {@code revision} when a follow-up message joins it or an operator reclassifies it.
 *
 * @param reference   the product's own reference the citizen is given at once (the case system's comes later)
 * @param source      the message that produced this revision
 * @param redactedText the text with each personal-data span replaced by its type, for operators and logs
 * @param reasons     which rules and terms produced the decision, for operators and auditors
 */
public record TriagedReport(
        int schemaVersion,
        String reportId,
        String reference,
        int revision,
        InboundMessage source,
        Urgency urgency,
        Category category,
        Sensitivity sensitivity,
        String language,
        String redactedText,
        List<EntitySpan> entities,
        List<String> specialCategories,
        List<String> reasons,
        String classifierVersion,
        Routing routing,
        Instant triagedAt) {

    public static final int SCHEMA_VERSION = 1;

    public TriagedReport {
        entities = entities == null ? List.of() : List.copyOf(entities);
        specialCategories = specialCategories == null ? List.of() : List.copyOf(specialCategories);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
