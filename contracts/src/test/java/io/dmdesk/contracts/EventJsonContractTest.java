package io.dmdesk.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(a)
                .isEqualTo(AuditEvent.idFor(AuditEvent.Action.CASE_OPENED, "r1", "1"))
                .isNotEqualTo(AuditEvent.idFor(AuditEvent.Action.CASE_OPENED, "r1", "2"));
    }

    @Test
    void everyTopicIsDeclaredOnceWithItsValueType() {
        assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates();
        assertThat(Topics.byName("reports.triaged")).contains(Topics.REPORTS_TRIAGED);
        assertThat(Topics.dlqName("social.inbound", "triage")).isEqualTo("social.inbound.triage.dlq");
    }

    @Test
    void everyTopicDeclaresItsRetentionAndWhy() {
        assertThat(Topics.ALL).allSatisfy(t -> {
            assertThat(t.retention()).as(t.name()).isPositive();
            assertThat(t.retentionReason()).as(t.name()).isNotBlank();
        });
        // Message text stays on the wire no longer than a week; ids-only topics keep longer.
        assertThat(Topics.SOCIAL_INBOUND.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(Topics.REPORTS_TRIAGED.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(Topics.ALERTS.retention()).isEqualTo(Duration.ofDays(3));
        assertThat(Topics.ALERTS.retentionMs()).isEqualTo("259200000");
        assertThatThrownBy(() -> new Topic("t", "k", String.class, 1, Duration.ZERO, "why"))
                .hasMessageContaining("retention of t must be positive");
        assertThatThrownBy(() -> new Topic("t", "k", String.class, 1, Duration.ofDays(1), " "))
                .hasMessageContaining("retention of t needs a reason");
    }

    @Test
    void deadLettersKeepTwoWeeksOrAsLongAsTheirSource() {
        Topic inbound = Topics.deadLetter(Topics.SOCIAL_INBOUND, "triage-service");
        assertThat(inbound.name()).isEqualTo("social.inbound.triage-service.dlq");
        assertThat(inbound.partitions()).isEqualTo(Topics.SOCIAL_INBOUND.partitions());
        assertThat(inbound.retention()).isEqualTo(Topics.DLQ_RETENTION).isEqualTo(Duration.ofDays(14));
        assertThat(Topics.deadLetter(Topics.AUDIT_EVENTS, "audit-service").retention())
                .isEqualTo(Duration.ofDays(30));
        assertThat(Topics.deadLetter(Topics.DATA_ERASURE, "notifier-service").retention())
                .isEqualTo(Duration.ofDays(30));

        assertThat(Topics.deadLetterNamed("reports.triaged.case-bridge-service.dlq"))
                .contains(Topics.deadLetter(Topics.REPORTS_TRIAGED, "case-bridge-service"));
        assertThat(Topics.deadLetterNamed("reports.triaged.dlq")).isEmpty();
        assertThat(Topics.deadLetterNamed("unknown.topic.group.dlq")).isEmpty();
        assertThat(Topics.deadLetterNamed("social.inbound")).isEmpty();
    }

    /** The README's topic table is what operators read: it shows the declared retention of every topic. */
    @Test
    void readmeTopicTableShowsEveryRetention() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Topic t : Topics.ALL) {
            String row = readme.lines()
                    .filter(l -> l.startsWith("| `" + t.name() + "` |"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("README topic table has no row for " + t.name()));
            assertThat(row)
                    .as("README row of %s", t.name())
                    .contains("| " + t.retention().toDays() + " days |");
        }
        String dlqRow = readme.lines()
                .filter(l -> l.startsWith("| `<topic>.<group>.dlq` |"))
                .findFirst()
                .orElseThrow();
        assertThat(dlqRow).contains(Topics.DLQ_RETENTION.toDays() + " days");
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = EventJsonContractTest.class.getResourceAsStream("/contracts/" + file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
