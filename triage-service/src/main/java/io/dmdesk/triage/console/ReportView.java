package io.dmdesk.triage.console;

import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.triage.console.ConsoleRecord.Decision;
import io.dmdesk.triage.console.ConsoleRecord.Sent;
import io.dmdesk.triage.report.StoredReport;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A report's view. {@link #of} never contains original text, entity values or the citizen's handle;
 * {@link #original} is what a reveal returns.
 */
final class ReportView {

    /** What each platform allows when replying, shown next to the reply box. */
    static final Map<String, String> REPLY_RULES = Map.of(
            "x", "X DMs: reply in the same conversation while the citizen accepts DMs from this account.",
            "messenger",
                    "Messenger: standard replies within 24 h of the citizen's last message; a person (HUMAN_AGENT tag) up to 7 days; after that the channel is closed.",
            "instagram",
                    "Instagram: standard replies within 24 h of the citizen's last message; a person (HUMAN_AGENT tag) up to 7 days; after that the channel is closed.",
            "facebook", "Facebook comments: never repeat personal details in public; move to Messenger.",
            "mastodon", "Mastodon: replies are direct-visibility statuses to the citizen only.",
            "telegram", "Telegram: the bot can reply unless the citizen blocked it (then: cannot reply on channel).",
            "bluesky",
                    "Bluesky: chat reply in the same conversation, if the citizen accepts messages from this account.");

    static Map<String, Object> of(StoredReport stored, ConsoleRecord console, ConsoleProperties properties) {
        TriagedReport r = stored.event();
        ConsoleRecord state = console == null ? ConsoleRecord.none(r.reportId()) : console;
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("item", QueueItem.of(stored, console, properties));
        view.put("status", stored.status());
        view.put("outcome", stored.outcome());
        view.put("reasons", r.reasons());
        view.put("classifierVersion", r.classifierVersion());
        view.put("specialCategories", r.specialCategories());
        view.put(
                "entities",
                r.entities().stream()
                        .map(e -> Map.of("type", e.type(), "recogniser", e.recogniser(), "confidence", e.confidence()))
                        .toList());
        view.put(
                "routing",
                Map.of(
                        "team",
                        String.valueOf(r.routing().team()),
                        "district",
                        String.valueOf(r.routing().district()),
                        "reason",
                        String.valueOf(r.routing().reason())));
        view.put(
                "thread",
                stored.threadOrLatest().stream()
                        .map(t -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("revision", t.revision());
                            m.put("receivedAt", instant(t.receivedAt()));
                            m.put("language", t.language());
                            m.put("redactedText", t.redactedText());
                            m.put("entityTypes", t.entityTypes());
                            return m;
                        })
                        .toList());
        view.put(
                "changes",
                stored.changes().stream()
                        .map(c -> Map.of("kind", c.kind(), "at", instant(c.at())))
                        .toList());
        view.put(
                "case",
                state.caseReference() == null
                        ? null
                        : Map.of(
                                "system",
                                String.valueOf(state.caseSystem()),
                                "reference",
                                state.caseReference(),
                                "openedAt",
                                instant(state.caseOpenedAt())));
        view.put(
                "sent",
                state.sent().stream()
                        .sorted(Comparator.comparing(Sent::sentAt))
                        .map(ReportView::sent)
                        .toList());
        view.put(
                "notes",
                state.notes().stream()
                        .map(n -> Map.of("by", n.by(), "at", instant(n.at()), "text", n.text()))
                        .toList());
        view.put("original", state.original() == null ? null : decision(state.original()));
        view.put(
                "reclassifications",
                state.reclassifications().stream()
                        .map(c -> {
                            Map<String, Object> m = decision(c.decision());
                            m.put("by", c.by());
                            m.put("at", instant(c.at()));
                            m.put("reason", c.reason());
                            return m;
                        })
                        .toList());
        view.put("replyRules", REPLY_RULES.getOrDefault(r.source().platform().code(), "Reply on the same channel."));
        return view;
    }

    /** The original texts of the thread and of the citizen's edits. */
    static Map<String, Object> original(StoredReport stored) {
        TriagedReport r = stored.event();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportId", r.reportId());
        out.put(
                "thread",
                stored.threadOrLatest().stream()
                        .map(t -> Map.of("revision", t.revision(), "text", String.valueOf(t.text())))
                        .toList());
        out.put(
                "edits",
                stored.changes().stream()
                        .filter(c -> c.text() != null)
                        .map(c -> Map.of("at", instant(c.at()), "text", c.text()))
                        .toList());
        return out;
    }

    /** A decision as the view has always shown it: the stored fields, in their stored order. */
    private static Map<String, Object> decision(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("urgency", d.urgency());
        m.put("category", d.category());
        m.put("sensitivity", d.sensitivity());
        m.put("classifierVersion", d.classifierVersion());
        m.put("revision", d.revision());
        return m;
    }

    /**
     * One message sent to the citizen, whatever its kind: the acknowledgement (in public: the public reply),
     * emergency advice, the case-reference follow-up and operator replies; {@code label} says which.
     */
    private static Map<String, Object> sent(Sent s) {
        String kind = s.kind();
        String template = String.valueOf(s.template());
        boolean inPublic = template.startsWith("public-reply");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("template", template);
        m.put("public", inPublic);
        m.put(
                "label",
                switch (String.valueOf(kind)) {
                    case "ACKNOWLEDGEMENT" -> inPublic ? "Public reply" : "Acknowledgement";
                    case "EMERGENCY_ADVICE" -> inPublic ? "Public reply (emergency advice)" : "Emergency advice";
                    case "CASE_REFERENCE" -> "Case reference follow-up";
                    case "OPERATOR_REPLY" -> "Operator reply";
                    default -> String.valueOf(kind);
                });
        m.put("sentAt", instant(s.sentAt()));
        return m;
    }

    private static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    private ReportView() {}
}
