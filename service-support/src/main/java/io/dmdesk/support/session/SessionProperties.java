package io.dmdesk.support.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dmdesk.session.*}: browser sessions kept in the service's store. The idle timeout is Boot's
 * {@code server.reactive.session.timeout}.
 *
 * @param absoluteTimeout a session ends this long after sign-in however active it is (a shift plus margin)
 * @param sweepEvery      how often expired sessions are removed and their expiry audited
 */
@ConfigurationProperties("dmdesk.session")
public record SessionProperties(Duration absoluteTimeout, Duration sweepEvery) {

    public SessionProperties {
        absoluteTimeout = absoluteTimeout == null ? Duration.ofHours(12) : absoluteTimeout;
        sweepEvery = sweepEvery == null ? Duration.ofMinutes(1) : sweepEvery;
    }
}
