package io.dmdesk.intake;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param pollInterval  pause between two pulls of one account
 * @param backfill      how far back to import when an account is connected for the first time
 * @param requestTimeout how long one platform API call may take
 * @param maxPagesPerPoll safety bound on pages read in one pull (the cursor makes the next pull continue)
 */
@Validated
@ConfigurationProperties("intake")
public record IntakeProperties(
        @NotNull Duration pollInterval,
        @NotNull Duration backfill,
        @NotNull Duration requestTimeout,
        int maxPagesPerPoll) {

    public IntakeProperties {
        if (maxPagesPerPoll <= 0) {
            maxPagesPerPoll = 200;
        }
    }
}
