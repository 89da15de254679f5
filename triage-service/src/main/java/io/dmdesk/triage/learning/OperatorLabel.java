package io.dmdesk.triage.learning;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.Urgency;
import java.time.Instant;

/**
 * An operator's reclassification kept as a labelled example for the next model: the report's redacted text (its
 * messages, one per line; never the original), the operator's decision and the machine's decision it corrected.
 *
 * @param id the report id and the revision the reclassification made ({@code <reportId>:<revision>})
 */
public record OperatorLabel(
        String id,
        String reportId,
        Channel channel,
        String language,
        String redactedText,
        Urgency urgency,
        Category category,
        Urgency machineUrgency,
        Category machineCategory,
        String classifierVersion,
        String labelledBy,
        Instant labelledAt) {}
