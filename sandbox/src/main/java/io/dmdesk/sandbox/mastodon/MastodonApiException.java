package io.dmdesk.sandbox.mastodon;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Mastodon's error shape: {@code {"error":"..."}} with the rate-limit headers where they apply. */
final class MastodonApiException extends RuntimeException {

    final HttpStatus status;
    final HttpHeaders headers;

    MastodonApiException(HttpStatus status, String error, HttpHeaders headers) {
        super(error);
        this.status = status;
        this.headers = headers;
    }
}
