package io.dmdesk.intake.meta;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Meta app's webhook (Messenger, Instagram, Facebook page feed), from the environment.
 *
 * @param appSecret   key of {@code X-Hub-Signature-256}
 * @param verifyToken what the subscription handshake must echo ({@code hub.verify_token})
 * @param maxAge      deliveries whose entry time is older are refused as replays; longer than Meta's own
 *                    retry period so a redelivery after an outage of ours is still taken
 */
@ConfigurationProperties("intake.meta")
public record MetaProperties(
        String appSecret,
        String verifyToken,
        @DefaultValue("P2D") Duration maxAge) {}
