package io.dmdesk.triage.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.tribuo.Model;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

/**
 * The learned urgency and category models with the decision policy they were tuned with, read once at start-up:
 * bundled ({@code classpath:triage/model/}, trained by the build from the labelled data in the repository) or a
 * force's own directory ({@code triage.model-dir}) with the same three files:
 * {@code urgency.tribuo}, {@code category.tribuo} (Tribuo protobuf models) and {@code model.properties} (policy,
 * training data and settings). Its {@link #fingerprint()} is part of every decision's classifier version, so a
 * decision names the exact model that made it, and a roll-back is pointing at the previous directory.
 */
public final class TriageModels {

    public static final String URGENCY_FILE = "urgency.tribuo";
    public static final String CATEGORY_FILE = "category.tribuo";
    public static final String MANIFEST_FILE = "model.properties";
    static final String BUNDLED = "triage/model/";

    private final LinearScorer urgency;
    private final LinearScorer category;
    private final Policy policy;
    private final Properties manifest;
    private final String fingerprint;
    /** Whether one lookup serves both models (they were trained on the same features, as the build does). */
    private final boolean shared;

    private TriageModels(
            LinearScorer urgency, LinearScorer category, Policy policy, Properties manifest, String fingerprint) {
        this.urgency = urgency;
        this.category = category;
        this.policy = policy;
        this.manifest = manifest;
        this.fingerprint = fingerprint;
        this.shared = urgency.sameFeatures(category);
    }

    /**
     * Each feature occurrence's id in the urgency and in the category model (-1 where a model has none): one probe
     * per occurrence when both models share their features.
     */
    public void ids(List<String> features, int[] urgencyIds, int[] categoryIds) {
        for (int i = 0; i < urgencyIds.length; i++) {
            String f = features.get(i);
            urgencyIds[i] = urgency.id(f);
            categoryIds[i] = shared ? urgencyIds[i] : category.id(f);
        }
    }

    /**
     * How model probabilities become an urgency (see TriageClassifier): recall first, so uncertain danger is a
     * POSSIBLE_EMERGENCY rather than a routine report.
     *
     * @param emergencyAt     P(EMERGENCY) at or above which the report is an EMERGENCY
     * @param ruleEmergencyAt P(EMERGENCY) at or above which a rule's EMERGENCY is confirmed as one
     * @param possibleAt      P(EMERGENCY) at or above which it is a POSSIBLE_EMERGENCY
     * @param rulePossibleAt  P(EMERGENCY) at or above which a rule's EMERGENCY is at least a POSSIBLE_EMERGENCY (the
     *                        model's veto on a rule that fired on words alone, e.g. "knife" in a question; 0 makes
     *                        every rule emergency at least possible)
     * @param urgentAt        P(URGENT) at or above which a report that is no emergency is URGENT
     */
    public record Policy(
            double emergencyAt, double ruleEmergencyAt, double possibleAt, double rulePossibleAt, double urgentAt) {

        public static Policy of(Properties p) {
            return new Policy(
                    number(p, "policy.emergency-at"),
                    number(p, "policy.rule-emergency-at"),
                    number(p, "policy.possible-at"),
                    optional(p, "policy.rule-possible-at"),
                    number(p, "policy.urgent-at"));
        }

        private static double optional(Properties p, String key) {
            return p.getProperty(key) == null ? 0 : number(p, key);
        }

        private static double number(Properties p, String key) {
            String v = p.getProperty(key);
            if (v == null) {
                throw new IllegalStateException("model.properties lacks " + key);
            }
            double d = Double.parseDouble(v.trim());
            if (!(d >= 0 && d <= 1)) {
                throw new IllegalStateException("model.properties " + key + " must be between 0 and 1, was " + v);
            }
            return d;
        }
    }

    public static TriageModels bundled() {
        ClassLoader cl = TriageModels.class.getClassLoader();
        try {
            return read(
                    resource(cl, URGENCY_FILE),
                    resource(cl, CATEGORY_FILE),
                    resource(cl, MANIFEST_FILE),
                    "classpath:" + BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A force's own models; a missing or unreadable file stops start-up naming it. */
    public static TriageModels from(Path dir) {
        try {
            return read(file(dir, URGENCY_FILE), file(dir, CATEGORY_FILE), file(dir, MANIFEST_FILE), dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(ClassLoader cl, String name) throws IOException {
        try (InputStream in = cl.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + BUNDLED + name + " is missing: the build trains the "
                        + "triage models (triage-service, phase process-classes); build with ./mvnw package");
            }
            return in.readAllBytes();
        }
    }

    private static byte[] file(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.isReadable(f)) {
            throw new IllegalStateException("triage.model-dir: " + f + " is missing or unreadable (a model directory "
                    + "holds " + URGENCY_FILE + ", " + CATEGORY_FILE + " and " + MANIFEST_FILE + ")");
        }
        return Files.readAllBytes(f);
    }

    private static TriageModels read(byte[] urgency, byte[] category, byte[] manifest, String source)
            throws IOException {
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(manifest));
        LinearScorer u = scorer(urgency, source + URGENCY_FILE);
        LinearScorer c = scorer(category, source + CATEGORY_FILE);
        // Tribuo's files carry the training time in their provenance, so the bytes differ on every training; the
        // weights and the policy do not, so they are what identifies a model.
        return new TriageModels(u, c, Policy.of(p), p, fingerprint(u, c, Policy.of(p)));
    }

    private static LinearScorer scorer(byte[] bytes, String source) throws IOException {
        Model<?> model = Model.deserializeFromStream(new ByteArrayInputStream(bytes));
        if (!(model instanceof LinearSGDModel linear)) {
            throw new IllegalStateException(source + " is not a Tribuo linear classification model");
        }
        return LinearScorer.of(linear);
    }

    static String fingerprint(LinearScorer urgency, LinearScorer category, Policy policy) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            urgency.digest(sha);
            category.digest(sha);
            sha.update(policy.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public LinearScorer urgency() {
        return urgency;
    }

    public LinearScorer category() {
        return category;
    }

    public Policy policy() {
        return policy;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** What the model was trained on and with, for the evaluate command and operators. */
    public String describe() {
        return "model " + fingerprint + " (" + manifest.getProperty("trained.examples", "?") + " examples, "
                + urgency.features() + " urgency / " + category.features() + " category features)";
    }
}
