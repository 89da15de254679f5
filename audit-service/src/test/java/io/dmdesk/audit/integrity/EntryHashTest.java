package io.dmdesk.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The hash is over RFC 8785 canonical JSON: the RFC's own examples, dates, and what a change does to the hash. */
class EntryHashTest {

    @Test
    void canonicalFormIsRfc8785OnTheRfcsOwnExample() {
        // RFC 8785, 3.2.2 (the input there is JSON text; here the same values as parsed).
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("numbers", List.of(333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001));
        value.put("string", "\u20ac$\u000F\nA'B\"\\\\\"/");
        value.put("literals", Arrays.asList(null, true, false));

        assertThat(new String(EntryHash.canonical(value), StandardCharsets.UTF_8))
                .isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void membersAreSortedByUtf16CodeUnitsAsTheRfcSays() {
        // RFC 8785, 3.2.3.
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("\u20ac", "Euro Sign");
        value.put("\r", "Carriage Return");
        value.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        value.put("1", "One");
        value.put("\ud83d\ude00", "Emoji: Grinning Face");
        value.put("\u0080", "Control");
        value.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(new String(EntryHash.canonical(value), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O "
                                + "With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void datesAreIsoUtcWithMillisecondsAndTheHashIsSha256OfTheCanonicalBytesWithoutHash() {
        Document entry = new Document("_id", "e-1")
                .append("seq", 3L)
                .append("chain", 2)
                .append("storedAt", new Date(1_795_000_000_007L))
                .append("details", new Document("b", "2").append("a", "1"))
                .append("hash", "ignored");

        assertThat(EntryHash.json(entry)).containsEntry("storedAt", "2026-11-18T11:06:40.007Z");
        String canonical = "{\"_id\":\"e-1\",\"chain\":2,\"details\":{\"a\":\"1\",\"b\":\"2\"},\"seq\":3,"
                + "\"storedAt\":\"2026-11-18T11:06:40.007Z\"}";
        assertThat(EntryHash.of(entry)).isEqualTo(EntryHash.sha256(canonical));

        assertThat(EntryHash.of(new Document(entry).append("seq", 3)))
                .as("int32 or int64: the same JSON number")
                .isEqualTo(EntryHash.of(entry));
        assertThat(EntryHash.of(new Document(entry).append("details", new Document("a", "1").append("b", "3"))))
                .as("one changed value")
                .isNotEqualTo(EntryHash.of(entry));
        assertThat(EntryHash.of(new Document(entry).append("extra", null)))
                .as("an added member, even null")
                .isNotEqualTo(EntryHash.of(entry));
    }
}
