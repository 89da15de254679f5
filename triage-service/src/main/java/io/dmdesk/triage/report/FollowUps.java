package io.dmdesk.triage.report;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Sensitivity;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.triage.category.CategoryDecider;
import io.dmdesk.triage.classify.Classification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Re-triage of a report when a follow-up message joins it. A follow-up can make a report more urgent ("he's
 * back and has a knife") but never less: an emergency told in two messages stays an emergency. The report's
 * source, text, spans and language become the new message's; flags accumulate.
 */
final class FollowUps {

    static TriagedReport merge(TriagedReport previous, InboundMessage message, Classification c, Instant at) {
        Urgency urgency = c.urgency().ordinal() < previous.urgency().ordinal() ? c.urgency() : previous.urgency();
        Category category = category(previous, c);
        Sensitivity sensitivity =
                c.sensitivity().ordinal() > previous.sensitivity().ordinal() ? c.sensitivity() : previous.sensitivity();
        TreeSet<String> special = new TreeSet<>(previous.specialCategories());
        special.addAll(c.specialCategories());
        List<String> reasons = new ArrayList<>();
        reasons.add("follow-up: revision " + (previous.revision() + 1) + " of " + previous.reference()
                + "; was " + previous.urgency() + "/" + previous.category() + ", this message " + c.urgency() + "/"
                + c.category() + ", kept the more urgent");
        reasons.addAll(c.reasons());
        return new TriagedReport(
                TriagedReport.SCHEMA_VERSION,
                previous.reportId(),
                previous.reference(),
                previous.revision() + 1,
                message,
                urgency,
                category,
                sensitivity,
                c.language(),
                c.redactedText(),
                c.entities(),
                List.copyOf(special),
                reasons,
                c.version(),
                previous.routing(),
                at);
    }

    /** The category of the more urgent decision; a crime category beats a non-crime one either way. */
    private static Category category(TriagedReport previous, Classification c) {
        boolean newCrime = !CategoryDecider.NON_CRIME.contains(c.category());
        boolean oldCrime = !CategoryDecider.NON_CRIME.contains(previous.category());
        if (newCrime != oldCrime) {
            return newCrime ? c.category() : previous.category();
        }
        return c.urgency().ordinal() < previous.urgency().ordinal() ? c.category() : previous.category();
    }

    private FollowUps() {}
}
