package io.dmdesk.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fixed instance of every event, the ones the golden JSON files describe. */
final class Samples {

    static final Instant T0 = Instant.parse("2026-11-24T22:30:00.123Z");

    static InboundMessage inbound() {
        return new InboundMessage(
                1,
                "x:1862000000000000001",
                MessageKind.NEW,
                Platform.X,
                new MonitoredAccount("x-demopolice", "DemoPolice", "contact-centre", "central", false, false),
                Channel.DM,
                "1500000000000000001-9000000000000000001",
                "1862000000000000001",
                new Author("9000000000000000001", "jane_citizen", "Jane"),
                "Someone broke into my car",
                "en",
                List.of(new Attachment("photo", "https://example.invalid/p.jpg", "m-1")),
                T0,
                T0.plusMillis(900),
                null);
    }

    /** A public Bluesky reply to a thread: the strong refs a public answer needs travel with it. */
    static InboundMessage blueskyMention() {
        String uri = "at://did:plc:jane0000000000000000000/app.bsky.feed.post/3lb2aaaaaaaa2";
        return new InboundMessage(
                1,
                "bluesky:" + uri,
                MessageKind.NEW,
                Platform.BLUESKY,
                new MonitoredAccount(
                        "bluesky-demopolice", "demopolice.bsky.social", "contact-centre", "central", false, false),
                Channel.PUBLIC,
                "public-did:plc:jane0000000000000000000",
                uri,
                new Author("did:plc:jane0000000000000000000", "jane.bsky.social", "Jane"),
                "@demopolice.bsky.social my bike was stolen",
                null,
                List.of(),
                T0,
                T0.plusMillis(900),
                "at://did:plc:jane0000000000000000000/app.bsky.feed.post/3lb1aaaaaaaa2",
                Map.of(
                        InboundMessage.CID,
                        "bafyreiaaaa2",
                        InboundMessage.ROOT_URI,
                        "at://did:plc:jane0000000000000000000/app.bsky.feed.post/3lb1aaaaaaaa2",
                        InboundMessage.ROOT_CID,
                        "bafyreiaaaa1"));
    }

    static TriagedReport triaged() {
        return new TriagedReport(
                1,
                "6c3f0d3e-2a4f-3b8e-9a57-0d1c1c0e2f10",
                "DMD-7K3Q-9XZ2",
                1,
                inbound(),
                Urgency.ROUTINE,
                Category.VEHICLE_CRIME,
                Sensitivity.NONE,
                "en",
                "Someone broke into my car",
                List.of(new EntitySpan("PHONE", 0, 4, 0.9, "phone")),
                List.of(),
                List.of("category:VEHICLE_CRIME term 'car' + 'broke into'"),
                "rules-1",
                new Routing("contact-centre", "central", "monitored account"),
                T0.plusSeconds(1));
    }

    static CaseOpened caseOpened() {
        return new CaseOpened(
                1,
                "6c3f0d3e-2a4f-3b8e-9a57-0d1c1c0e2f10",
                "DMD-7K3Q-9XZ2",
                "sandbox-case-system",
                "CAS-2026-000042",
                1,
                T0.plusSeconds(2));
    }

    static AcknowledgementSent acknowledgementSent() {
        return new AcknowledgementSent(
                1,
                "6c3f0d3e-2a4f-3b8e-9a57-0d1c1c0e2f10",
                AcknowledgementSent.Kind.ACKNOWLEDGEMENT,
                Platform.X,
                "x-demopolice",
                "1500000000000000001-9000000000000000001",
                "1862000000000000099",
                "ack.routine",
                "en",
                T0.plusSeconds(2));
    }

    static AuditEvent auditEvent() {
        return new AuditEvent(
                1,
                "0e7b1f7a-8a55-3c8e-b0c4-4f5d6a7b8c9d",
                T0,
                AuditEvent.Actor.service("case-bridge-service"),
                AuditEvent.Action.CASE_OPENED,
                AuditEvent.LogCategory.DISCLOSURE,
                "6c3f0d3e-2a4f-3b8e-9a57-0d1c1c0e2f10",
                "6c3f0d3e-2a4f-3b8e-9a57-0d1c1c0e2f10",
                AuditEvent.Outcome.SUCCESS,
                "sandbox-case-system",
                null,
                Map.of("caseReference", "CAS-2026-000042"));
    }

    static DataErasure dataErasure() {
        return new DataErasure(
                1,
                "5b2c7d1e-3f4a-3b6c-8d9e-0a1b2c3d4e5f",
                "6c3f0d3e-2a4f-3b8e-9a57-0d1c1c0e2f10",
                List.of("x:1862000000000000001"),
                DataErasure.REQUEST,
                new AuditEvent.Actor(AuditEvent.ActorType.PERSON, "supervisor1"),
                "subject access request SAR-17",
                T0.plusSeconds(60));
    }

    private Samples() {}
}
