package io.dmdesk.triage.model;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.math.la.DenseMatrix;

/**
 * A trained Tribuo logistic-regression model turned into a compact feature -> weights table, for the hot path: no
 * Tribuo objects per message. Gives the same probabilities as Tribuo's own {@code predict} (LinearScorerTest checks
 * it), plus the features that pushed a class most, for reasons.
 *
 * <p>Layout, because memory latency, not arithmetic, is the cost of a message's ~150 lookups: the weights of all
 * features in one {@code float[]} (feature id x classes), and an open-addressing table of 64-bit feature-name hashes
 * to ids ({@code long[]} and {@code int[]}, load at most 0.5). A lookup is one probe into contiguous arrays and one
 * read of the row, instead of a HashMap's bucket, node, key string and its bytes, and a separate row object. Names are
 * not compared at run time: the build refuses two model features with the same hash, and an unseen feature matching
 * a model feature's 64-bit hash (about 1 in 10^15 per lookup) would add that feature's weight.
 */
public final class LinearScorer {

    private final String[] labels;
    private final String[] names;
    private final float[] weights;
    private final float[] bias;
    private final int classes;
    private final long[] keys;
    private final int[] ids;
    private final int mask;

    private LinearScorer(String[] labels, String[] names, float[] weights, float[] bias) {
        this.labels = labels;
        this.names = names;
        this.weights = weights;
        this.bias = bias;
        this.classes = labels.length;
        int cap = Integer.highestOneBit(Math.max(16, names.length * 2) - 1) << 1;
        this.keys = new long[cap];
        this.ids = new int[cap];
        this.mask = cap - 1;
        Arrays.fill(ids, -1);
        for (int id = 0; id < names.length; id++) {
            long h = hash(names[id]);
            int slot = (int) h & mask;
            while (ids[slot] >= 0) {
                if (keys[slot] == h) {
                    throw new IllegalStateException(
                            "model features " + names[ids[slot]] + " and " + names[id] + " have the same 64-bit hash");
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = h;
            ids[slot] = id;
        }
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
        String[] names = new String[features.size()];
        float[] weights = new float[features.size() * classes];
        for (VariableInfo info : features) {
            int id = ((VariableIDInfo) info).getID();
            names[id] = info.getName();
            for (int k = 0; k < classes; k++) {
                weights[id * classes + k] = (float) (byRow ? w.get(k, id) : w.get(id, k));
            }
        }
        float[] bias = new float[classes];
        int biasIndex = features.size();
        for (int k = 0; k < classes; k++) {
            bias[k] = (float) (byRow ? w.get(k, biasIndex) : w.get(biasIndex, k));
        }
        return new LinearScorer(labels, names, weights, bias);
    }

    /** FNV-1a over the UTF-16 units, finished with a 64-bit mix (murmur3's fmix64). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** The feature's id in this model, or -1 when the model has no weight for it. */
    public int id(String feature) {
        long h = hash(feature);
        int slot = (int) h & mask;
        int id;
        while ((id = ids[slot]) >= 0 && keys[slot] != h) {
            slot = (slot + 1) & mask;
        }
        return id;
    }

    /** Each feature occurrence's id (-1 where the model has none): one probe per occurrence. */
    public int[] ids(List<String> features) {
        int[] out = new int[features.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(features.get(i));
        }
        return out;
    }

    /** True when both models number the same features the same way, so one lookup serves both. */
    public boolean sameFeatures(LinearScorer other) {
        return Arrays.equals(names, other.names);
    }

    /** Feeds labels, features and weights, in a fixed order, to a digest: the model's identity. */
    void digest(MessageDigest sha) {
        ByteBuffer buf = ByteBuffer.allocate(4 * labels.length);
        for (String l : labels) {
            sha.update(l.getBytes(StandardCharsets.UTF_8));
        }
        for (float b : bias) {
            buf.putFloat(b);
        }
        sha.update(buf.array());
        Integer[] order = new Integer[names.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
        for (int id : order) {
            sha.update(names[id].getBytes(StandardCharsets.UTF_8));
            buf.clear();
            for (int k = 0; k < classes; k++) {
                buf.putFloat(weights[id * classes + k]);
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
        return names.length;
    }

    /** Softmax probabilities per label (in {@link #labels()} order) of a message's features. */
    public double[] probabilities(List<String> features) {
        return probabilities(ids(features), Features.values(features));
    }

    /**
     * As {@link #probabilities(List)}, with the features' {@link #ids ids} and {@link Features#values values}
     * computed once by the caller (the hot path looks each feature up once for both models and the reasons).
     */
    public double[] probabilities(int[] id, double[] value) {
        double[] score = new double[classes];
        for (int k = 0; k < classes; k++) {
            score[k] = bias[k];
        }
        for (int i = 0; i < value.length; i++) {
            if (id[i] >= 0) {
                int row = id[i] * classes;
                double v = value[i];
                for (int k = 0; k < classes; k++) {
                    score[k] += weights[row + k] * v;
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double s : score) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            score[k] = Math.exp(score[k] - max);
            sum += score[k];
        }
        for (int k = 0; k < classes; k++) {
            score[k] /= sum;
        }
        return score;
    }

    /**
     * The features that moved the score of {@code label} most above the average of the others, strongest first,
     * as {@code feature +weight} (summed over a feature's occurrences; ties in the order the features came).
     */
    public List<String> strongest(List<String> features, int[] id, double[] value, String label, int limit) {
        int k = indexOf(label);
        int n = value.length;
        // Occurrences of one feature share its id: group them in a small open-addressing table (no boxing, no
        // per-message HashMap), summing each feature's push at its first occurrence.
        int cap = Integer.highestOneBit(Math.max(8, n * 2) - 1) << 1;
        int[] slot = new int[cap];
        Arrays.fill(slot, -1);
        double[] push = new double[n];
        boolean[] head = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (id[i] < 0) {
                continue;
            }
            int row = id[i] * classes;
            double others = 0;
            for (int j = 0; j < classes; j++) {
                if (j != k) {
                    others += weights[row + j];
                }
            }
            double c = (weights[row + k] - others / (classes - 1)) * value[i];
            int h = (id[i] * 0x9E3779B1) >>> 7 & (cap - 1);
            while (slot[h] >= 0 && id[slot[h]] != id[i]) {
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
