package io.dmdesk.triage.model;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** The names of the features the model has weights for. */
    public java.util.Set<String> featureNames() {
        return java.util.Collections.unmodifiableSet(weights.keySet());
    }

    public int features() {
        return weights.size();
    }

    /** The weights row of a feature (one weight per label, in {@link #labels()} order), or null if it has none. */
    public float[] row(String feature) {
        return weights.get(feature);
    }

    /** Each feature occurrence's weights row (null where the model has none): one lookup per occurrence. */
    public float[][] rows(List<String> features) {
        float[][] rows = new float[features.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = weights.get(features.get(i));
        }
        return rows;
    }

    /** Softmax probabilities per label (in {@link #labels()} order) of a message's features. */
    public double[] probabilities(List<String> features) {
        return probabilities(rows(features), Features.values(features));
    }

    /**
     * As {@link #probabilities(List)}, with the features' {@link #rows rows} and {@link Features#values values}
     * computed once by the caller (the hot path looks each feature up once for both models and the reasons).
     */
    public double[] probabilities(float[][] rows, double[] value) {
        double[] score = new double[labels.length];
        for (int k = 0; k < score.length; k++) {
            score[k] = bias[k];
        }
        for (int i = 0; i < value.length; i++) {
            float[] w = rows[i];
            if (w != null) {
                double v = value[i];
                for (int k = 0; k < score.length; k++) {
                    score[k] += w[k] * v;
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
     * as {@code feature +weight} (summed over a feature's occurrences; ties in the order the features came).
     */
    public List<String> strongest(List<String> features, float[][] rows, double[] value, String label, int limit) {
        int k = indexOf(label);
        int n = value.length;
        // Occurrences of one feature share one row object: group them by identity in a small open-addressing table
        // (no boxing, no per-message HashMap), summing each feature's push at its first occurrence.
        int cap = Integer.highestOneBit(Math.max(8, n * 2) - 1) << 1;
        int[] slot = new int[cap];
        Arrays.fill(slot, -1);
        double[] push = new double[n];
        boolean[] head = new boolean[n];
        for (int i = 0; i < n; i++) {
            float[] w = rows[i];
            if (w == null) {
                continue;
            }
            double others = 0;
            for (int j = 0; j < w.length; j++) {
                if (j != k) {
                    others += w[j];
                }
            }
            double c = (w[k] - others / (w.length - 1)) * value[i];
            int h = System.identityHashCode(w) & (cap - 1);
            while (slot[h] >= 0 && rows[slot[h]] != w) {
                h = (h + 1) & (cap - 1);
            }
            if (slot[h] < 0) {
                slot[h] = i;
                head[i] = true;
                push[i] = c;
            } else {
                push[slot[h]] += c;
            }
        }
        List<String> out = new ArrayList<>(limit);
        while (out.size() < limit) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (head[i] && push[i] > 0 && (best < 0 || push[i] > push[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            out.add(features.get(best) + " " + signed(push[best]));
            head[best] = false;
        }
        return out;
    }

    /** {@code %+.2f} without a Formatter (the hot path formats ten of these per message). */
    static String signed(double v) {
        return (v < 0 ? "-" : "+") + fixed2(Math.abs(v));
    }

    /** {@code %.2f} of a non-negative number, without a Formatter. */
    public static String fixed2(double v) {
        long c = Math.round(v * 100);
        long frac = c % 100;
        return (c / 100) + (frac < 10 ? ".0" : ".") + frac;
    }
}
