package io.dmdesk.support.kafka;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.dmdesk.contracts.ErrorText;
import io.dmdesk.contracts.EventFormatException;
import io.dmdesk.support.crypto.ErasedRecords;
import io.dmdesk.support.crypto.RecordKeyErasedException;
import io.dmdesk.support.crypto.TamperedRecordException;
import io.dmdesk.support.errors.DependencyUnavailableException;
import java.time.Duration;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

/**
 * Retry and dead-lettering in the listener container instead of the binding, so that the kind of failure
 * decides what happens to a record:
 * <ul>
 *   <li>an outage (case system or platform unavailable, store unreachable, broker timeout): retry with
 *       exponential back-off up to {@code maxInterval}, for as long as the outage lasts. The partition waits and
 *       drains in order afterwards; nothing is dead-lettered because a dependency was down;</li>
 *   <li>a permanent failure (not a valid event, refused for good by a peer): straight to the DLQ;</li>
 *   <li>a record whose data key was erased (crypto-shredding): neither retried nor dead-lettered; audited as
 *       RECORD_KEY_ERASED and skipped, so an erased report's records never loop or pile up in a DLQ;</li>
 *   <li>anything else: the binding's retry settings (max-attempts, back-off), then the DLQ.</li>
 * </ul>
 * The back-off sleeps in the consumer thread between polls, so {@code maxInterval} stays well under
 * {@code max.poll.interval.ms}.
 */
public class OutageAwareRetry implements ListenerContainerWithDlqAndRetryCustomizer {

    private final KafkaOperations<Object, Object> dlqTemplate;
    private final Duration maxInterval;
    private final ErasedRecords erasedRecords;

    public OutageAwareRetry(
            KafkaOperations<Object, Object> dlqTemplate, Duration maxInterval, ErasedRecords erasedRecords) {
        this.dlqTemplate = dlqTemplate;
        this.maxInterval = maxInterval;
        this.erasedRecords = erasedRecords;
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destinationName,
            String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            BackOff backOff) {
        ConsumerRecordRecoverer deadLetters =
                dlqDestinationResolver == null ? null : deadLetterRecoverer(dlqDestinationResolver);
        ConsumerRecordRecoverer recoverer = (record, e) -> {
            RecordKeyErasedException erased = ErasedRecords.in(e);
            if (erased != null) {
                erasedRecords.refused(
                        ErasedRecords.CONSUMED, record.topic(), record.partition(), record.offset(), erased);
            } else if (deadLetters != null) {
                deadLetters.accept(record, e);
            } else {
                LoggerFactory.getLogger(OutageAwareRetry.class)
                        .error(
                                "record {}-{}@{} failed and has no DLQ: {}",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                ErrorText.of(e));
            }
        };
        DefaultErrorHandler handler =
                new DefaultErrorHandler(recoverer, backOff == null ? new FixedBackOff(500, 2) : backOff);
        ExponentialBackOff outage = new ExponentialBackOff(500, 2.0);
        outage.setMaxInterval(maxInterval.toMillis());
        outage.setMaxElapsedTime(Long.MAX_VALUE);
        handler.setBackOffFunction((record, e) -> isOutage(e) ? outage : null);
        // JacksonException: a JSON reader failed on the record's bytes; the same bytes fail the same way again.
        handler.addNotRetryableExceptions(
                EventFormatException.class,
                PermanentFailureException.class,
                MessageConversionException.class,
                JacksonException.class,
                RecordKeyErasedException.class,
                TamperedRecordException.class);
        handler.setResetStateOnExceptionChange(true);
        container.setCommonErrorHandler(handler);
    }

    /** Dead letters carry exception classes and safe reasons in their headers, never the record's text. */
    private DeadLetterPublishingRecoverer deadLetterRecoverer(
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(dlqTemplate, destination);
        recoverer.setExceptionHeadersCreator(new DeadLetterHeaders());
        return recoverer;
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DependencyUnavailableException
                    || t instanceof MongoTimeoutException
                    || t instanceof MongoSocketException
                    || t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}
