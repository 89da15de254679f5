package io.dmdesk.triage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dmdesk.triage.classify.RuleClassifier;
import io.dmdesk.triage.eval.Corpus;
import io.dmdesk.triage.training.ModelTraining;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/** The hot-path scorer must give exactly what Tribuo's own prediction gives for the same model and features. */
class LinearScorerTest {

    @Test
    void scorerAgreesWithTribuosPredictionOnEveryCorpusMessage() {
        List<ModelTraining.Prepared> prepared = ModelTraining.prepare(Corpus.load(), RuleClassifier.bundled());
        Properties settings = new Properties();
        settings.setProperty("train.epochs", "3");
        settings.setProperty("train.min-count", "1");
        ModelTraining.Trained trained = ModelTraining.train(prepared, settings);
        LinearScorer scorer = LinearScorer.of(trained.urgency());
        for (ModelTraining.Prepared p : prepared.subList(0, 120)) {
            Map<String, Double> counts = new LinkedHashMap<>();
            double[] value = Features.values(p.features());
            for (int i = 0; i < value.length; i++) {
                counts.merge(p.features().get(i), value[i], Double::sum);
            }
            ArrayExample<Label> example = new ArrayExample<>(
                    new Label("UNKNOWN"),
                    counts.keySet().toArray(String[]::new),
                    counts.values().stream().mapToDouble(Double::doubleValue).toArray());
            Prediction<Label> tribuo = trained.urgency().predict(example);
            double[] ours = scorer.probabilities(p.features());
            for (String label : scorer.labels()) {
                assertThat(ours[scorer.indexOf(label)])
                        .as(p.example().id() + " " + label)
                        .isCloseTo(tribuo.getOutputScores().get(label).getScore(), within(1e-4));
            }
        }
    }
}
