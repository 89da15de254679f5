package io.dmdesk.triage.eval;

import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.triage.classify.Classification;
import io.dmdesk.triage.classify.Classifier;
import io.dmdesk.triage.model.LabelledExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores a classifier on the corpus: per-class precision/recall/F1 for urgency, category and language, and per
 * entity type precision/recall/F2 for personal data. A predicted span counts when it has the labelled type and
 * overlaps the labelled span (boundaries are reported separately as exact matches): for redaction, covering the
 * data matters more than the exact edge.
 */
public final class Evaluation {

    /** Counts for one class or entity type. */
    public static final class Counts {
        int tp;
        int fp;
        int fn;
        int exact;

        public double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        public double f(double beta) {
            double p = precision();
            double r = recall();
            double b2 = beta * beta;
            return p + r == 0 ? 0 : (1 + b2) * p * r / (b2 * p + r);
        }

        public int support() {
            return tp + fn;
        }
    }

    public final Map<String, Counts> urgency = new TreeMap<>();
    public final Map<String, Counts> category = new TreeMap<>();
    public final Map<String, Counts> language = new TreeMap<>();
    public final Map<String, Counts> pii = new TreeMap<>();
    public final Map<String, Map<String, Integer>> urgencyConfusion = new TreeMap<>();
    public final Map<String, Integer> categoryConfusions = new TreeMap<>();
    public final List<String> errors = new ArrayList<>();
    public int examples;
    public int urgencyCorrect;
    public int categoryCorrect;
    /** Decisions in the POSSIBLE_EMERGENCY band (scored as EMERGENCY), and how many of them were labelled EMERGENCY. */
    public int possible;

    public int possibleEmergencies;

    public static Evaluation run(Classifier classifier, List<LabelledExample> corpus) {
        Evaluation e = new Evaluation();
        for (LabelledExample x : corpus) {
            e.add(x, classifier.classify(x.text(), x.channel()));
        }
        return e;
    }

    private void add(LabelledExample x, Classification c) {
        examples++;
        // Recall first: the POSSIBLE_EMERGENCY band is alerted and handled as an emergency, so it scores as one.
        Urgency decided = c.urgency() == Urgency.POSSIBLE_EMERGENCY ? Urgency.EMERGENCY : c.urgency();
        if (c.urgency() == Urgency.POSSIBLE_EMERGENCY) {
            possible++;
            if (x.urgency() == Urgency.EMERGENCY) {
                possibleEmergencies++;
            }
        }
        tally(urgency, x.urgency().name(), decided.name());
        urgencyConfusion
                .computeIfAbsent(x.urgency().name(), k -> new TreeMap<>())
                .merge(decided.name(), 1, Integer::sum);
        tally(category, x.category().name(), c.category().name());
        tally(language, x.language(), c.language());
        if (x.urgency() == decided) {
            urgencyCorrect++;
        } else {
            errors.add(x.id() + " urgency " + x.urgency() + " -> " + c.urgency() + " | " + x.text() + " | "
                    + c.reasons().get(0));
        }
        if (x.category() == c.category()) {
            categoryCorrect++;
        } else {
            categoryConfusions.merge(x.category() + " -> " + c.category(), 1, Integer::sum);
            errors.add(x.id() + " category " + x.category() + " -> " + c.category() + " | " + x.text());
        }
        List<EntitySpan> predicted = new ArrayList<>(c.entities());
        for (LabelledExample.Span s : x.spans()) {
            Counts counts = pii.computeIfAbsent(s.type(), k -> new Counts());
            EntitySpan match = predicted.stream()
                    .filter(p -> p.type().equals(s.type()) && p.start() < s.end() && s.start() < p.end())
                    .findFirst()
                    .orElse(null);
            if (match != null) {
                counts.tp++;
                if (match.start() == s.start() && match.end() == s.end()) {
                    counts.exact++;
                }
                predicted.remove(match);
            } else {
                counts.fn++;
                errors.add(x.id() + " pii missed " + s.type() + " '" + x.text().substring(s.start(), s.end()) + "' | "
                        + x.text());
            }
        }
        for (EntitySpan p : predicted) {
            pii.computeIfAbsent(p.type(), k -> new Counts()).fp++;
            errors.add(x.id() + " pii false " + p.type() + " '" + x.text().substring(p.start(), p.end()) + "' ("
                    + p.recogniser() + ") | " + x.text());
        }
    }

    private static void tally(Map<String, Counts> m, String expected, String actual) {
        if (expected.equals(actual)) {
            m.computeIfAbsent(expected, k -> new Counts()).tp++;
        } else {
            m.computeIfAbsent(expected, k -> new Counts()).fn++;
            m.computeIfAbsent(actual, k -> new Counts()).fp++;
        }
    }

    public Counts piiTotal() {
        Counts t = new Counts();
        pii.values().forEach(c -> {
            t.tp += c.tp;
            t.fp += c.fp;
            t.fn += c.fn;
            t.exact += c.exact;
        });
        return t;
    }

    public double emergencyRecall() {
        return urgency.getOrDefault(Urgency.EMERGENCY.name(), new Counts()).recall();
    }

