package io.dmdesk.triage.training;

import io.dmdesk.triage.classify.RuleClassifier;
import io.dmdesk.triage.model.Features;
import io.dmdesk.triage.model.LabelledExample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the urgency and the category model: multinomial logistic regression (Tribuo's linear SGD with AdaGrad and
 * parameter averaging) over {@link Features} of each labelled message, as the running classifier computes them
 * (rules, personal-data redaction and language included). Deterministic for the same data, settings and seed.
 *
 * <p>Settings ({@code model.properties}): {@code train.epochs}, {@code train.learning-rate}, {@code train.seed},
 * {@code train.weight.<URGENCY>} (how much an example of that urgency counts: recall first, so emergencies count
 * more) and {@code train.min-count} (features seen in fewer training messages are dropped: a word one author used
 * once teaches nothing general).
 */
public final class ModelTraining {

    /** The two trained models. */
    public record Trained(LinearSGDModel urgency, LinearSGDModel category) {}

    /** One labelled message as the model sees it. */
    public record Prepared(LabelledExample example, List<String> features) {}

    private ModelTraining() {}

    public static List<Prepared> prepare(List<LabelledExample> examples, RuleClassifier rules) {
        List<Prepared> out = new ArrayList<>(examples.size());
        for (LabelledExample x : examples) {
            RuleClassifier.Analysis a = rules.analyse(x.text(), x.channel());
            out.add(new Prepared(
                    x,
                    Features.list(a.redactedText(), new Features.RuleView(a.evidence()), a.language(), x.channel())));
        }
        return out;
    }

    public static Trained train(List<Prepared> prepared, Properties settings) {
        int minCount = integer(settings, "train.min-count", 2);
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (Prepared p : prepared) {
            for (String f : new HashSet<>(p.features())) {
                documentFrequency.merge(f, 1, Integer::sum);
            }
        }
        LinearSGDModel urgency =
                train(prepared, settings, p -> p.example().urgency().name(), documentFrequency, minCount, true);
        LinearSGDModel category =
                train(prepared, settings, p -> p.example().category().name(), documentFrequency, minCount, false);
        return new Trained(urgency, category);
    }

    private static LinearSGDModel train(
            List<Prepared> prepared,
            Properties settings,
            Function<Prepared, String> label,
            Map<String, Integer> documentFrequency,
            int minCount,
            boolean weighted) {
        LabelFactory factory = new LabelFactory();
        List<Example<Label>> examples = new ArrayList<>(prepared.size());
        for (Prepared p : prepared) {
            Map<String, Double> counts = new LinkedHashMap<>();
            double[] value = Features.values(p.features());
            for (int i = 0; i < value.length; i++) {
                String f = p.features().get(i);
                if (documentFrequency.getOrDefault(f, 0) >= minCount) {
                    counts.merge(f, value[i], Double::sum);
                }
            }
            String name = label.apply(p);
            float weight = weighted ? (float) decimal(settings, "train.weight." + name, 1.0) : 1f;
            String[] names = counts.keySet().toArray(String[]::new);
            double[] values =
                    counts.values().stream().mapToDouble(Double::doubleValue).toArray();
            ArrayExample<Label> example = new ArrayExample<>(new Label(name), names, values);
            example.setWeight(weight);
            examples.add(example);
        }
        ListDataSource<Label> source = new ListDataSource<>(
                examples, factory, new SimpleDataSourceProvenance("dmdesk triage labelled messages", factory));
        MutableDataset<Label> dataset = new MutableDataset<>(source);
        LinearSGDTrainer trainer = new LinearSGDTrainer(
                new LogMulticlass(),
                new ParameterAveraging(new AdaGrad(decimal(settings, "train.learning-rate", 0.5), 0.1)),
                integer(settings, "train.epochs", 10),
                -1,
                1,
                integer(settings, "train.seed", 20261206));
        return (LinearSGDModel) trainer.train(dataset);
    }

    static int integer(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        return v == null ? fallback : Integer.parseInt(v.trim());
    }

    static double decimal(Properties p, String key, double fallback) {
        String v = p.getProperty(key);
        return v == null ? fallback : Double.parseDouble(v.trim());
    }
}
