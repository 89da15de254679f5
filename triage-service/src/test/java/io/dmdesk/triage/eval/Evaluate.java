package io.dmdesk.triage.eval;

import io.dmdesk.triage.classify.Classifier;
import io.dmdesk.triage.classify.RuleClassifier;
import io.dmdesk.triage.classify.TriageClassifier;
import io.dmdesk.triage.model.LabelledExample;
import io.dmdesk.triage.model.LabelledExamples;
import io.dmdesk.triage.model.TriageModels;
import io.dmdesk.triage.rules.Lexicon;
import io.dmdesk.triage.rules.RulesLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation command (see triage-service/README.md): scores the classifier (bundled rules and models, or
 * {@code rules=<dir>} / {@code models=<dir>}) and, beside it, the rules alone, on the labelled sets, printing
 * per-class precision/recall/F1, the urgency confusion matrix and personal-data precision/recall/F2 per type.
 *
 * <p>Arguments (any order, space- or comma-separated in {@code -Dtriage.eval.args}): {@code errors} lists every
 * disagreement; {@code examples=<file>} scores a file of labelled examples, such as the operators'
 * reclassifications exported from the console ({@code GET /api/console/labelled-examples}); {@code blind-test}
 * also scores the blind set's test split. The test split is for the first and the final score only: never tune
 * on what it prints.
 */
public final class Evaluate {

    public static void main(String[] args) {
        Path rulesDir = null;
        Path modelDir = null;
        Path examples = null;
        boolean errors = false;
        boolean blindTest = false;
        for (String raw : args) {
            for (String a : raw == null ? new String[0] : raw.split("[ ,]+")) {
                if (a.isBlank()) {
                    continue;
                }
                if ("--errors".equals(a) || "errors".equals(a)) {
                    errors = true;
                } else if ("blind-test".equals(a)) {
                    blindTest = true;
                } else if (a.startsWith("rules=")) {
                    rulesDir = Path.of(a.substring(6));
                } else if (a.startsWith("models=")) {
                    modelDir = Path.of(a.substring(7));
                } else if (a.startsWith("examples=")) {
                    examples = Path.of(a.substring(9));
                } else {
                    rulesDir = Path.of(a); // the earlier form: a rules directory alone
                }
            }
        }
        RuleClassifier rules = new RuleClassifier(new Lexicon(RulesLoader.load(rulesDir)));
        TriageModels models = modelDir == null ? TriageModels.bundled() : TriageModels.from(modelDir);
        TriageClassifier classifier = new TriageClassifier(rules, models);
        System.out.println("Classifier " + classifier.version() + ", " + models.describe());
        if (examples != null) {
            section("Labelled examples " + examples, classifier, rules, LabelledExamples.read(examples), errors);
            return;
        }
        section("Blind set, dev split (A-C): may be read and tuned on", classifier, rules, Corpus.blindDev(), errors);
        section(
                "Labelled corpus (the rules were tuned on it; the model trains on it)",
                classifier,
                rules,
                Corpus.load(),
                errors);
        section(
                "Hold-outs 1 and 2 (read for tuning earlier; the model trains on them)",
                classifier,
                rules,
                concat(Corpus.holdout(), Corpus.holdout2()),
                errors);
        if (blindTest) {
            section(
                    "Blind set 2, TEST split (G-I): first and final score only, never tuned on",
                    classifier,
                    rules,
                    Corpus.blindTest(),
                    false);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void section(
            String title, Classifier classifier, RuleClassifier rules, List<LabelledExample> set, boolean errors) {
        System.out.println();
        System.out.println("=== " + title + " ===");
        Evaluation hybrid = Evaluation.run(classifier, set);
        System.out.print(hybrid.report(errors));
        System.out.println("rules alone: " + Evaluation.run(rules, set).summary());
    }

    private Evaluate() {}
}
