package io.dmdesk.triage.classify;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.Sensitivity;
import io.dmdesk.contracts.Urgency;
import java.util.List;

/** What triage decided about a text, and why. */
public record Classification(
        Urgency urgency,
        Category category,
        Sensitivity sensitivity,
        String language,
        List<EntitySpan> entities,
        List<String> specialCategories,
        String redactedText,
        List<String> reasons,
        String version) {}
