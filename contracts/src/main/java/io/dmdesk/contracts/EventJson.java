package io.dmdesk.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of every event. Unknown fields are ignored so that a producer may add fields before
 * all consumers know them; removing or renaming a field is a breaking change the contract tests catch.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    public static byte[] toBytes(Object event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static String toJson(Object event) {
        return MAPPER.writeValueAsString(event);
    }

    /** @throws EventFormatException when the bytes are not a valid event of that type (a poison record) */
    public static <T> T fromBytes(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw notValid(type, e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw notValid(type, e);
        }
    }

    /** The reason without the input: Jackson's own message quotes the offending token or value. */
    private static EventFormatException notValid(Class<?> type, JacksonException e) {
        return new EventFormatException("not a valid " + type.getSimpleName() + ": " + ErrorText.jackson(e));
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    private EventJson() {}
}
