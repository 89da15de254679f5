package io.dmdesk.casebridge.adapter;

import io.dmdesk.contracts.Attachment;
import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.TriagedReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record body a force's case system gets, as a JSON template in configuration
 * ({@code casebridge.case-system.mapping}): any JSON shape, where a string that is exactly {@code {{path}}}
 * becomes the field's value (a string, list, object or null) and {@code {{path}}} inside a longer string is
 * replaced by its text (empty when absent). The paths a report offers are {@link #FIELDS}. Every path is checked
 * at start-up: an unknown one stops the service with a message naming the key and the place in the template.
 */
public final class CaseMapping {

    public static final String KEY = "casebridge.case-system.mapping";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
    private static final Pattern WHOLE = Pattern.compile("^\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every path a template may use. */
    public static final Set<String> FIELDS = new TreeSet<>(List.of(
            "report.id",
            "report.reference",
            "report.revision",
            "report.category",
            "report.urgency",
            "report.sensitivity",
            "report.language",
            "report.triagedAt",
            "report.reasons",
            "report.classifierVersion",
            "reporter.platform",
            "reporter.handle",
            "reporter.displayName",
            "reporter.platformUserId",
            "source.channel",
            "source.account",
            "source.conversationId",
            "source.messageId",
            "source.nativeMessageId",
            "source.text",
            "source.occurredAt",
            "source.receivedAt",
            "source.attachments",
            "source.attachmentUrls",
            "location.address",
            "location.postcode",
            "location.district",
            "objects.vehicleRegistrations",
            "routing.team",
            "routing.district",
            "routing.reason"));

    private final JsonNode template;

    private CaseMapping(JsonNode template) {
        this.template = template;
    }

    /** @throws IllegalStateException naming {@link #KEY} when the template is not JSON or uses an unknown path */
    public static CaseMapping parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalStateException(KEY + " must be set: the JSON template of the record body");
        }
        JsonNode template;
        try {
            template = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalStateException(KEY + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (template == null || !template.isObject()) {
            throw new IllegalStateException(KEY + " must be a JSON object");
        }
        check(template, "$");
        return new CaseMapping(template);
    }

    private static void check(JsonNode node, String where) {
        if (node.isObject()) {
            node.properties().forEach(e -> check(e.getValue(), where + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), where + "[" + i + "]");
            }
        } else if (node.isString()) {
            Matcher m = PLACEHOLDER.matcher(node.asString());
            while (m.find()) {
                if (!FIELDS.contains(m.group(1))) {
                    throw new IllegalStateException(KEY + " at " + where + ": unknown field {{" + m.group(1)
                            + "}}; known fields: " + String.join(", ", FIELDS));
                }
            }
        }
    }

    /** The body for one report. */
    public Map<String, Object> body(TriagedReport report) {
        Map<String, Object> fields = fields(report);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) fill(template, fields);
        return body;
    }

    private static Object fill(JsonNode node, Map<String, Object> fields) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.properties().forEach(e -> out.put(e.getKey(), fill(e.getValue(), fields)));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(n -> out.add(fill(n, fields)));
            return out;
        }
        if (node.isString()) {
            Matcher whole = WHOLE.matcher(node.asString());
            if (whole.matches()) {
                return fields.get(whole.group(1));
            }
            Matcher m = PLACEHOLDER.matcher(node.asString());
            StringBuilder text = new StringBuilder();
            while (m.find()) {
                Object value = fields.get(m.group(1));
                m.appendReplacement(text, Matcher.quoteReplacement(value == null ? "" : String.valueOf(value)));
            }
            m.appendTail(text);
            return text.toString();
        }
        return JSON.treeToValue(node, Object.class);
    }

    private static Map<String, Object> fields(TriagedReport r) {
        var s = r.source();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("report.id", r.reportId());
        f.put("report.reference", r.reference());
        f.put("report.revision", r.revision());
        f.put("report.category", r.category() == null ? null : r.category().name());
        f.put("report.urgency", r.urgency() == null ? null : r.urgency().name());
        f.put(
                "report.sensitivity",
                r.sensitivity() == null ? null : r.sensitivity().name());
        f.put("report.language", r.language());
        f.put("report.triagedAt", r.triagedAt() == null ? null : r.triagedAt().toString());
        f.put("report.reasons", List.copyOf(r.reasons()));
        f.put("report.classifierVersion", r.classifierVersion());
        f.put("reporter.platform", s.platform().code());
        f.put("reporter.handle", s.author() == null ? null : s.author().handle());
        f.put("reporter.displayName", s.author() == null ? null : s.author().displayName());
        f.put("reporter.platformUserId", s.author() == null ? null : s.author().id());
        f.put("source.channel", s.channel() == null ? null : s.channel().name());
        f.put("source.account", s.account() == null ? null : s.account().id());
        f.put("source.conversationId", s.conversationId());
        f.put("source.messageId", s.messageId());
        f.put("source.nativeMessageId", s.nativeMessageId());
        f.put("source.text", s.text());
        f.put(
                "source.occurredAt",
                s.platformTimestamp() == null ? null : s.platformTimestamp().toString());
        f.put(
                "source.receivedAt",
                s.receivedAt() == null ? null : s.receivedAt().toString());
        List<Map<String, Object>> attachments = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (Attachment a : s.attachments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", a.type());
            m.put("url", a.url());
            m.put("mediaId", a.mediaId());
            attachments.add(m);
            if (a.url() != null) {
                urls.add(a.url());
            }
        }
        f.put("source.attachments", attachments);
        f.put("source.attachmentUrls", urls);
        f.put("location.address", first(r, "ADDRESS"));
        f.put("location.postcode", first(r, "POSTCODE"));
        f.put("location.district", r.routing() == null ? null : r.routing().district());
        f.put("objects.vehicleRegistrations", all(r, "VEHICLE_REG"));
        f.put("routing.team", r.routing() == null ? null : r.routing().team());
        f.put("routing.district", r.routing() == null ? null : r.routing().district());
        f.put("routing.reason", r.routing() == null ? null : r.routing().reason());
        return f;
    }

    /** The text of the first entity of that type triage found in the message, or null. */
    private static String first(TriagedReport r, String type) {
        List<String> found = all(r, type);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<String> all(TriagedReport r, String type) {
        String text = r.source().text() == null ? "" : r.source().text();
        List<String> found = new ArrayList<>();
        for (EntitySpan e : r.entities()) {
            if (type.equals(e.type()) && e.start() >= 0 && e.end() <= text.length() && e.start() < e.end()) {
                found.add(text.substring(e.start(), e.end()));
            }
        }
        return found;
    }
}
