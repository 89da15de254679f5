package io.dmdesk.casebridge.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmdesk.contracts.Attachment;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.Routing;
import io.dmdesk.contracts.Sensitivity;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A force's own record shape from configuration: values land where the template puts them; mistakes stop start-up. */
class CaseMappingTest {

    /** The occurrence shape of issue 5: person, object, location and event parts. */
    static final String OCCURRENCE = """
            {"occurrence": {
               "externalRef": "{{report.id}}",
               "summary": "{{report.category}} ({{report.urgency}}) via {{reporter.platform}}, ref {{report.reference}}",
               "persons": [{"role": "REPORTER", "platform": "{{reporter.platform}}", "handle": "{{reporter.handle}}",
                            "platformUserId": "{{reporter.platformUserId}}"}],
               "objects": {"vehicles": "{{objects.vehicleRegistrations}}", "media": "{{source.attachmentUrls}}"},
               "location": {"address": "{{location.address}}", "postcode": "{{location.postcode}}",
                            "district": "{{location.district}}"},
               "event": {"category": "{{report.category}}", "urgency": "{{report.urgency}}",
                         "reportedAt": "{{source.occurredAt}}", "narrative": "{{source.text}}", "fixed": 3}
            }}""";

    static final String TEXT = "My car AB12 CDE was broken into at 10 Elm Street, SW1A 1AA";

    static TriagedReport report() {
        Instant at = Instant.parse("2026-11-24T22:30:00Z");
        InboundMessage m = new InboundMessage(
                1,
                "x:1",
                MessageKind.NEW,
                Platform.X,
                new MonitoredAccount("x-demopolice", "DemoPolice", "contact-centre", "central", false, false),
                Channel.DM,
                "c1",
                "1",
                new Author("900", "jane_citizen", "Jane"),
                TEXT,
                "en",
                List.of(new Attachment("photo", "https://example.invalid/p.jpg", "m-1")),
                at,
                at.plusSeconds(1),
                null);
        return new TriagedReport(
                1,
                "r-1",
                "DMD-AAAA-BBBB",
                1,
                m,
                Urgency.URGENT,
                Category.VEHICLE_CRIME,
                Sensitivity.NONE,
                "en",
                "redacted",
                List.of(
                        new EntitySpan("VEHICLE_REG", 7, 15, 0.9, "uk-reg"),
                        new EntitySpan("ADDRESS", 35, 48, 0.8, "addr"),
                        new EntitySpan("POSTCODE", 50, 58, 0.95, "uk-postcode")),
                List.of(),
                List.of("category:VEHICLE_CRIME"),
                "rules-1",
                new Routing("contact-centre", "westminster", "postcode"),
                at.plusSeconds(2));
    }

    @Test
    void everyPartLandsWhereTheTemplatePutsIt() {
        Map<String, Object> body = CaseMapping.parse(OCCURRENCE).body(report());

        @SuppressWarnings("unchecked")
        Map<String, Object> occurrence = (Map<String, Object>) body.get("occurrence");
        assertThat(occurrence)
                .containsEntry("externalRef", "r-1")
                .containsEntry("summary", "VEHICLE_CRIME (URGENT) via x, ref DMD-AAAA-BBBB");
        assertThat(occurrence.get("persons"))
                .isEqualTo(List.of(Map.of(
                        "role", "REPORTER", "platform", "x", "handle", "jane_citizen", "platformUserId", "900")));
        assertThat(occurrence.get("objects"))
                .isEqualTo(Map.of("vehicles", List.of("AB12 CDE"), "media", List.of("https://example.invalid/p.jpg")));
        assertThat(occurrence.get("location"))
                .isEqualTo(Map.of("address", "10 Elm Street", "postcode", "SW1A 1AA", "district", "westminster"));
        assertThat(occurrence.get("event"))
                .isEqualTo(Map.of(
                        "category",
                        "VEHICLE_CRIME",
                        "urgency",
                        "URGENT",
                        "reportedAt",
                        "2026-11-24T22:30:00Z",
                        "narrative",
                        TEXT,
                        "fixed",
                        3));
    }

    @Test
    void aFieldTriageDidNotFindIsNullAloneAndEmptyInsideText() {
        TriagedReport r = report();
        TriagedReport noEntities = new TriagedReport(
                r.schemaVersion(),
                r.reportId(),
                r.reference(),
                1,
                r.source(),
                r.urgency(),
                r.category(),
                r.sensitivity(),
                r.language(),
                r.redactedText(),
                List.of(),
                List.of(),
                r.reasons(),
                r.classifierVersion(),
                r.routing(),
                r.triagedAt());
        Map<String, Object> body = CaseMapping.parse(
                        "{\"where\":\"{{location.address}}\",\"line\":\"at {{location.address}}.\"}")
                .body(noEntities);
        assertThat(body).containsEntry("where", null).containsEntry("line", "at .");
    }

    @Test
    void anUnknownFieldNamesTheKeyThePlaceAndTheKnownFields() {
        assertThatThrownBy(() -> CaseMapping.parse("{\"reporter\":{\"handle\":\"{{reporter.hadle}}\"}}"))
                .hasMessageContaining(
                        "casebridge.case-system.mapping at $.reporter.handle: unknown field {{reporter.hadle}}")
                .hasMessageContaining("reporter.handle");
    }

    @Test
    void aTemplateThatIsNotAJsonObjectNamesTheKey() {
        assertThatThrownBy(() -> CaseMapping.parse("{\"a\": "))
                .hasMessageStartingWith("casebridge.case-system.mapping is not valid JSON");
        assertThatThrownBy(() -> CaseMapping.parse("[1]"))
                .hasMessage("casebridge.case-system.mapping must be a JSON object");
        assertThatThrownBy(() -> CaseMapping.parse(" "))
                .hasMessageStartingWith("casebridge.case-system.mapping must be set");
    }
}
