package io.dmdesk.intake.webhook;

import java.time.DateTimeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * A signed delivery whose JSON is well-formed but whose values cannot be read as the platform documents them
 * (a number where an id string belongs, an id that is not a number, a timestamp out of range...) is a 400
 * {@code malformed_json}, as unparseable JSON is, not a 500: it is the delivery that is wrong, and a retry of
 * the same bytes cannot succeed. Found by {@code WebhookFuzzTest}. Failures to publish (the broker) are other
 * exception types and stay 5xx, so the platform redelivers. Only the webhook controllers' packages.
 */
@RestControllerAdvice(basePackages = {"io.dmdesk.intake.x", "io.dmdesk.intake.meta", "io.dmdesk.intake.telegram"})
class UnreadableDeliveries {

    private final WebhookRejections rejections;

    UnreadableDeliveries(WebhookRejections rejections) {
        this.rejections = rejections;
    }

    @ExceptionHandler({
        JacksonException.class,
        IllegalArgumentException.class,
        DateTimeException.class,
        ArithmeticException.class
    })
    ResponseEntity<Void> unreadable(RuntimeException e, ServerHttpRequest request) {
        rejections.reject(platform(request.getPath().value()), "malformed_json");
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).build();
    }

    /** The platform segment of {@code /webhooks/<platform>...}, a fixed code, never caller data. */
    static String platform(String path) {
        if (path.startsWith("/webhooks/x")) {
            return "x";
        }
        if (path.startsWith("/webhooks/meta")) {
            return "meta";
        }
        if (path.startsWith("/webhooks/telegram")) {
            return "telegram";
        }
        return "unknown";
    }
}
