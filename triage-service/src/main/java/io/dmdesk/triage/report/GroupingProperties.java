package io.dmdesk.triage.report;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How follow-up messages join a report.
 *
 * @param window a new message in the same conversation within this time of the report's last message joins the
 *               open report (re-triaged, revision + 1); after it, a new episode opens a new report. Default 30 min.
 */
@ConfigurationProperties("triage.grouping")
public record GroupingProperties(Duration window) {

    public GroupingProperties {
        if (window == null) {
            window = Duration.ofMinutes(30);
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("triage.grouping.window must not be negative, was " + window);
        }
    }
}
