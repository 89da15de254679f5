package io.dmdesk.sandbox.meta;

import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Meta app's webhook: registration runs the subscription handshake (hub.mode, hub.verify_token,
 * hub.challenge); each message is POSTed as Meta does, signed {@code X-Hub-Signature-256: sha256=<hex>}.
 * Faults: missed (never delivered) and duplicate (delivered twice) webhooks; also holds the Graph read faults
 * (expired page token, a page's reads throttled).
 */
@Component
class MetaWebhooks {

    static final String MISSED = "missed-webhook";
    static final String DUPLICATE = "duplicate-webhook";

    private final MetaProperties properties;
    private final JsonMapper mapper;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-meta-webhooks");
        t.setDaemon(true);
        return t;
    });
    private volatile String url;
    private volatile String verification = "none";
    volatile boolean missed;
    volatile boolean duplicate;
    /** Fault: the page token expired (Graph answers OAuthException 190). */
    volatile boolean pageTokenExpired;

    static final String RATE_LIMIT = "rate-limit";
    /** How long the {@code rate-limit} fault throttles a page's Graph reads; announced as a whole minute. */
    static final Duration READS_THROTTLED_FOR = Duration.ofSeconds(30);
    /** Fault: page id -> until when its Graph reads are throttled (page-level, code 32). */
    final Map<String, Instant> readsThrottledUntil = new ConcurrentHashMap<>();

    static final String EXPIRED_TOKEN = "expired-token";
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger missedCount = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    private final Clock clock;

    MetaWebhooks(MetaProperties properties, JsonMapper mapper, Clock clock) {
        this.properties = properties;
        this.mapper = mapper;
        this.clock = clock;
        this.url =
                properties.webhookUrl() == null || properties.webhookUrl().isBlank() ? null : properties.webhookUrl();
    }

    Instant now() {
        return clock.instant();
    }

    void register(String newUrl) {
        url = newUrl;
        verification = "pending";
        worker.submit(() -> {
            String challenge = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(newUrl + "?hub.mode=subscribe&hub.verify_token="
                                        + properties.verifyToken() + "&hub.challenge=" + challenge))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                verification =
                        r.statusCode() == 200 && challenge.equals(r.body().trim()) ? "valid" : "invalid";
            } catch (Exception e) {
                verification = "invalid";
            }
        });
    }

    Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", url);
        s.put("verification", verification);
        s.put("delivered", delivered.get());
        s.put("missed", missedCount.get());
        s.put("failed", failed.get());
        return s;
    }

    void deliver(MetaMessages.Message m) {
        String target = url;
        if (target == null) {
            return;
        }
        if (missed) {
            missedCount.incrementAndGet();
            return;
        }
        byte[] body = mapper.writeValueAsBytes(payload(m));
        for (int i = 0; i < (duplicate ? 2 : 1); i++) {
            worker.submit(() -> post(target, body));
        }
    }

    /** The shapes of Meta's webhook reference: messaging[] for DMs and story mentions, changes[] for comments. */
    private Map<String, Object> payload(MetaMessages.Message m) {
        long ms = m.createdAt().toEpochMilli();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", m.ownerId());
        entry.put("time", ms);
        if ("comment".equals(m.kind())) {
            Map<String, Object> value = new LinkedHashMap<>();
            if ("facebook".equals(m.platform())) {
                value.put("item", "comment");
                value.put("verb", "add");
                value.put("comment_id", m.id());
                value.put("post_id", m.postId());
                value.put("parent_id", m.postId());
                value.put("from", Map.of("id", m.senderId(), "name", m.senderName()));
                value.put("message", m.text());
                value.put("created_time", ms / 1000);
                entry.put("changes", List.of(Map.of("field", "feed", "value", value)));
            } else {
                value.put("from", Map.of("id", m.senderId(), "username", m.senderName()));
                value.put("media", Map.of("id", m.postId(), "media_product_type", "FEED"));
                value.put("id", m.id());
                value.put("text", m.text());
                entry.put("changes", List.of(Map.of("field", "comments", "value", value)));
            }
        } else {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("mid", m.id());
            if ("story_mention".equals(m.kind())) {
                message.put(
                        "attachments",
                        List.of(Map.of(
                                "type",
                                "story_mention",
                                "payload",
                                Map.of("url", "https://lookaside.sandbox/story/" + m.id()))));
            } else {
                message.put("text", m.text());
            }
            entry.put(
                    "messaging",
                    List.of(Map.of(
                            "sender",
                            Map.of("id", m.senderId()),
                            "recipient",
                            Map.of("id", m.ownerId()),
                            "timestamp",
                            ms,
                            "message",
                            message)));
        }
        return Map.of("object", "instagram".equals(m.platform()) ? "instagram" : "page", "entry", List.of(entry));
    }

    private void post(String target, byte[] body) {
        try {
            int status = http.send(
                            HttpRequest.newBuilder(URI.create(target))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/json")
                                    .header("X-Hub-Signature-256", "sha256=" + hex(body))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            (status / 100 == 2 ? delivered : failed).incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String hex(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(properties.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
