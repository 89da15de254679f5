package io.dmdesk.triage.console;

import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.triage.report.ReportStore;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

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

    static Map<String, Object> of(Document stored, Document console, ConsoleProperties properties) {
        TriagedReport r = ReportStore.eventOf(stored);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("item", QueueItem.of(stored, console, properties));
        view.put("status", stored.getString("status"));
        view.put("outcome", stored.getString("outcome"));
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
                thread(stored, r).stream()
                        .map(t -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("revision", t.get("revision"));
                            m.put("receivedAt", instant(t.getDate("receivedAt")));
                            m.put("language", t.getString("language"));
                            m.put("redactedText", t.getString("redactedText"));
                            m.put("entityTypes", t.getList("entityTypes", String.class, List.of()));
                            return m;
                        })
                        .toList());
        view.put(
                "changes",
                stored.getList("changes", Document.class, List.of()).stream()
                        .map(c -> Map.of("kind", c.getString("kind"), "at", instant(c.getDate("at"))))
                        .toList());
        view.put(
                "case",
                console == null || console.getString("caseReference") == null
                        ? null
                        : Map.of(
                                "system",
                                String.valueOf(console.getString("caseSystem")),
                                "reference",
                                console.getString("caseReference"),
                                "openedAt",
                                instant(console.getDate("caseOpenedAt"))));
        view.put(
                "sent",
                ConsoleState.list(console, "sent").stream()
                        .sorted(Comparator.comparing(s -> s.getDate("sentAt")))
                        .map(ReportView::sent)
                        .toList());
        view.put(
                "notes",
                ConsoleState.list(console, "notes").stream()
                        .map(n -> Map.of(
                                "by", n.getString("by"), "at", instant(n.getDate("at")), "text", n.getString("text")))
                        .toList());
        view.put("original", console == null ? null : console.get("original", Document.class));
        view.put(
                "reclassifications",
                ConsoleState.list(console, "reclassifications").stream()
                        .map(c -> {
                            Map<String, Object> m = new LinkedHashMap<>(c);
                            m.put("at", instant(c.getDate("at")));
                            return m;
                        })
                        .toList());
        view.put("replyRules", REPLY_RULES.getOrDefault(r.source().platform().code(), "Reply on the same channel."));
        return view;
    }

    /** The original texts of the thread and of the citizen's edits. */
    static Map<String, Object> original(Document stored) {
        TriagedReport r = ReportStore.eventOf(stored);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportId", r.reportId());
        out.put(
                "thread",
                thread(stored, r).stream()
                        .map(t -> Map.of("revision", t.get("revision"), "text", String.valueOf(t.getString("text"))))
                        .toList());
        out.put(
                "edits",
                stored.getList("changes", Document.class, List.of()).stream()
                        .filter(c -> c.getString("text") != null)
                        .map(c -> Map.of("at", instant(c.getDate("at")), "text", c.getString("text")))
                        .toList());
        return out;
    }

    /** Reports stored before the thread was kept have only their latest message. */
    private static List<Document> thread(Document stored, TriagedReport r) {
        List<Document> thread = stored.getList("thread", Document.class, List.of());
        if (!thread.isEmpty()) {
            return thread;
        }
        return List.of(new Document("revision", r.revision())
                .append("receivedAt", Date.from(r.source().receivedAt()))
                .append("language", r.language())
                .append("redactedText", r.redactedText())
                .append("text", r.source().text())
                .append(
                        "entityTypes",
                        r.entities().stream().map(EntitySpan::type).toList()));
    }

    /**
     * One message sent to the citizen, whatever its kind: the acknowledgement (in public: the public reply),
     * emergency advice, the case-reference follow-up and operator replies; {@code label} says which.
     */
    private static Map<String, Object> sent(Document s) {
        String kind = s.getString("kind");
        String template = String.valueOf(s.getString("template"));
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
        m.put("sentAt", instant(s.getDate("sentAt")));
        return m;
    }

    private static String instant(Date date) {
        return date == null ? null : date.toInstant().toString();
    }

    private ReportView() {}
}
