package io.dmdesk.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Pins the wire shape of every event to a golden file. If this fails, a change would break consumers that
 * are already deployed: add fields instead of renaming or removing them, or bump the schema version.
 */
class EventJsonContractTest {

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("inbound-message.json", Samples.inbound()),
                Arguments.of("inbound-message-bluesky-mention.json", Samples.blueskyMention()),
                Arguments.of("triaged-report.json", Samples.triaged()),
                Arguments.of("case-opened.json", Samples.caseOpened()),
                Arguments.of("acknowledgement-sent.json", Samples.acknowledgementSent()),
                Arguments.of("audit-event.json", Samples.auditEvent()),
                Arguments.of("data-erasure.json", Samples.dataErasure()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void serialisedShapeMatchesTheGoldenFile(String file, Object event) throws IOException {
        JsonNode expected = EventJson.mapper().readTree(golden(file));
        JsonNode actual = EventJson.mapper().readTree(EventJson.toJson(event));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void goldenFileReadsBackToTheSameEvent(String file, Object event) throws IOException {
        assertThat(EventJson.fromJson(golden(file), event.getClass())).isEqualTo(event);
    }

    @Test
    void aConsumerIgnoresFieldsAddedByANewerProducer() throws IOException {
        String withExtra = golden("case-opened.json").replaceFirst("\\{", "{\"addedLater\":\"x\",");
        assertThat(EventJson.fromJson(withExtra, CaseOpened.class)).isEqualTo(Samples.caseOpened());
    }

    @Test
    void instantsAreIsoStringsNotNumbers() {
        assertThat(EventJson.toJson(Samples.caseOpened())).contains("\"openedAt\":\"2026-11-24T22:30:02.123Z\"");
    }

    @Test
    void garbageIsAnEventFormatErrorNotAnNpeLater() {
        assertThatThrownBy(() -> EventJson.fromJson("{not json", InboundMessage.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("InboundMessage");
        assertThatThrownBy(() -> EventJson.fromJson("{\"schemaVersion\":null}", CaseOpened.class))
                .isInstanceOf(EventFormatException.class);
    }

    @Test
    void messageIdIsDeterministicPerPlatformAndNativeId() {
        assertThat(InboundMessage.idFor(Platform.X, "123")).isEqualTo("x:123");
        assertThat(Samples.inbound().conversationKey())
                .isEqualTo("x:x-demopolice:1500000000000000001-9000000000000000001");
    }

    @Test
    void auditIdsAreStableForTheSameStep() {
        String a = AuditEvent.idFor(AuditEvent.Action.CASE_OPENED, "r1", "1");
        assertThat(a).isEqualTo(AuditEvent.idFor(AuditEvent.Action.CASE_OPENED, "r1", "1"))
                .isNotEqualTo(AuditEvent.idFor(AuditEvent.Action.CASE_OPENED, "r1", "2"));
    }

    @Test
    void everyTopicIsDeclaredOnceWithItsValueType() {
        assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates();
        assertThat(Topics.byName("reports.triaged")).contains(Topics.REPORTS_TRIAGED);
        assertThat(Topics.dlqName("social.inbound", "triage")).isEqualTo("social.inbound.triage.dlq");
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = EventJsonContractTest.class.getResourceAsStream("/contracts/" + file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
