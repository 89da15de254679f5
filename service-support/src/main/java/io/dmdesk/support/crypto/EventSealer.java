package io.dmdesk.support.crypto;

import io.dmdesk.contracts.AcknowledgementSent;
import io.dmdesk.contracts.EventFormatException;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.TriagedReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seals the personal fields of an event into one {@code sealed} field of its JSON, and opens them again. What stays
 * in the clear is what must outlive an erasure: ids, kind, platform, account, timestamps, classification, entity
 * types and positions, routing. A record without {@code sealed} (an older producer) opens as it is.
 */
public class EventSealer {

    public static final String FIELD = "sealed";
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    /** Where the personal fields of a sealable event are, and which data key seals them. */
    record Spec(Function<JsonNode, String> keyId, List<String> removed, List<String> masked) {}

    private static final List<String> MESSAGE_FIELDS =
            List.of("conversationId", "author", "text", "attachments", "platformRefs");

    static final Map<Class<?>, Spec> SPECS = Map.of(
            InboundMessage.class,
                    new Spec(
                            n -> DataKeyIds.ofMessage(n.path("messageId").asString()),
                            MESSAGE_FIELDS.stream().map(f -> "/" + f).toList(),
                            List.of()),
            TriagedReport.class,
                    new Spec(
                            n -> DataKeyIds.ofReport(n.path("reportId").asString()),
                            Stream.concat(MESSAGE_FIELDS.stream().map(f -> "/source/" + f), Stream.of("/redactedText"))
                                    .toList(),
                            // Reasons quote the words that fired a rule: the clear form keeps the rule, not the words.
                            List.of("/reasons")),
            AcknowledgementSent.class,
                    new Spec(
                            n -> DataKeyIds.ofReport(n.path("reportId").asString()),
                            List.of("/conversationId"),
                            List.of()));

    private final DataKeyStore keys;

    public EventSealer(DataKeyStore keys) {
        this.keys = keys;
    }

    public static boolean sealable(Class<?> type) {
        return SPECS.containsKey(type);
    }

    /** The event's JSON with its personal fields sealed under its data key (created when new). */
    public byte[] seal(Object event) {
        Spec spec = SPECS.get(event.getClass());
        ObjectNode node = EventJson.mapper().valueToTree(event);
        if (spec == null) {
            return EventJson.toBytes(event);
        }
        ObjectNode plain = node.objectNode();
        for (String path : spec.removed()) {
            JsonNode value = take(node, path, true);
            if (value != null) {
                plain.set(path, value);
            }
        }
        for (String path : spec.masked()) {
            JsonNode value = take(node, path, false);
            if (value != null) {
                plain.set(path, value);
                put(node, path, masked(value));
            }
        }
        String keyId = spec.keyId().apply(node);
        String type = event.getClass().getSimpleName();
        Envelope.Sealed sealed = Envelope.seal(type, keyId, keys.getOrCreate(keyId), EventJson.toBytes(plain));
        node.set(FIELD, EventJson.mapper().valueToTree(sealed));
        return EventJson.toBytes(node);
    }

    /**
     * The event, its sealed fields restored.
     *
     * @throws RecordKeyErasedException when its data key was erased
     * @throws EventFormatException     when the bytes are not a valid event of that type
     */
    public <T> T open(byte[] json, Class<T> type) {
        ObjectNode node = tree(json, type);
        JsonNode sealed = node.remove(FIELD);
        if (sealed != null && SPECS.containsKey(type)) {
            Envelope.Sealed s = sealedPart(sealed, type);
            byte[] plain = Envelope.open(type.getSimpleName(), s, keys.get(s.k()));
            tree(plain, type).properties().forEach(e -> put(node, e.getKey(), e.getValue()));
        }
        try {
            return EventJson.mapper().treeToValue(node, type);
        } catch (JacksonException e) {
            return EventJson.fromBytes(json, type);
        }
    }

    /** The data key a record is sealed under, if it is sealed (nothing is looked up). */
    public static Optional<String> keyIdOf(byte[] json) {
        try {
            JsonNode sealed = EventJson.mapper().readTree(json).path(FIELD);
            return sealed.isObject() && sealed.path("k").isString()
                    ? Optional.of(sealed.path("k").asString())
                    : Optional.empty();
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The erasure of the record's data key, asked of the key store itself (a cached key may outlive an erasure
     * elsewhere by the cache's TTL); empty for unsealed records, live and unknown keys.
     */
    public Optional<RecordKeyErasedException> erasureOf(byte[] json) {
        return keyIdOf(json).flatMap(keys::erasureInStore);
    }

    private static Envelope.Sealed sealedPart(JsonNode sealed, Class<?> type) {
        try {
            return EventJson.mapper().treeToValue(sealed, Envelope.Sealed.class);
        } catch (JacksonException e) {
            throw new EventFormatException("not a valid " + type.getSimpleName() + ": sealed part malformed");
        }
    }

    private static ObjectNode tree(byte[] json, Class<?> type) {
        try {
            if (EventJson.mapper().readTree(json) instanceof ObjectNode o) {
                return o;
            }
        } catch (JacksonException e) {
            EventJson.fromBytes(json, type); // throws the contract's own, safe, error
        }
        throw new EventFormatException("not a valid " + type.getSimpleName() + ": not a JSON object");
    }

    private static JsonNode masked(JsonNode reasons) {
        if (!(reasons instanceof ArrayNode list)) {
            return reasons;
        }
        ArrayNode out = list.arrayNode();
        list.forEach(r -> out.add(r.isString() ? QUOTED.matcher(r.asString()).replaceAll("\"...\"") : r.toString()));
        return out;
    }

    /** Removes (or just reads) the value at a one- or two-level path. */
    private static JsonNode take(ObjectNode root, String path, boolean remove) {
        String[] parts = path.substring(1).split("/");
        JsonNode parent = parts.length == 1 ? root : root.path(parts[0]);
        if (!(parent instanceof ObjectNode p)) {
            return null;
        }
        String field = parts[parts.length - 1];
        return remove ? p.remove(field) : p.get(field);
    }

    private static void put(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.substring(1).split("/");
        ObjectNode parent = root;
        if (parts.length == 2) {
            JsonNode p = root.get(parts[0]);
            if (!(p instanceof ObjectNode o)) {
                return;
            }
            parent = o;
        }
        parent.set(parts[parts.length - 1], value);
    }
}
