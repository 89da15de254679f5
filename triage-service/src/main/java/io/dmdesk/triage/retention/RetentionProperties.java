package io.dmdesk.triage.retention;

import io.dmdesk.contracts.Category;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a report keeps its message text and the citizen's personal data. Ids, classification, timestamps
 * and the audit trail stay; only the personal data is erased when the period has passed.
 *
 * @param enabled       false turns the periodic erasure off (erasure requests still work)
 * @param checkEvery    how often expired reports are looked for
 * @param closed        per closing outcome (e.g. {@code CASE_RECORDED: 30d}): time after closing
 * @param closedDefault closed with an outcome not listed in {@code closed}: time after closing
 * @param unclosed      reports never closed: time after their last message
 * @param nonCrime      non-crime contacts (see {@code nonCrimeCategories}), closed or not: time after their last message
 * @param nonCrimeCategories the categories that are contacts, not crimes; default GENERAL_ENQUIRY, FEEDBACK, SPAM
 */
@ConfigurationProperties("dmdesk.retention")
public record RetentionProperties(
        Boolean enabled,
        Duration checkEvery,
        Map<String, Duration> closed,
        Duration closedDefault,
        Duration unclosed,
        Duration nonCrime,
        List<Category> nonCrimeCategories) {

    public RetentionProperties {
        enabled = enabled == null || enabled;
        checkEvery = positive("dmdesk.retention.check-every", checkEvery, Duration.ofHours(1));
        closed = closed == null ? Map.of() : Map.copyOf(closed);
        closed.forEach((outcome, period) -> positive("dmdesk.retention.closed." + outcome, period, null));
        closedDefault = positive("dmdesk.retention.closed-default", closedDefault, Duration.ofDays(365));
        unclosed = positive("dmdesk.retention.unclosed", unclosed, Duration.ofDays(365));
        nonCrime = positive("dmdesk.retention.non-crime", nonCrime, Duration.ofDays(90));
        nonCrimeCategories = nonCrimeCategories == null
                ? List.of(Category.GENERAL_ENQUIRY, Category.FEEDBACK, Category.SPAM)
                : List.copyOf(nonCrimeCategories);
    }

    /** The period for a report closed with this outcome. */
    public Duration forOutcome(String outcome) {
        return closed.getOrDefault(outcome, closedDefault);
    }

    private static Duration positive(String key, Duration value, Duration fallback) {
        if (value == null) {
            if (fallback == null) {
                throw new IllegalArgumentException(key + " must be a duration such as 30d, was empty");
            }
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 30d, was " + value);
        }
        return value;
    }
}
