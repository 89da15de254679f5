package io.dmdesk.audit.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash of a stored entry: SHA-256 (lower-case hex) of the UTF-8 bytes of the RFC 8785 (JCS) canonical JSON of
 * the entry's JSON form without its {@code hash} member. The JSON form is the stored document with BSON dates as
 * ISO-8601 UTC strings with exactly three fraction digits; nothing else is dropped or renamed, so the export (which
 * holds entries in exactly this form) can be checked by any JCS implementation: remove {@code hash}, canonicalise,
 * SHA-256. Hashing what is stored (not a re-parsed event) means that any edited, added or removed field changes
 * the hash.
 */
public final class EntryHash {

    /** prevHash of the first entry of a chain, and reportPrevHash of the first entry of a report. */
    public static final String GENESIS = "0".repeat(64);

    /** The rule as the export states it. */
    public static final String RULE = "sha256 (lower-case hex) of the RFC 8785 canonical JSON (UTF-8) of the entry "
            + "without its 'hash' member; the first entry of a chain links to " + GENESIS;

    /** Dates in the JSON form: always milliseconds, always Z, so one instant has one spelling. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static String of(Map<String, ?> entry) {
        Map<String, Object> json = json(entry);
        json.remove("hash");
        return sha256(canonical(json));
    }

    /**
     * The stored document as JSON values (maps with sorted keys, lists, strings, numbers, booleans, null): what is
     * hashed and what an export contains. A value of a type JSON has no spelling for (only an edit with another
     * tool can put one there) becomes its string form, so it changes the hash instead of stopping the verifier.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(Map<String, ?> document) {
        return (Map<String, Object>) jsonValue(document);
    }

    /** The RFC 8785 canonical UTF-8 bytes of a JSON value (as produced by {@link #json}). */
    public static byte[] canonical(Object jsonValue) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(jsonValue)).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException("not canonicalisable JSON", e);
        }
    }

    /** ISO-8601 UTC, three fraction digits: how dates appear in the JSON form and in signed checkpoints. */
    public static String instant(Date date) {
        return DATE.format(date.toInstant());
    }

    private static Object jsonValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), jsonValue(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(jsonValue(v)));
            return out;
        }
        if (value instanceof Date date) {
            return instant(date);
        }
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return value;
        }
        return String.valueOf(value);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private EntryHash() {}
}
