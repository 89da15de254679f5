package io.dmdesk.support.kafka;

import java.nio.charset.StandardCharsets;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes a contract event to an output binding with an explicit key. Output bindings are synchronous
 * (see dmdesk-common.yml), so a return means the broker acknowledged the record with acks=all; a failure is
 * an exception in the caller, never a lost record.
 */
public class EventPublisher {

    private final StreamBridge streamBridge;

    public EventPublisher(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    public void publish(String binding, String key, Object event) {
        Message<Object> message = MessageBuilder.withPayload(event)
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .build();
        if (!streamBridge.send(binding, message)) {
            throw new IllegalStateException("binding " + binding + " did not accept the record");
        }
    }
}
