package io.dmdesk.support.errors;

import io.dmdesk.contracts.SafeMessage;

/**
 * A dependency (case system, platform API) cannot be reached or answers 5xx/429 right now. The record is not
 * at fault: it waits in Kafka, in order, and is retried until the dependency returns (see OutageAwareRetry).
 * The message names the dependency, the account or status, never a request body, URL or reply text; the cause
 * (an HTTP client's exception, which may quote a URL with a token) keeps its own message out of DLQ headers.
 */
public class DependencyUnavailableException extends RuntimeException implements SafeMessage {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
