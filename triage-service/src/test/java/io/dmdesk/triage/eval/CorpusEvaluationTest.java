package io.dmdesk.triage.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.triage.classify.RuleClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bars stated in triage-service/README.md. A lexicon change that lowers emergency recall or personal-data
 * recall on the labelled corpus below them fails the build; the printed report says where.
 */
class CorpusEvaluationTest {

    static final double EMERGENCY_RECALL_BAR = 0.95;
    static final double PII_RECALL_BAR = 0.90;
    static final double URGENCY_ACCURACY_BAR = 0.85;
    static final double CATEGORY_ACCURACY_BAR = 0.80;

    private static Evaluation evaluation;

    @BeforeAll
    static void evaluate() {
        evaluation = Evaluation.run(RuleClassifier.bundled(), Corpus.load());
        System.out.println(evaluation.report(false));
    }

    @Test
    void corpusIsBigEnoughAndCoversAllLanguages() {
        assertThat(evaluation.examples).isGreaterThanOrEqualTo(400);
        assertThat(evaluation.language.keySet()).contains("en", "nb", "nn");
    }

    @Test
    void emergencyRecallStaysAboveTheBar() {
        assertThat(evaluation.emergencyRecall()).isGreaterThanOrEqualTo(EMERGENCY_RECALL_BAR);
    }

    @Test
    void personalDataRecallStaysAboveTheBar() {
        assertThat(evaluation.piiTotal().recall()).isGreaterThanOrEqualTo(PII_RECALL_BAR);
    }

    @Test
    void urgencyAndCategoryAccuracyDoNotRegress() {
        assertThat((double) evaluation.urgencyCorrect / evaluation.examples)
                .isGreaterThanOrEqualTo(URGENCY_ACCURACY_BAR);
        assertThat((double) evaluation.categoryCorrect / evaluation.examples)
                .isGreaterThanOrEqualTo(CATEGORY_ACCURACY_BAR);
    }
}
