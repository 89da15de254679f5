package io.dmdesk.deploychecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboards parse, every panel has PromQL, and every metric name in the dashboards and the alert
 * rules is one the services export (or one of the few explicitly proposed, still missing metrics).
 */
class PromqlMetricNamesTest {

    /** Exported today (Prometheus names, without histogram/counter suffixes). */
    static final Set<String> EXPORTED = Set.of(
            "dmdesk_intake_messages_total",
            "dmdesk_intake_poll_seconds",
            "dmdesk_connector_state",
            "dmdesk_connector_rate_limit_remaining",
            "dmdesk_connector_last_success_age_seconds",
            "dmdesk_triage_reports_total",
            "dmdesk_triage_latency_seconds",
            "dmdesk_triage_queue_open",
            "dmdesk_triage_queue_oldest_age_seconds",
            "dmdesk_casebridge_opened_total",
            "dmdesk_casebridge_rejected_total",
            "dmdesk_casebridge_notes_total",
            "resilience4j_circuitbreaker_state",
            "dmdesk_notifier_sent_total",
            "dmdesk_notifier_failures_total",
            "dmdesk_notifier_ack_latency_seconds",
            "dmdesk_notifier_sender_state",
            "dmdesk_audit_entries_total",
            "dmdesk_credential_expiry_seconds",
            "dmdesk_credential_warning",
            "dmdesk_credential_reconnect_required",
            "spring_cloud_stream_binder_kafka_offset",
            // Spring Boot / Micrometer JVM and process basics, and Prometheus' own scrape health.
            "jvm_memory_used_bytes",
            "jvm_gc_pause_seconds",
            "jvm_threads_live_threads",
            "process_cpu_usage",
            "process_uptime_seconds",
            "up");

    /** Proposed and not exported yet: panels and rules using them stay empty until a service exports them. */
    static final Set<String> PROPOSED = Set.of("dmdesk_dlq_pending");

    private static final Set<String> WORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "inf",
            "nan");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** Metric names in a PromQL expression: identifiers that are not functions, keywords, label names or durations. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^\\]]*]", " ") // ranges and subqueries
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String id = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) next++;
            boolean isFunction = next < s.length() && s.charAt(next) == '(';
            boolean partOfNumber = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!isFunction && !partOfNumber && !WORDS.contains(id.toLowerCase())) names.add(id);
        }
        return names;
    }

    static String base(String name) {
        return name.replaceAll("_(bucket|count|sum|max)$", "");
    }

    private static List<String> unknown(Set<String> names) {
        List<String> bad = new ArrayList<>();
        for (String n : names) {
            if (!EXPORTED.contains(n) && !EXPORTED.contains(base(n)) && !PROPOSED.contains(n)) bad.add(n);
        }
        return bad;
    }

    @Test
    void extractsMetricNames() {
        assertEquals(
                Set.of("a_bucket", "b_total"),
                metricNames(
                        "histogram_quantile(0.95, sum by (le, urgency) (rate(a_bucket{le=\"5\",x=~\"y|z\"}[5m]))) > 5 or vector(0) and b_total offset 5m"));
        assertEquals(Set.of("m"), metricNames("deriv(max by (group, topic) (m)[10m:1m]) > 1e3"));
    }

    @Test
    void dashboardsParseAndUseKnownMetrics() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Set<String> used = new TreeSet<>();
        for (String file : List.of("control-room-supervisor.json", "ops.json")) {
            Path p = Repo.path("deploy/grafana/dashboards/" + file);
            JsonNode d = json.readTree(Repo.read(p));
            assertFalse(d.path("uid").asString("").isEmpty(), file + ": uid");
            assertFalse(d.path("title").asString("").isEmpty(), file + ": title");
            JsonNode panels = d.path("panels");
            assertTrue(panels.isArray() && panels.size() >= 6, file + ": panels");
            Set<Integer> ids = new TreeSet<>();
            for (JsonNode panel : panels) {
                String title = panel.path("title").asString();
                assertTrue(ids.add(panel.path("id").asInt()), file + ": duplicate panel id " + panel.path("id"));
                assertEquals(
                        "dmdesk-prometheus",
                        panel.path("datasource").path("uid").asString(),
                        file + "/" + title + ": datasource");
                JsonNode targets = panel.path("targets");
                assertTrue(targets.isArray() && !targets.isEmpty(), file + "/" + title + ": no query");
                for (JsonNode t : targets) {
                    String expr = t.path("expr").asString("");
                    Set<String> names = metricNames(expr);
                    if (!expr.equals("vector(5)"))
                        assertFalse(names.isEmpty(), file + "/" + title + ": no metric in " + expr);
                    assertEquals(List.of(), unknown(names), file + "/" + title + ": unknown metric in " + expr);
                    used.addAll(names);
                }
            }
        }
        used.retainAll(PROPOSED);
        System.out.println("Dashboard panels that need proposed (not yet exported) metrics: " + used);
    }

    @Test
    void alertRulesUseKnownMetricsAndHaveRunbooks() {
        Map<String, Object> rules = Repo.yaml(Repo.path("deploy/prometheus/rules/dmdesk-alerts.yml"));
        int count = 0;
        for (Object g : Repo.list(rules.get("groups"))) {
            for (Object r : Repo.list(Repo.map(g).get("rules"))) {
                Map<String, Object> rule = Repo.map(r);
                String name = String.valueOf(rule.get("alert"));
                assertEquals(List.of(), unknown(metricNames(String.valueOf(rule.get("expr")))), name);
                Map<String, Object> ann = Repo.map(rule.get("annotations"));
                for (String key : List.of("summary", "description", "runbook_url")) {
                    assertTrue(ann.get(key) != null && !ann.get(key).toString().isBlank(), name + ": " + key);
                }
                String anchor = ann.get("runbook_url").toString().replaceAll(".*#", "");
                String ops = Repo.read(Repo.path("docs/OPERATIONS.md")).toLowerCase();
                assertTrue(
                        ops.contains("### " + anchor) || ops.contains("<a id=\"" + anchor + "\">"),
                        name + ": runbook section '" + anchor + "' missing in docs/OPERATIONS.md");
                assertTrue(
                        Set.of("critical", "warning")
                                .contains(String.valueOf(
                                        Repo.map(rule.get("labels")).get("severity"))),
                        name + ": severity");
                count++;
            }
        }
        assertTrue(count >= 6, "alert rules: " + count);
    }
}
