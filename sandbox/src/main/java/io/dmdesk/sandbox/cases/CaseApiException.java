package io.dmdesk.sandbox.cases;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An error of the case API, rendered as {@code {"error": "<code>", ...}}. */
final class CaseApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> body;

    private CaseApiException(HttpStatus status, Map<String, Object> body) {
        super(String.valueOf(body.get("error")));
        this.status = status;
        this.body = body;
    }

    static CaseApiException unauthorized() {
        return new CaseApiException(HttpStatus.UNAUTHORIZED, Map.of("error", "unauthorized"));
    }

    static CaseApiException missingIdempotencyKey() {
        return new CaseApiException(HttpStatus.BAD_REQUEST, Map.of("error", "missing_idempotency_key"));
    }

    static CaseApiException invalidJson() {
        return new CaseApiException(HttpStatus.BAD_REQUEST, Map.of("error", "invalid_json"));
    }

    static CaseApiException validationFailed(List<String> fields) {
        return new CaseApiException(
                HttpStatus.UNPROCESSABLE_CONTENT, Map.of("error", "validation_failed", "fields", fields));
    }

    static CaseApiException notFound(String reference) {
        return new CaseApiException(HttpStatus.NOT_FOUND, Map.of("error", "not_found", "reference", reference));
    }

    HttpStatus status() {
        return status;
    }

    Map<String, Object> body() {
        return body;
    }
}