    public double emergencyPrecision() {
        return urgency.getOrDefault(Urgency.EMERGENCY.name(), new Counts()).precision();
    }

    public double recall(Urgency u) {
        return urgency.getOrDefault(u.name(), new Counts()).recall();
    }

    /** Mean F1 over the four labelled urgencies (POSSIBLE_EMERGENCY counted as EMERGENCY). */
    public double urgencyMacroF1() {
        double sum = 0;
        int n = 0;
        for (Urgency u : Urgency.values()) {
            if (u != Urgency.POSSIBLE_EMERGENCY) {
                sum += urgency.getOrDefault(u.name(), new Counts()).f(1);
                n++;
            }
        }
        return sum / n;
    }

    public double categoryAccuracy() {
        return (double) categoryCorrect / examples;
    }

    /** Share of messages labelled nb or nn whose detected language is the labelled one. */
    public double norwegianLanguageAccuracy() {
        Counts nb = language.getOrDefault("nb", new Counts());
        Counts nn = language.getOrDefault("nn", new Counts());
        int support = nb.support() + nn.support();
        return support == 0 ? 1 : (double) (nb.tp + nn.tp) / support;
    }

    /** One line for tables: the issue's measures. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "n=%d  EMERGENCY R %.3f P %.3f (possible %d, of them emergencies %d)  "
                        + "URGENT R %.3f  urgency macro-F1 %.3f  acc %.3f  category acc %.3f  PII F2 %.3f  nb/nn lang acc %.3f",
                examples,
                emergencyRecall(),
                emergencyPrecision(),
                possible,
                possibleEmergencies,
                recall(Urgency.URGENT),
                urgencyMacroF1(),
                (double) urgencyCorrect / examples,
                categoryAccuracy(),
                piiTotal().f(2),
                norwegianLanguageAccuracy());
    }

    public String report(boolean withErrors) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Corpus: %d messages%n%n", examples));
        b.append(String.format(
                "URGENCY accuracy %.3f (POSSIBLE_EMERGENCY scored as EMERGENCY: %d decisions, %d of them "
                        + "labelled EMERGENCY)%n",
                (double) urgencyCorrect / examples, possible, possibleEmergencies));
        table(b, urgency, 1);
        b.append("\nUrgency confusion matrix (rows = labelled, columns = predicted)\n");
        b.append(String.format("%-12s", ""));
        List<String> classes = new ArrayList<>();
        for (Urgency u : Urgency.values()) {
            if (u == Urgency.POSSIBLE_EMERGENCY) {
                continue;
            }
            classes.add(u.name());
            b.append(String.format("%11s", u.name()));
        }
        b.append('\n');
        for (String row : classes) {
            b.append(String.format("%-12s", row));
            for (String col : classes) {
                b.append(String.format(
                        "%11d", urgencyConfusion.getOrDefault(row, Map.of()).getOrDefault(col, 0)));
            }
            b.append('\n');
        }
        b.append(String.format("%nCATEGORY accuracy %.3f%n", (double) categoryCorrect / examples));
        table(b, category, 1);
        b.append("\nCategory confusions (labelled -> predicted: count)\n");
        categoryConfusions.entrySet().stream()
                .sorted((a, c) -> c.getValue() - a.getValue())
                .forEach(e -> b.append(String.format("  %-50s %d%n", e.getKey(), e.getValue())));
        b.append("\nLANGUAGE\n");
        table(b, language, 1);
        b.append("\nPERSONAL DATA spans (overlap with the same type counts; 'exact' = same boundaries)\n");
        b.append(String.format(
                "%-16s %6s %6s %6s %6s %6s %6s %6s%n", "type", "P", "R", "F2", "tp", "fp", "fn", "exact"));
        for (var e : pii.entrySet()) {
            Counts c = e.getValue();
            b.append(String.format(
                    "%-16s %6.3f %6.3f %6.3f %6d %6d %6d %6d%n",
                    e.getKey(), c.precision(), c.recall(), c.f(2), c.tp, c.fp, c.fn, c.exact));
        }
        Counts t = piiTotal();
        b.append(String.format(
                "%-16s %6.3f %6.3f %6.3f %6d %6d %6d %6d%n",
                "ALL", t.precision(), t.recall(), t.f(2), t.tp, t.fp, t.fn, t.exact));
        b.append(String.format(
                "%nEMERGENCY recall %.3f, PII recall %.3f, PII F2 %.3f%n", emergencyRecall(), t.recall(), t.f(2)));
        b.append(summary()).append('\n');
        if (withErrors) {
            b.append("\nERRORS\n");
            errors.forEach(e -> b.append("  ").append(e).append('\n'));
        }
        return b.toString();
    }

    private static void table(StringBuilder b, Map<String, Counts> m, double beta) {
        b.append(String.format("%-22s %6s %6s %6s %8s%n", "class", "P", "R", "F1", "support"));
        TreeSet<String> keys = new TreeSet<>(m.keySet());
        for (String k : keys) {
            Counts c = m.get(k);
            b.append(String.format(
                    "%-22s %6.3f %6.3f %6.3f %8d%n", k, c.precision(), c.recall(), c.f(beta), c.support()));
        }
    }
}
