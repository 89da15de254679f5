#!/usr/bin/env python3
"""Generates the two DM Desk dashboards (dashboards/*.json). Edit here, run, commit both.
The JSON is what Grafana loads; deploy/checks validates it (parses, PromQL uses known metric names)."""
import json, os

DS = {"type": "prometheus", "uid": "dmdesk-prometheus"}
HERE = os.path.dirname(os.path.abspath(__file__))

def panel(pid, title, kind, exprs, x, y, w=8, h=8, unit=None, description=None, thresholds=None, mappings=None, legend=None):
    targets = []
    for i, e in enumerate(exprs):
        expr, leg = (e if isinstance(e, tuple) else (e, legend or ""))
        targets.append({"refId": chr(65 + i), "datasource": DS, "expr": expr, "legendFormat": leg})
    defaults = {}
    if unit: defaults["unit"] = unit
    if thresholds: defaults["thresholds"] = {"mode": "absolute", "steps": thresholds}
    if mappings: defaults["mappings"] = mappings
    p = {"id": pid, "type": kind, "title": title, "datasource": DS, "targets": targets,
         "gridPos": {"x": x, "y": y, "w": w, "h": h}, "fieldConfig": {"defaults": defaults, "overrides": []}}
    if description: p["description"] = description
    return p

GREEN_RED = [{"color": "green", "value": None}, {"color": "red", "value": 1}]
STATE_MAP = [{"type": "value", "options": {
    "0": {"text": "UP", "color": "green"}, "1": {"text": "DEGRADED", "color": "yellow"},
    "2": {"text": "RATE_LIMITED", "color": "orange"}, "3": {"text": "CREDENTIALS_INVALID", "color": "red"}}}]
STATE_THRESH = [{"color": "green", "value": None}, {"color": "yellow", "value": 1},
                {"color": "orange", "value": 2}, {"color": "red", "value": 3}]

def dashboard(uid, title, tags, panels):
    return {"uid": uid, "title": title, "tags": tags, "timezone": "browser", "schemaVersion": 39,
            "version": 1, "editable": False, "refresh": "30s", "time": {"from": "now-6h", "to": "now"},
            "templating": {"list": []}, "annotations": {"list": []}, "panels": panels}

# ---- Control room supervisor --------------------------------------------------------------------
sup = [
    panel(1, "Open reports by urgency", "bargauge",
          [("sum by (urgency) (dmdesk_triage_queue_open)", "{{urgency}}")], 0, 0,
          description="NEEDS the proposed gauge dmdesk_triage_queue_open{urgency} (triage-service): reports in the "
                      "queue not yet closed. Empty until the triage service exports it."),
    panel(2, "Emergencies (last 24 h)", "stat",
          ["sum(increase(dmdesk_triage_reports_total{urgency=\"EMERGENCY\"}[24h]))"], 8, 0, w=4,
          thresholds=[{"color": "blue", "value": None}]),
    panel(3, "Emergency SLA breaches (ack > ~5 s, 24 h)", "stat",
          ["sum(increase(dmdesk_notifier_ack_latency_seconds_count{urgency=\"EMERGENCY\"}[24h]))"
           " - sum(increase(dmdesk_notifier_ack_latency_seconds_bucket{urgency=\"EMERGENCY\",le=\"4.294967296\"}[24h]))"],
          12, 0, w=4, thresholds=GREEN_RED,
          description="Emergency acknowledgements slower than the bucket just below 5 s (4.29 s, Micrometer default "
                      "buckets): slightly over-counts. Exact once the notifier adds an SLO bucket of 5 s."),
    panel(4, "Emergencies without acknowledgement (5 min)", "stat",
          ["clamp_min(sum(increase(dmdesk_triage_reports_total{urgency=\"EMERGENCY\"}[5m]))"
           " - (sum(increase(dmdesk_notifier_ack_latency_seconds_count{urgency=\"EMERGENCY\"}[5m])) or vector(0)), 0)"],
          16, 0, w=8, thresholds=GREEN_RED),
    panel(5, "Acknowledgement latency p95 by urgency vs 5 s SLA", "timeseries",
          [("histogram_quantile(0.95, sum by (le, urgency) (rate(dmdesk_notifier_ack_latency_seconds_bucket[5m])))", "p95 {{urgency}}"),
           ("vector(5)", "SLA (emergency)")], 0, 8, w=12, unit="s"),
    panel(6, "Reports per hour by urgency", "timeseries",
          [("sum by (urgency) (increase(dmdesk_triage_reports_total[1h]))", "{{urgency}}")], 12, 8, w=12),
    panel(7, "Reports per hour by category", "timeseries",
          [("sum by (category) (increase(dmdesk_triage_reports_total[1h]))", "{{category}}")], 0, 16, w=12),
    panel(8, "Connector health per account (intake)", "stat",
          [("max by (platform, account) (dmdesk_connector_state)", "{{platform}}/{{account}}")], 12, 16, w=6,
          thresholds=STATE_THRESH, mappings=STATE_MAP),
    panel(9, "Reply senders per account (notifier)", "stat",
          [("max by (platform, account) (dmdesk_notifier_sender_state)", "{{platform}}/{{account}}")], 18, 16, w=6,
          thresholds=STATE_THRESH, mappings=STATE_MAP),
]

