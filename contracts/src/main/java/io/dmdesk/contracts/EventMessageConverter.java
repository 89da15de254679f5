package io.dmdesk.contracts;

import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.util.MimeTypeUtils;

/**
 * Puts contract events on the wire with {@link EventJson}, so what services send is exactly the shape the
 * contract tests pin. Registered as a bean in every service; Spring Cloud Stream puts it ahead of its defaults.
 */
public class EventMessageConverter extends AbstractMessageConverter {

    public EventMessageConverter() {
        super(MimeTypeUtils.APPLICATION_JSON);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return clazz.getPackageName().equals(EventMessageConverter.class.getPackageName()) && clazz.isRecord();
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
        Object payload = message.getPayload();
        if (payload instanceof byte[] bytes) {
            return EventJson.fromBytes(bytes, targetClass);
        }
        if (payload instanceof String json) {
            return EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), targetClass);
        }
        return targetClass.isInstance(payload) ? payload : null;
    }

    @Override
    protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
        return EventJson.toBytes(payload);
    }
}
