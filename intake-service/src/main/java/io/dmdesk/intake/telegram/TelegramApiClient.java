package io.dmdesk.intake.telegram;

import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.support.platform.RateLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bot API {@code getUpdates}. Errors come as {@code {"ok":false,"error_code":N,"description":...}}; a 429
 * carries {@code parameters.retry_after} in seconds. The token is part of the URL, so no URL is ever logged.
 */
class TelegramApiClient {

    /** Only messages and their edits; everything else would be counted and ignored anyway. */
    private static final Pattern BOT_TOKEN = Pattern.compile("[0-9]+:[A-Za-z0-9_-]+");

    static final String ALLOWED_UPDATES = "[\"message\",\"edited_message\"]";

    private final WebClient http;
    private final URI baseUrl;
    private final Duration requestTimeout;
    private final JsonMapper json;
    private final Clock clock;

    TelegramApiClient(WebClient http, URI baseUrl, Duration requestTimeout, JsonMapper json, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.json = json;
        this.clock = clock;
    }

    /** @param offset the first update wanted (last handed-on update_id + 1), which confirms all before it */
    List<JsonNode> getUpdates(Account account, Long offset, Duration longPoll) {
        // The token goes in literally: expanding it as a URI variable would percent-encode its colon.
        if (!BOT_TOKEN.matcher(account.token()).matches()) {
            throw new PlatformApiException(AccountState.CREDENTIALS_INVALID, "bot token is not id:secret", null);
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(baseUrl)
                .path("/bot" + account.token() + "/getUpdates")
                .queryParam("timeout", longPoll.toSeconds())
                .queryParam("limit", 100)
                .queryParam("allowed_updates", "{allowed}");
        if (offset != null) {
            uri.queryParam("offset", offset);
        }
        try {
            String body = http.get()
                    .uri(uri.encode().buildAndExpand(ALLOWED_UPDATES).toUri())
                    .retrieve()
                    .bodyToMono(String.class)
                    .block(requestTimeout.plus(longPoll));
            JsonNode root = json.readTree(body == null ? "{}" : body);
            if (!root.path("ok").asBoolean(false)) {
                throw new PlatformApiException(AccountState.DEGRADED, "Telegram answered ok=false", null);
            }
            return root.path("result").valueStream().toList();
        } catch (WebClientResponseException e) {
            throw translate(e);
        }
    }

    /** getWebhookInfo: the webhook's state as Telegram sees it (pending updates, last delivery error). */
    JsonNode getWebhookInfo(Account account) {
        if (!BOT_TOKEN.matcher(account.token()).matches()) {
            throw new PlatformApiException(AccountState.CREDENTIALS_INVALID, "bot token is not id:secret", null);
        }
        URI uri = UriComponentsBuilder.fromUri(baseUrl)
                .path("/bot" + account.token() + "/getWebhookInfo")
                .build()
                .toUri();
        try {
            String body =
                    http.get().uri(uri).retrieve().bodyToMono(String.class).block(requestTimeout);
            JsonNode root = json.readTree(body == null ? "{}" : body);
            if (!root.path("ok").asBoolean(false)) {
                throw new PlatformApiException(AccountState.DEGRADED, "Telegram answered ok=false", null);
            }
            return root.path("result");
        } catch (WebClientResponseException e) {
            throw translate(e);
        }
    }

    private PlatformApiException translate(WebClientResponseException e) {
        int status = e.getStatusCode().value();
        JsonNode body;
        try {
            body = json.readTree(e.getResponseBodyAsString());
        } catch (RuntimeException notJson) {
            body = json.createObjectNode();
        }
        if (status == 401 || status == 404) {
            // Telegram answers 404 for a token it does not know at all, 401 for a revoked one.
            return new PlatformApiException(
                    AccountState.CREDENTIALS_INVALID,
                    "Telegram answered " + status + ": bot token revoked or wrong",
                    null);
        }
        if (status == 429) {
            long retryAfter =
                    RateLimits.telegramRetryAfter(e.getResponseBodyAsString()).orElse(5L);
            return new PlatformApiException(
                    AccountState.RATE_LIMITED,
                    "Telegram rate limit",
                    clock.instant().plusSeconds(retryAfter));
        }
        if (status == 409) {
            return new PlatformApiException(
                    AccountState.DEGRADED,
                    "Telegram answered 409: a webhook is set for this bot; configure webhook mode or delete it",
                    null);
        }
        return new PlatformApiException(AccountState.DEGRADED, "Telegram answered " + status, null);
    }
}
