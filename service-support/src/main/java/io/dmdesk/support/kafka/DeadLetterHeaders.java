package io.dmdesk.support.kafka;

import io.dmdesk.contracts.ErrorText;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;

/**
 * The {@code kafka_dlt-exception-*} headers of a dead letter, without any of the record's text. Spring Kafka's
 * defaults copy the exception's message and full stack trace, and those quote the input (a JSON error quotes the
 * token it failed on; a framework exception prints the failed message). A DLQ keeps records for weeks and is
 * read by ops, so its headers carry only:
 * <ul>
 *   <li>{@code -fqcn}: the class of the exception the listener threw;</li>
 *   <li>{@code -cause-fqcn}: the class of the root cause (the direct cause is mostly a framework wrapper);</li>
 *   <li>{@code -message}: {@link ErrorText#of}: every class of the chain, the messages of exceptions written to
 *       carry no personal data, and for JSON errors the position and the contract field;</li>
 *   <li>{@code -stacktrace}: {@link ErrorText#stackTrace}: classes and frames, no messages.</li>
 * </ul>
 * The record itself is in the DLQ as it was, under the DLQ's retention.
 */
public class DeadLetterHeaders implements DeadLetterPublishingRecoverer.ExceptionHeadersCreator {

    @Override
    public void create(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
        HeaderNames.ExceptionInfo info = names.getExceptionInfo();
        headers.add(
                isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(),
                bytes(exception.getClass().getName()));
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (!isKey && root != exception) {
            headers.add(info.getExceptionCauseFqcn(), bytes(root.getClass().getName()));
        }
        headers.add(isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(), bytes(ErrorText.of(exception)));
        headers.add(
                isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(),
                bytes(ErrorText.stackTrace(exception)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
