package io.dmdesk.testsupport;

import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Contract events for tests, as the upstream service would publish them, each with fresh unique ids. */
public final class Events {

    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis() << 8);
    public static final MonitoredAccount FORCE_ACCOUNT =
            new MonitoredAccount("x-demopolice", "DemoPolice", "contact-centre", "central", false, false);

    /** A DM from a citizen to the force's X account. */
    public static InboundMessage inbound(String citizenHandle, String citizenId, String text) {
        String nativeId = String.valueOf(SEQ.incrementAndGet());
        Instant now = Instant.now();
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.X, nativeId),
                MessageKind.NEW,
                Platform.X,
                FORCE_ACCOUNT,
                Channel.DM,
                "1500000000000000001-" + citizenId,
                nativeId,
                new Author(citizenId, citizenHandle, citizenHandle),
                text,
                null,
                List.of(),
                now,
                now,
                null);
    }

    public static InboundMessage inbound(String text) {
        return inbound("someone", "2", text);
    }

    /** A first-revision report of that message, as triage publishes it. */
    public static TriagedReport triaged(InboundMessage message, Urgency urgency, Category category) {
        String reportId = UUID.randomUUID().toString();
        return new TriagedReport(
                TriagedReport.SCHEMA_VERSION,
                reportId,
                "DMD-" + reportId.substring(0, 4).toUpperCase() + "-"
                        + reportId.substring(4, 8).toUpperCase(),
                1,
                message,
                urgency,
                category,
                Sensitivity.NONE,
                "en",
                message.text(),
                List.of(),
                List.of(),
                List.of("test"),
                "test",
                new Routing("contact-centre", "central", "test"),
                Instant.now());
    }

    public static TriagedReport triaged(String text) {
        return triaged(inbound(text), Urgency.ROUTINE, Category.THEFT);
    }

    private Events() {}
}