# ---- Ops ---------------------------------------------------------------------------------------
ops = [
    panel(1, "Throughput per stage (per second)", "timeseries",
          [("sum(rate(dmdesk_intake_messages_total[5m]))", "intake"),
           ("sum(rate(dmdesk_triage_reports_total[5m]))", "triage"),
           ("sum(rate(dmdesk_casebridge_opened_total[5m]))", "case opened"),
           ("sum(rate(dmdesk_notifier_sent_total[5m]))", "notifier sent"),
           ("sum(rate(dmdesk_audit_entries_total[5m]))", "audit entries")], 0, 0, w=12),
    panel(2, "Latency per stage p95", "timeseries",
          [("histogram_quantile(0.95, sum by (le) (rate(dmdesk_intake_poll_seconds_bucket[5m])))", "intake poll"),
           ("histogram_quantile(0.95, sum by (le) (rate(dmdesk_triage_latency_seconds_bucket[5m])))", "triage"),
           ("histogram_quantile(0.95, sum by (le) (rate(dmdesk_notifier_ack_latency_seconds_bucket[5m])))", "intake to ack")],
          12, 0, w=12, unit="s"),
    panel(3, "Consumer lag by group and topic", "timeseries",
          [("max by (group, topic) (spring_cloud_stream_binder_kafka_offset)", "{{group}} / {{topic}}")], 0, 8, w=12,
          description="Binder gauge: total lag of the group on the topic; every replica reports the group total, so max, not sum."),
    panel(4, "DLQ depth", "bargauge",
          [("max by (topic) (dmdesk_dlq_pending)", "{{topic}}")], 12, 8, w=6, thresholds=GREEN_RED,
          description="NEEDS the proposed gauge dmdesk_dlq_pending{topic}; until then use GET /admin/dlq on each service."),
    panel(5, "Case system circuit", "stat",
          [("max by (state) (resilience4j_circuitbreaker_state{name=\"case-system\"}) == 1", "{{state}}")], 18, 8, w=6),
    panel(6, "Case bridge outcomes (per minute)", "timeseries",
          [("sum(rate(dmdesk_casebridge_opened_total[5m])) * 60", "opened"),
           ("sum(rate(dmdesk_casebridge_rejected_total[5m])) * 60", "rejected (4xx)"),
           ("sum(rate(dmdesk_casebridge_notes_total[5m])) * 60", "notes")], 0, 16, w=8),
    panel(7, "Notifier failures by reason (per minute)", "timeseries",
          [("sum by (platform, reason) (rate(dmdesk_notifier_failures_total[5m])) * 60", "{{platform}} {{reason}}")], 8, 16, w=8),
    panel(8, "Notifier sends by kind (per minute)", "timeseries",
          [("sum by (platform, kind) (rate(dmdesk_notifier_sent_total[5m])) * 60", "{{platform}} {{kind}}")], 16, 16, w=8),
    panel(9, "Connector states", "stat",
          [("max by (platform, account) (dmdesk_connector_state)", "in {{platform}}/{{account}}"),
           ("max by (platform, account) (dmdesk_notifier_sender_state)", "out {{platform}}/{{account}}")], 0, 24, w=8,
          thresholds=STATE_THRESH, mappings=STATE_MAP),
    panel(10, "Connector rate limit remaining / last success age", "timeseries",
          [("min by (platform, account) (dmdesk_connector_rate_limit_remaining)", "remaining {{account}}"),
           ("max by (platform, account) (dmdesk_connector_last_success_age_seconds)", "age s {{account}}")], 8, 24, w=8),
    panel(11, "Audit entries by action and outcome (per minute)", "timeseries",
          [("sum by (action, outcome) (rate(dmdesk_audit_entries_total[5m])) * 60", "{{action}} {{outcome}}")], 16, 24, w=8),
    panel(12, "Up", "stat", [("up", "{{job}} {{instance}}")], 0, 32, w=6, thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 1}]),
    panel(13, "JVM heap used", "timeseries",
          [("sum by (application) (jvm_memory_used_bytes{area=\"heap\"})", "{{application}}")], 6, 32, w=6, unit="bytes"),
    panel(14, "Process CPU", "timeseries",
          [("process_cpu_usage", "{{application}}")], 12, 32, w=6, unit="percentunit"),
    panel(15, "GC pause (per second)", "timeseries",
          [("sum by (application) (rate(jvm_gc_pause_seconds_sum[5m]))", "{{application}}")], 18, 32, w=6, unit="s"),
    panel(16, "Live threads / uptime", "timeseries",
          [("jvm_threads_live_threads", "threads {{application}}"), ("process_uptime_seconds", "uptime {{application}}")], 0, 40, w=12),
]

for name, d in [("control-room-supervisor.json", dashboard("dmdesk-supervisor", "DM Desk - Control room supervisor", ["dmdesk", "control-room"], sup)),
                ("ops.json", dashboard("dmdesk-ops", "DM Desk - Ops", ["dmdesk", "ops"], ops))]:
    with open(os.path.join(HERE, "dashboards", name), "w") as f:
        json.dump(d, f, indent=2)
        f.write("\n")
