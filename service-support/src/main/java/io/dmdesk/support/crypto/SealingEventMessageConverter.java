package io.dmdesk.support.crypto;

import io.dmdesk.contracts.EventMessageConverter;
import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The contract codec with crypto-shredding: events with personal fields are sealed on the way out (when this
 * service seals) and opened on the way in (always, so records of sealing and not yet sealing producers both read).
 * Handlers see whole events and never touch keys.
 */
public class SealingEventMessageConverter extends EventMessageConverter {

    private final EventSealer sealer;
    private final boolean seal;

    public SealingEventMessageConverter(EventSealer sealer, boolean seal) {
        this.sealer = sealer;
        this.seal = seal;
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
        if (!EventSealer.sealable(targetClass)) {
            return super.convertFromInternal(message, targetClass, conversionHint);
        }
        Object payload = message.getPayload();
        if (payload instanceof byte[] bytes) {
            return sealer.open(bytes, targetClass);
        }
        if (payload instanceof String json) {
            return sealer.open(json.getBytes(StandardCharsets.UTF_8), targetClass);
        }
        return targetClass.isInstance(payload) ? payload : null;
    }

    @Override
    protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
        return seal && EventSealer.sealable(payload.getClass())
                ? sealer.seal(payload)
                : super.convertToInternal(payload, headers, conversionHint);
    }
}
