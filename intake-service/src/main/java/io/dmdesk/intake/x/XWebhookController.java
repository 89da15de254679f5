package io.dmdesk.intake.x;

import io.dmdesk.intake.webhook.Hmac;
import io.dmdesk.intake.webhook.WebhookBody;
import io.dmdesk.intake.webhook.WebhookProperties;
import io.dmdesk.intake.webhook.WebhookRejections;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * X Account Activity API webhook: answers the CRC challenge and takes signed deliveries of DMs and mentions.
 * Nothing is published unless {@code x-twitter-webhooks-signature} matches the HMAC of the raw body; the
 * answer is 200 only after every message in the delivery was acknowledged by Kafka, so X retries otherwise.
 */
@RestController
class XWebhookController {

    static final String PATH = "/webhooks/x";
    static final String SIGNATURE = "x-twitter-webhooks-signature";

    private final WebhookProperties properties;
    private final XWebhookEvents events;
    private final WebhookRejections rejections;

    XWebhookController(WebhookProperties properties, XWebhookEvents events, WebhookRejections rejections) {
        this.properties = properties;
        this.events = events;
        this.rejections = rejections;
    }

    /** CRC: proves to X that this endpoint holds the consumer secret (at registration and periodically). */
    @GetMapping(PATH)
    ResponseEntity<Map<String, String>> crc(@RequestParam(name = "crc_token", required = false) String crcToken) {
        if (crcToken == null || crcToken.isBlank() || secret() == null) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok(
                Map.of("response_token", Hmac.base64Signature(secret(), crcToken.getBytes(StandardCharsets.UTF_8))));
    }

    @PostMapping(PATH)
    Mono<ResponseEntity<Map<String, Object>>> receive(
            @RequestHeader(name = SIGNATURE, required = false) String signature, ServerHttpRequest request) {
        return WebhookBody.read(request.getBody(), properties.maxBodyBytes())
                // Publishing blocks until Kafka acknowledged: off the event loop, but finished before we answer.
                .publishOn(Schedulers.boundedElastic())
                .map(body -> handle(signature, body))
                .onErrorResume(WebhookBody.TooLarge.class, e -> {
                    rejections.reject("x", "too_large");
                    return Mono.just(
                            ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build());
                });
    }

    private ResponseEntity<Map<String, Object>> handle(String signature, byte[] body) {
        if (signature == null || signature.isBlank()) {
            rejections.reject("x", "missing_signature");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (secret() == null || !Hmac.same(Hmac.base64Signature(secret(), body), signature)) {
            rejections.reject("x", "bad_signature");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        XWebhookEvents.Outcome outcome;
        try {
            outcome = events.handle(body);
        } catch (XWebhookEvents.Malformed e) {
            rejections.reject("x", "malformed_json");
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok(Map.of(
                "published", outcome.published(), "duplicates", outcome.duplicates(), "ignored", outcome.ignored()));
    }

    private String secret() {
        String secret = properties.x() == null ? null : properties.x().consumerSecret();
        return secret == null || secret.isBlank() ? null : secret;
    }
}
