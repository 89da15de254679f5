package io.dmdesk.support.kafka;

import io.dmdesk.contracts.EventFormatException;
import io.dmdesk.support.crypto.RecordKeyErasedException;
import io.dmdesk.support.crypto.TamperedRecordException;
import io.dmdesk.support.crypto.UnknownDataKeyException;
import io.dmdesk.support.errors.DependencyUnavailableException;
import org.springframework.cloud.function.context.config.MessageConverterHelper;
import org.springframework.messaging.Message;

/**
 * A record that is not a valid contract event fails as such, at once. Without this, Spring Cloud Function logs
 * the failure, tries its other converters and then its own JSON mapper, whose exception quotes the input and is
 * not known as permanent: the record was retried three times and dead-lettered with the input in its headers.
 * With it, {@link EventFormatException} (whose message carries none of the record) reaches the error handler,
 * which sends the record to the DLQ without retries.
 */
public class ContractEventsFailFast implements MessageConverterHelper {

    @Override
    public boolean shouldFailIfCantConvert(Message<?> message, Throwable failure) {
        if (failure instanceof EventFormatException e) {
            throw e;
        }
        // Opening a sealed record: an erased key (skipped and audited), a record that does not authenticate
        // (permanent), an unknown key or an unreachable key store (retried) must reach the error handler as such.
        if (failure instanceof RecordKeyErasedException
                || failure instanceof TamperedRecordException
                || failure instanceof UnknownDataKeyException
                || failure instanceof DependencyUnavailableException) {
            throw (RuntimeException) failure;
        }
        return false;
    }
}
