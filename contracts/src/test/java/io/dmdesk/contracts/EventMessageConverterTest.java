package io.dmdesk.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

class EventMessageConverterTest {

    private final EventMessageConverter converter = new EventMessageConverter();

    @Test
    void writesTheContractShapeAndReadsItBack() {
        MessageHeaders headers =
                new MessageHeaders(Map.of(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON));
        Message<?> out = converter.toMessage(Samples.caseOpened(), headers);
        assertThat(out).isNotNull();
        assertThat(new String((byte[]) out.getPayload())).isEqualTo(EventJson.toJson(Samples.caseOpened()));

        Message<byte[]> in = MessageBuilder.withPayload((byte[]) out.getPayload())
                .setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
                .build();
        assertThat(converter.fromMessage(in, CaseOpened.class)).isEqualTo(Samples.caseOpened());
    }

    @Test
    void leavesNonContractTypesToOtherConverters() {
        Message<byte[]> in = MessageBuilder.withPayload("{}".getBytes())
                .setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
                .build();
        assertThat(converter.fromMessage(in, HashMap.class)).isNull();
    }
}
