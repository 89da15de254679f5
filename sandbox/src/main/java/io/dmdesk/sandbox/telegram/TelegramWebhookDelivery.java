package io.dmdesk.sandbox.telegram;

import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pushes queued updates of bots with a webhook, in order, with {@code X-Telegram-Bot-Api-Secret-Token}. An
 * update leaves the queue only when the endpoint answered 2xx; otherwise it is retried, as Telegram does.
 * The missed-webhook fault suppresses attempts while it is on.
 */
@Component
class TelegramWebhookDelivery {

    private final TelegramBots bots;
    private final TelegramUpdates updates;
    private final JsonMapper mapper;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-telegram-webhooks");
        t.setDaemon(true);
        return t;
    });
    final AtomicInteger delivered = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    /** The last failed delivery per bot, as getWebhookInfo reports it (kept after recovery, like Telegram). */
    final Map<Long, LastError> lastErrors = new ConcurrentHashMap<>();

    record LastError(long epochSecond, String message) {}

    TelegramWebhookDelivery(TelegramBots bots, TelegramUpdates updates, JsonMapper mapper) {
        this.bots = bots;
        this.updates = updates;
        this.mapper = mapper;
        worker.scheduleWithFixedDelay(this::deliverAll, 200, 200, TimeUnit.MILLISECONDS);
    }

    private void deliverAll() {
        if (bots.missedWebhooks()) {
            return;
        }
        for (TelegramProperties.Bot bot : bots.all()) {
            bots.webhook(bot.id()).ifPresent(hook -> deliver(bot, hook));
        }
    }

    private void deliver(TelegramProperties.Bot bot, TelegramBots.Webhook hook) {
        for (ObjectNode update : updates.updates(bot.id(), null, 100)) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.url()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(update)));
                if (hook.secretToken() != null) {
                    request.header("X-Telegram-Bot-Api-Secret-Token", hook.secretToken());
                }
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status / 100 != 2) {
                    failed.incrementAndGet();
                    lastErrors.put(
                            bot.id(),
                            new LastError(
                                    Instant.now().getEpochSecond(), "Wrong response from the webhook: " + status));
                    return; // keep order: retry this one before anything newer
                }
                delivered.incrementAndGet();
                updates.updates(bot.id(), update.get("update_id").asLong() + 1, 1);
            } catch (Exception e) {
                failed.incrementAndGet();
                lastErrors.put(bot.id(), new LastError(Instant.now().getEpochSecond(), "Connection refused"));
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
