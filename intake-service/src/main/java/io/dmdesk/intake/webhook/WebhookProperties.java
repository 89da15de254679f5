package io.dmdesk.intake.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook endpoints. They have no login: every delivery must carry the platform's signature, made with a
 * secret that comes from the environment (sandbox defaults in intake-service.yml).
 *
 * @param maxBodyBytes larger deliveries are refused with 413 before they are parsed
 * @param x            X Account Activity API
 */
@Validated
@ConfigurationProperties("intake.webhooks")
public record WebhookProperties(
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue X x) {

    /** @param consumerSecret the app's consumer secret (API secret key): key of the CRC answer and signatures */
    public record X(String consumerSecret) {}
}
