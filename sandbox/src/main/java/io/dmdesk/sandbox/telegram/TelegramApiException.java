package io.dmdesk.sandbox.telegram;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Bot API error: {@code {"ok":false,"error_code":N,"description":"..."}} with parameters where Telegram adds them. */
final class TelegramApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;

    private TelegramApiException(int status, String description, Map<String, Object> parameters) {
        super(description);
        this.status = status;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", false);
        json.put("error_code", status);
        json.put("description", description);
        if (parameters != null) {
            json.put("parameters", parameters);
        }
        this.body = json;
    }

    static TelegramApiException unauthorized() {
        return new TelegramApiException(401, "Unauthorized", null);
    }

    static TelegramApiException tooManyRequests(long retryAfter) {
        return new TelegramApiException(
                429, "Too Many Requests: retry after " + retryAfter, Map.of("retry_after", retryAfter));
    }

    static TelegramApiException blockedByUser() {
        return new TelegramApiException(403, "Forbidden: bot was blocked by the user", null);
    }

    static TelegramApiException webhookActive() {
        return new TelegramApiException(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
                null);
    }

    static TelegramApiException badRequest(String description) {
        return new TelegramApiException(400, "Bad Request: " + description, null);
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return body;
    }
}
