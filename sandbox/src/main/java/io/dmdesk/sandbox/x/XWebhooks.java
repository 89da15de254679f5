package io.dmdesk.sandbox.x;

import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Account Activity API side of X: after a citizen's DM or mention is recorded, POSTs it to the registered
 * webhook URL, signed {@code x-twitter-webhooks-signature: sha256=base64(HMAC-SHA256(consumer secret, body))}.
 * A registration is checked with a CRC first, as X does. Deliveries run on their own thread, like X's, so a
 * slow or dead intake never holds up the citizen; faults can drop or double them.
 */
@Component
class XWebhooks {

    private static final Logger log = LoggerFactory.getLogger(XWebhooks.class);
    /** X's v1.1 date format, used in tweet_create_events. */
    private static final DateTimeFormatter V1_DATE = DateTimeFormatter.ofPattern(
                    "EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final XProperties.Webhook config;
    private final XFaults faults;
    private final XDirectMessages users;
    private final JsonMapper mapper;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-x-webhooks");
        t.setDaemon(true);
        return t;
    });
    private volatile String url;
    private volatile String crc = "none";
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger missed = new AtomicInteger();
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private final AtomicInteger failed = new AtomicInteger();

    XWebhooks(XProperties properties, XFaults faults, XDirectMessages users, JsonMapper mapper) {
        this.config = properties.webhook();
        this.faults = faults;
        this.users = users;
        this.mapper = mapper;
        this.url = config.url() == null || config.url().isBlank() ? null : config.url();
    }

    /** Registers the intake's URL and runs the CRC against it (result in {@link #status()}). */
    void register(String newUrl) {
        this.url = newUrl;
        this.crc = "pending";
        deliveries.submit(this::challenge);
    }

    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("url", url);
        status.put("crc", crc);
        status.put("delivered", delivered.get());
        status.put("missed", missed.get());
        status.put("failed", failed.get());
        return status;
    }

    void dm(String accountId, DmEvent event) {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("target", Map.of("recipient_id", event.recipientId()));
        create.put("sender_id", event.senderId());
        create.put(
                "message_data",
                Map.of(
                        "text",
                        event.text(),
                        "entities",
                        Map.of(
                                "hashtags",
                                List.of(),
                                "symbols",
                                List.of(),
                                "user_mentions",
                                List.of(),
                                "urls",
                                List.of())));
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("type", "message_create");
        dm.put("id", Long.toString(event.id()));
        dm.put("created_timestamp", Long.toString(event.createdAt().toEpochMilli()));
        dm.put("message_create", create);
        Map<String, Object> usersById = new LinkedHashMap<>();
        for (String id : List.of(event.senderId(), event.recipientId())) {
            users.user(id)
                    .ifPresent(u -> usersById.put(
                            id,
                            Map.of(
                                    "id",
                                    u.id(),
                                    "name",
                                    u.name(),
                                    "screen_name",
                                    u.username(),
                                    "created_timestamp",
                                    "1288834974657")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("for_user_id", accountId);
        body.put("direct_message_events", List.of(dm));
        body.put("users", usersById);
        deliver(body);
    }

    void mention(Post post) {
        XUser author = users.user(post.authorId()).orElseThrow();
        XUser mentioned = users.user(post.mentionedId()).orElseThrow();
        Map<String, Object> tweet = new LinkedHashMap<>();
        tweet.put("created_at", V1_DATE.format(post.createdAt()));
        tweet.put("id", post.id());
        tweet.put("id_str", Long.toString(post.id()));
        tweet.put("text", post.text());
        tweet.put("truncated", false);
        tweet.put("in_reply_to_status_id_str", null);
        tweet.put(
                "user",
                Map.of(
                        "id",
                        Long.parseLong(author.id()),
                        "id_str",
                        author.id(),
                        "name",
                        author.name(),
                        "screen_name",
                        author.username()));
        tweet.put(
                "entities",
                Map.of(
                        "user_mentions",
                        List.of(Map.of("id_str", mentioned.id(), "screen_name", mentioned.username()))));
        tweet.put("timestamp_ms", Long.toString(post.createdAt().toEpochMilli()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("for_user_id", post.mentionedId());
        body.put("tweet_create_events", List.of(tweet));
        deliver(body);
    }

    static String signature(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void deliver(Map<String, Object> body) {
        String target = url;
        if (target == null) {
            return;
        }
        if (faults.missedWebhooks()) {
            missed.incrementAndGet();
            return;
        }
        byte[] bytes = mapper.writeValueAsBytes(body);
        if (faults.outOfOrder()) {
            synchronized (held) {
                held.addFirst(bytes); // released newest first
            }
            return;
        }
        int times = faults.duplicateWebhooks() ? 2 : 1;
        for (int i = 0; i < times; i++) {
            deliveries.submit(() -> post(target, bytes));
        }
    }

    /** Delivers what the out-of-order fault held back: newest first, each twice, one after the other. */
    void releaseHeld() {
        String target = url;
        List<byte[]> release;
        synchronized (held) {
            release = new ArrayList<>(held);
            held.clear();
        }
        if (target == null) {
            return;
        }
        deliveries.submit(() -> {
            for (byte[] bytes : release) {
                post(target, bytes);
                post(target, bytes);
            }
        });
    }

    private void post(String target, byte[] bytes) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(target))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("x-twitter-webhooks-signature", signature(config.consumerSecret(), bytes))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
            } else {
                failed.incrementAndGet();
                log.warn("webhook delivery answered {}", response.statusCode());
            }
        } catch (Exception e) {
            failed.incrementAndGet();
            log.warn("webhook delivery failed: {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void challenge() {
        String token = UUID.randomUUID().toString();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url + (url.contains("?") ? "&" : "?") + "crc_token=" + token))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.statusCode() == 200 ? mapper.readTree(response.body()) : null;
            String expected = signature(config.consumerSecret(), token.getBytes(StandardCharsets.UTF_8));
            crc = json != null && expected.equals(json.path("response_token").asString("")) ? "valid" : "invalid";
        } catch (Exception e) {
            crc = "invalid";
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @PreDestroy
    void close() {
        deliveries.shutdownNow();
    }
}
