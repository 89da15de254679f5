package io.dmdesk.triage.model;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.math.la.DenseMatrix;

/**
 * A trained Tribuo logistic-regression model turned into a feature -> weights table, for the hot path: one hash
 * lookup per feature occurrence and a softmax, no Tribuo objects per message. Gives the same probabilities as
 * Tribuo's own {@code predict} (ModelTest checks it), plus the features that pushed a class most, for reasons.
 */
public final class LinearScorer {

    private final String[] labels;
    private final Map<String, float[]> weights;
    private final float[] bias;

    private LinearScorer(String[] labels, Map<String, float[]> weights, float[] bias) {
        this.labels = labels;
        this.weights = weights;
        this.bias = bias;
    }

    public static LinearScorer of(LinearSGDModel model) {
        ImmutableFeatureMap features = model.getFeatureIDMap();
        int classes = model.getOutputIDInfo().size();
        String[] labels = new String[classes];
        for (Pair<Integer, Label> p : model.getOutputIDInfo()) {
            labels[p.getA()] = p.getB().getLabel();
        }
        DenseMatrix w = model.getWeightsCopy();
        boolean byRow = w.getDimension1Size() == classes;
        Map<String, float[]> table = new HashMap<>(features.size() * 2);
        for (VariableInfo info : features) {
            int id = ((VariableIDInfo) info).getID();
            float[] v = new float[classes];
            for (int k = 0; k < classes; k++) {
                v[k] = (float) (byRow ? w.get(k, id) : w.get(id, k));
            }
            table.put(info.getName(), v);
        }
        float[] bias = new float[classes];
        int biasIndex = features.size();
        for (int k = 0; k < classes; k++) {
            bias[k] = (float) (byRow ? w.get(k, biasIndex) : w.get(biasIndex, k));
        }
        return new LinearScorer(labels, table, bias);
    }

    /** Feeds labels, features and weights, in a fixed order, to a digest: the model's identity. */
    void digest(java.security.MessageDigest sha) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * labels.length);
        for (String l : labels) {
            sha.update(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (float b : bias) {
            buf.putFloat(b);
        }
        sha.update(buf.array());
        for (String f : new java.util.TreeSet<>(weights.keySet())) {
            sha.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            buf.clear();
            for (float w : weights.get(f)) {
                buf.putFloat(w);
            }
            sha.update(buf.array());
        }
    }

    public String[] labels() {
        return labels.clone();
    }

    public int indexOf(String label) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals(label)) {
                return i;
            }
        }
        return -1;
    }

    public int features() {
        return weights.size();
    }

    /** Softmax probabilities per label (in {@link #labels()} order) of a message's features. */
    public double[] probabilities(List<String> features) {
        return probabilities(features, Features.values(features));
    }

    /** As {@link #probabilities(List)}, with the features' {@link Features#values values} computed once by the caller. */
    public double[] probabilities(List<String> features, double[] value) {
        double[] score = new double[labels.length];
        for (int k = 0; k < score.length; k++) {
            score[k] = bias[k];
        }
        for (int i = 0; i < value.length; i++) {
            float[] w = weights.get(features.get(i));
            if (w != null) {
                for (int k = 0; k < score.length; k++) {
                    score[k] += w[k] * value[i];
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double s : score) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < score.length; k++) {
            score[k] = Math.exp(score[k] - max);
            sum += score[k];
        }
        for (int k = 0; k < score.length; k++) {
            score[k] /= sum;
        }
        return score;
    }

    /**
     * The features that moved the score of {@code label} most above the average of the others, strongest first,
     * as {@code feature +weight} (counted once per occurrence).
     */
    public List<String> strongest(List<String> features, double[] value, String label, int limit) {
        int k = indexOf(label);
        Map<String, Double> push = new HashMap<>();
        for (int i = 0; i < value.length; i++) {
            String f = features.get(i);
            float[] w = weights.get(f);
            if (w != null) {
                double others = 0;
                for (int j = 0; j < w.length; j++) {
                    if (j != k) {
                        others += w[j];
                    }
                }
                push.merge(f, (w[k] - others / (w.length - 1)) * value[i], Double::sum);
            }
        }
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(push.entrySet());
        sorted.removeIf(e -> e.getValue() <= 0);
        sorted.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        List<String> out = new ArrayList<>(limit);
        for (int i = 0; i < Math.min(limit, sorted.size()); i++) {
            out.add(String.format(java.util.Locale.ROOT, "%s %+.2f", sorted.get(i).getKey(), sorted.get(i).getValue()));
        }
        return out;
    }
}
