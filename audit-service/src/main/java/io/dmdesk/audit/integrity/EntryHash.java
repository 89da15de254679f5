package io.dmdesk.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash of a stored entry: SHA-256 (lower-case hex) of the UTF-8 canonical JSON of the whole stored document
 * without its {@code hash} field. Canonical: object keys sorted recursively, no whitespace, null values left out,
 * dates as ISO-8601 UTC instants. Hashing what is stored (not a re-parsed event) means that any edited, added or
 * removed field changes the hash, and an auditor can recompute it offline from an export.
 */
public final class EntryHash {

    /** prevHash of the first entry of the trail, and reportPrevHash of the first entry of a report. */
    public static final String GENESIS = "0".repeat(64);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static String of(Map<String, ?> entry) {
        Map<String, Object> canonical = canonical(entry);
        canonical.remove("hash");
        return sha256(JSON.writeValueAsString(canonical));
    }

    /** The stored document as sorted maps and plain values: what is hashed and what an export contains. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> canonical(Map<String, ?> document) {
        return (Map<String, Object>) canonicalValue(document);
    }

    private static Object canonicalValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    sorted.put(String.valueOf(k), canonicalValue(v));
                }
            });
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(canonicalValue(v)));
            return out;
        }
        if (value instanceof Date date) {
            return Instant.ofEpochMilli(date.getTime()).toString();
        }
        return value;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private EntryHash() {
    }
}
