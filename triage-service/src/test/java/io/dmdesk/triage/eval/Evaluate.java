package io.dmdesk.triage.eval;

import io.dmdesk.triage.classify.RuleClassifier;
import io.dmdesk.triage.rules.Lexicon;
import io.dmdesk.triage.rules.RulesLoader;
import java.nio.file.Path;

/**
 * The evaluation command: scores the bundled rules (or a rules directory given as the first argument) on the
 * labelled corpus and prints per-class precision/recall/F1, the urgency confusion matrix and personal-data
 * precision/recall/F2 per type. {@code --errors} also lists every disagreement. See triage-service/README.md.
 */
public final class Evaluate {

    public static void main(String[] args) {
        Path rulesDir = null;
        boolean errors = false;
        for (String a : args) {
            if ("--errors".equals(a) || "errors".equals(a)) {
                errors = true;
            } else if (a != null && !a.isBlank()) {
                rulesDir = Path.of(a);
            }
        }
        RuleClassifier classifier = new RuleClassifier(new Lexicon(RulesLoader.load(rulesDir)));
        System.out.println("Classifier " + classifier.version());
        System.out.println("=== Labelled corpus (rules tuned on it) ===");
        System.out.print(Evaluation.run(classifier, Corpus.load()).report(errors));
        System.out.println();
        System.out.println("=== Hold-out 1 (scored once unseen, then used to generalise the rules) ===");
        System.out.print(Evaluation.run(classifier, Corpus.holdout()).report(errors));
        System.out.println();
        System.out.println("=== Hold-out 2 (scored once unseen; the alarm cues were written after reading its errors) ===");
        System.out.print(Evaluation.run(classifier, Corpus.holdout2()).report(errors));
    }

    private Evaluate() {
    }
}
