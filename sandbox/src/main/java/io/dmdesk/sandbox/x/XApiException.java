package io.dmdesk.sandbox.x;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** An X API error, rendered as X's problem JSON with whatever rate-limit headers apply. */
final class XApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> problem;
    private final HttpHeaders headers;

    private XApiException(HttpStatus status, Map<String, Object> problem, HttpHeaders headers) {
        super(String.valueOf(problem.get("detail")));
        this.status = status;
        this.problem = problem;
        this.headers = headers;
    }

    static XApiException unauthorized() {
        return plain(HttpStatus.UNAUTHORIZED, "Unauthorized", new HttpHeaders());
    }

    static XApiException tooManyRequests(HttpHeaders rateLimitHeaders) {
        return plain(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", rateLimitHeaders);
    }

    /** X's shape for a bad parameter: which parameter, which value, and why. */
    static XApiException invalidRequest(HttpHeaders rateLimitHeaders, String parameter, String value, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("parameters", Map.of(parameter, List.of(value == null ? "" : value)));
        error.put("message", message);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("errors", List.of(error));
        problem.put("title", "Invalid Request");
        problem.put("detail", "One or more parameters to your request was invalid.");
        problem.put("type", "https://api.twitter.com/2/problems/invalid-request");
        return new XApiException(HttpStatus.BAD_REQUEST, problem, rateLimitHeaders);
    }

    private static XApiException plain(HttpStatus status, String title, HttpHeaders headers) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", title);
        problem.put("detail", title);
        problem.put("type", "about:blank");
        problem.put("status", status.value());
        return new XApiException(status, problem, headers);
    }

    HttpStatus status() {
        return status;
    }

    Map<String, Object> problem() {
        return problem;
    }

    HttpHeaders headers() {
        return headers;
    }
}
