#!/usr/bin/env python3
"""Scores classify-lines output against labelled JSON lines, as an outside evaluation would.

  python3 triage-service/tools/score.py labelled.jsonl results.jsonl

labelled.jsonl: the corpus format (id, channel, language, urgency, category, text with [[TYPE:value]] marks).
results.jsonl: what `-P classify-lines` printed for the same ids ({"id": ..., "result": {...}}).
POSSIBLE_EMERGENCY counts as EMERGENCY (recall first). PII: a predicted span counts when it has the labelled type
and overlaps the labelled span; F2 weighs recall 4x precision (Presidio's convention).
"""
import json
import re
import sys
from collections import Counter, defaultdict

MARK = re.compile(r"\[\[([A-Z_]+):(.*?)]]")
URGENCIES = ["EMERGENCY", "URGENT", "ROUTINE", "NON_CRIME"]


def strip(marked):
    text, spans, at = [], [], 0
    out = ""
    for m in MARK.finditer(marked):
        out += marked[at:m.start()]
        start = len(out)
        out += m.group(2)
        spans.append((m.group(1), start, len(out)))
        at = m.end()
    out += marked[at:]
    return out, spans


def prf(tp, fp, fn, beta=1.0):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    b2 = beta * beta
    f = (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0
    return p, r, f


def main(gold_path, results_path):
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        if line.strip():
            g = json.loads(line)
            g["plain"], g["spans"] = strip(g["text"])
            gold[g["id"]] = g
    results = {}
    for line in open(results_path, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            if "result" in r:
                results[str(r["id"])] = r["result"]
    missing = [i for i in gold if i not in results]
    if missing:
        sys.exit(f"{len(missing)} labelled ids have no result, e.g. {missing[:3]}")
    u = defaultdict(Counter)
    conf = defaultdict(Counter)
    cat_ok = lang_ok = no_total = no_ok = 0
    possible = 0
    pii = Counter()
    for i, g in gold.items():
        r = results[i]
        pred = r["urgency"]
        if pred == "POSSIBLE_EMERGENCY":
            possible += 1
            pred = "EMERGENCY"
        conf[g["urgency"]][pred] += 1
        if pred == g["urgency"]:
            u[pred]["tp"] += 1
        else:
            u[g["urgency"]]["fn"] += 1
            u[pred]["fp"] += 1
        cat_ok += r["category"] == g["category"]
        lang_ok += r["language"] == g["language"]
        if g["language"] in ("nb", "nn"):
            no_total += 1
            no_ok += r["language"] == g["language"]
        predicted = list(r.get("entities", []))
        for (t, s, e) in g["spans"]:
            match = next((p for p in predicted if p["type"] == t and p["start"] < e and s < p["end"]), None)
            if match:
                pii["tp"] += 1
                predicted.remove(match)
            else:
                pii["fn"] += 1
        pii["fp"] += len(predicted)
    n = len(gold)
    print(f"messages {n}, POSSIBLE_EMERGENCY decisions {possible}")
    f1s = []
    for k in URGENCIES:
        p, rc, f = prf(u[k]["tp"], u[k]["fp"], u[k]["fn"])
        f1s.append(f)
        print(f"  {k:<10} P {p:.3f} R {rc:.3f} F1 {f:.3f} support {u[k]['tp'] + u[k]['fn']}")
    print(f"urgency macro-F1 {sum(f1s) / 4:.3f}, accuracy {sum(u[k]['tp'] for k in URGENCIES) / n:.3f}")
    print("confusion (rows labelled):", {k: dict(conf[k]) for k in URGENCIES})
    print(f"category accuracy {cat_ok / n:.3f}")
    p, rc, f2 = prf(pii["tp"], pii["fp"], pii["fn"], 2.0)
    print(f"PII P {p:.3f} R {rc:.3f} F2 {f2:.3f}")
    print(f"language accuracy {lang_ok / n:.3f}, nb/nn {no_ok / max(no_total, 1):.3f} ({no_total})")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
