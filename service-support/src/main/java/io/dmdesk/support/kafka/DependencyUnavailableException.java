package io.dmdesk.support.kafka;

/**
 * A dependency (case system, platform API) cannot be reached or answers 5xx/429 right now. The record is not
 * at fault: it waits in Kafka, in order, and is retried until the dependency returns (see OutageAwareRetry).
 */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
