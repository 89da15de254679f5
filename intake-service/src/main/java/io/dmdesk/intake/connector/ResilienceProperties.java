package io.dmdesk.intake.connector;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-account protection of the platform APIs (Resilience4j), so one broken account neither hammers its
 * platform nor holds up the others.
 *
 * @param callsPerSecond  pulls one account may start per second (webhooks are not limited: the platform pushes)
 * @param retryAttempts   attempts of one pull on transient failures (5xx, timeouts), with exponential back-off
 * @param retryBackoff    first back-off; doubles per attempt
 * @param failuresToOpen  consecutive failed pulls (auth, 5xx) after which the account's circuit opens
 * @param openWait        how long an open circuit skips pulls before one trial pull
 */
@ConfigurationProperties("intake.resilience")
public record ResilienceProperties(
        @DefaultValue("5") int callsPerSecond,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("5") int failuresToOpen,
        @DefaultValue("30s") Duration openWait) {}
