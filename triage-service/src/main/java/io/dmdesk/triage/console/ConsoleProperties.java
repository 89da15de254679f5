package io.dmdesk.triage.console;

import io.dmdesk.contracts.Urgency;
import jakarta.annotation.PostConstruct;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator console: SLA targets, how often the live queue looks for changes, and the services it calls.
 * Invalid values stop start-up with a message naming the key.
 */
@ConfigurationProperties("dmdesk.console")
public class ConsoleProperties {

    /** Time from receipt to being handled, per urgency; a timer turns amber at {@link #amberAt} of it, red past it. */
    private Map<Urgency, Duration> sla = defaults();
    /** Share of the SLA after which a timer turns amber (0..1). */
    private double amberAt = 0.5;
    /** How often the live queue reads the store for changes (other instances' and other operators' work). */
    private Duration refreshInterval = Duration.ofSeconds(1);
    /** Shortest justification accepted before original text is revealed. */
    private int revealMinLength = 15;
    /** How many open reports the queue shows at most. */
    private int queueLimit = 500;
    /** notifier-service base URL, for operator replies. */
    private URI notifierUrl = URI.create("http://localhost:8084");
    /** intake-service base URL, for the connector health panel. */
    private URI intakeUrl = URI.create("http://localhost:8081");
    /** Reply templates operators can start from (free text is always possible). */
    private List<ReplyTemplate> replyTemplates = List.of(
            new ReplyTemplate("more-details", "Thank you. Could you tell us where and when this happened?"),
            new ReplyTemplate(
                    "call-999", "If you are in danger now, call 999 (112 in Norway). We are reading your message."),
            new ReplyTemplate("officer-will-contact", "An officer will contact you about your report."));
    /** Outcomes an operator can close a report with. */
    private List<String> outcomes =
            List.of("CASE_RECORDED", "ADVICE_GIVEN", "REFERRED_ELSEWHERE", "NO_POLICE_ACTION", "DUPLICATE", "SPAM");

    private static Map<Urgency, Duration> defaults() {
        Map<Urgency, Duration> d = new EnumMap<>(Urgency.class);
        d.put(Urgency.EMERGENCY, Duration.ofMinutes(2));
        // Unsure danger: someone must look at it within a minute and confirm or downgrade it.
        d.put(Urgency.POSSIBLE_EMERGENCY, Duration.ofSeconds(60));
        d.put(Urgency.URGENT, Duration.ofMinutes(15));
        d.put(Urgency.ROUTINE, Duration.ofHours(4));
        d.put(Urgency.NON_CRIME, Duration.ofHours(24));
        return d;
    }

    @PostConstruct
    void validate() {
        for (Urgency u : Urgency.values()) {
            Duration target = sla.get(u);
            if (target == null || target.isNegative() || target.isZero()) {
                throw new IllegalStateException("dmdesk.console.sla."
                        + u.name().toLowerCase().replace('_', '-') + " must be a positive duration (e.g. 15m)");
            }
        }
        if (!(amberAt > 0 && amberAt < 1)) {
            throw new IllegalStateException("dmdesk.console.amber-at must be between 0 and 1, was " + amberAt);
        }
        if (refreshInterval == null || refreshInterval.toMillis() < 100) {
            throw new IllegalStateException("dmdesk.console.refresh-interval must be at least 100ms");
        }
        if (revealMinLength < 1) {
            throw new IllegalStateException("dmdesk.console.reveal-min-length must be at least 1");
        }
        if (queueLimit < 1 || queueLimit > 5000) {
            throw new IllegalStateException("dmdesk.console.queue-limit must be between 1 and 5000");
        }
        if (notifierUrl == null || notifierUrl.getHost() == null) {
            throw new IllegalStateException("dmdesk.console.notifier-url must be an absolute URL");
        }
        if (intakeUrl == null || intakeUrl.getHost() == null) {
            throw new IllegalStateException("dmdesk.console.intake-url must be an absolute URL");
        }
        if (outcomes == null || outcomes.isEmpty()) {
            throw new IllegalStateException("dmdesk.console.outcomes must list at least one outcome");
        }
    }

    public Duration slaFor(Urgency urgency) {
        return sla.get(urgency);
    }

    public Map<Urgency, Duration> getSla() {
        return sla;
    }

    public void setSla(Map<Urgency, Duration> sla) {
        Map<Urgency, Duration> merged = defaults();
        merged.putAll(sla);
        this.sla = merged;
    }

    public double getAmberAt() {
        return amberAt;
    }

    public void setAmberAt(double amberAt) {
        this.amberAt = amberAt;
    }

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public int getRevealMinLength() {
        return revealMinLength;
    }

    public void setRevealMinLength(int revealMinLength) {
        this.revealMinLength = revealMinLength;
    }

    public int getQueueLimit() {
        return queueLimit;
    }

    public void setQueueLimit(int queueLimit) {
        this.queueLimit = queueLimit;
    }

    public URI getNotifierUrl() {
        return notifierUrl;
    }

    public void setNotifierUrl(URI notifierUrl) {
        this.notifierUrl = notifierUrl;
    }

    public URI getIntakeUrl() {
        return intakeUrl;
    }

    public void setIntakeUrl(URI intakeUrl) {
        this.intakeUrl = intakeUrl;
    }

    public List<ReplyTemplate> getReplyTemplates() {
        return replyTemplates;
    }

    public void setReplyTemplates(List<ReplyTemplate> replyTemplates) {
        this.replyTemplates = replyTemplates;
    }

    public List<String> getOutcomes() {
        return outcomes;
    }

    public void setOutcomes(List<String> outcomes) {
        this.outcomes = outcomes;
    }

    /** A reply an operator can start from; the operator can edit it before sending. */
    public record ReplyTemplate(String id, String text) {}
}
