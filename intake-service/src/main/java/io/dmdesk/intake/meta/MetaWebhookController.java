package io.dmdesk.intake.meta;

import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.intake.connector.ConnectorHealth;
import io.dmdesk.intake.publish.InboundPublisher;
import io.dmdesk.intake.webhook.Hmac;
import io.dmdesk.intake.webhook.WebhookBody;
import io.dmdesk.intake.webhook.WebhookProperties;
import io.dmdesk.intake.webhook.WebhookRejections;
import io.dmdesk.support.accounts.AccountsProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Meta app webhook ({@code /webhooks/meta}) for Messenger, Instagram and page feeds. GET is the subscription
 * handshake; POST must carry {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>}, and
 * deliveries whose entry time is older than {@code intake.meta.max-age} are refused as replays. 200 only after
 * Kafka acknowledged every message, so Meta redelivers otherwise.
 */
@RestController
class MetaWebhookController {

    static final String PATH = "/webhooks/meta";
    static final String SIGNATURE = "X-Hub-Signature-256";

    private final MetaProperties meta;
    private final WebhookProperties webhooks;
    private final WebhookRejections rejections;
    private final MetaEvents events;
    private final InboundPublisher intake;
    private final ConnectorHealth health;
    private final JsonMapper json;
    private final Clock clock;

    MetaWebhookController(
            MetaProperties meta,
            WebhookProperties webhooks,
            WebhookRejections rejections,
            AccountsProperties accounts,
            InboundPublisher intake,
            ConnectorHealth health,
            JsonMapper json,
            Clock clock) {
        this.meta = meta;
        this.webhooks = webhooks;
        this.rejections = rejections;
        this.events = new MetaEvents(accounts, rejections, clock);
        this.intake = intake;
        this.health = health;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping(PATH)
    ResponseEntity<String> verify(
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        if ("subscribe".equals(mode) && challenge != null && Hmac.same(meta.verifyToken(), token)) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
        }
        rejections.reject("meta", "bad_verify_token");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }

    @PostMapping(PATH)
    Mono<ResponseEntity<Map<String, Object>>> receive(
            @RequestHeader(name = SIGNATURE, required = false) String signature, ServerHttpRequest request) {
        return WebhookBody.read(request.getBody(), webhooks.maxBodyBytes())
                .publishOn(Schedulers.boundedElastic())
                .map(body -> handle(signature, body))
                .onErrorResume(WebhookBody.TooLarge.class, e -> {
                    rejections.reject("meta", "too_large");
                    return Mono.just(
                            ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build());
                });
    }

    private ResponseEntity<Map<String, Object>> handle(String signature, byte[] body) {
        if (signature == null || signature.isBlank()) {
            rejections.reject("meta", "missing_signature");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (meta.appSecret() == null
                || meta.appSecret().isBlank()
                || !Hmac.same(Hmac.hexSignature(meta.appSecret(), body), signature.toLowerCase())) {
            rejections.reject("meta", "bad_signature");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            root = null;
        }
        if (root == null || !root.isObject() || !root.path("entry").isArray()) {
            rejections.reject("meta", "malformed_json");
            return ResponseEntity.badRequest().build();
        }
        if (MetaEvents.oldestEntryTime(root)
                .map(t -> t.isBefore(clock.instant().minus(meta.maxAge())))
                .orElse(false)) {
            rejections.reject("meta", "replayed");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        List<InboundMessage> messages = events.messages(root);
        messages.forEach(m -> health.register(m.account().id(), m.platform().code()));
        int published = intake.acceptAll(messages); // the whole delivery as one page
        // A verified delivery is the proof a webhook-only account is connected.
        messages.forEach(m -> health.success(m.account().id(), null));
        return ResponseEntity.ok(Map.of("published", published, "duplicates", messages.size() - published));
    }
}
