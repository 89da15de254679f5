package io.dmdesk.casebridge.link;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reports that do not open a record in the force's case system: questions, feedback, spam and the like, which a
 * force may want kept out of its crime records. Empty by default (every report opens a record). A value that
 * is not an urgency or category stops start-up naming the key (the binder refuses it).
 *
 * @param urgencies  e.g. {@code NON_CRIME}
 * @param categories e.g. {@code SPAM, FEEDBACK, GENERAL_ENQUIRY}
 */
@ConfigurationProperties("casebridge.no-record")
public record RecordFilterProperties(Set<Urgency> urgencies, Set<Category> categories) {

    public RecordFilterProperties {
        urgencies = urgencies == null ? Set.of() : Set.copyOf(urgencies);
        categories = categories == null ? Set.of() : Set.copyOf(categories);
    }

    /** Why this revision opens no record, or empty when it should open one. */
    public Optional<String> reasonNotToOpen(TriagedReport report) {
        if (report.urgency() != null && urgencies.contains(report.urgency())) {
            return Optional.of("urgency " + report.urgency() + " is configured to open no record");
        }
        if (report.category() != null && categories.contains(report.category())) {
            return Optional.of("category " + report.category() + " is configured to open no record");
        }
        return Optional.empty();
    }
}
