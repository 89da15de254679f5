package io.dmdesk.triage.classify;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.triage.model.Features;
import io.dmdesk.triage.model.LinearScorer;
import io.dmdesk.triage.model.TriageModels;
import java.util.ArrayList;
import java.util.List;

/**
 * The product's classifier: the explainable rules ({@link RuleClassifier}: lexicons, check-digit personal-data
 * recognisers, language) and, on top, learned urgency and category models that read the rules' findings together
 * with the words, stems and character n-grams of the redacted text ({@link Features}). The rules give the model
 * what they know (harm, immediacy, past, vulnerability, intent, jest, ...); the model weighs it against wording
 * nobody wrote a rule for.
 *
 * <p>Urgency is decided recall first ({@link TriageModels.Policy}): probable danger is an EMERGENCY; uncertain
 * danger, or a rule's emergency the model doubts, is a POSSIBLE_EMERGENCY (alerted, advice first, pinned for an
 * operator to confirm within a minute); otherwise URGENT when its probability reaches the policy's bar, else the
 * more probable of ROUTINE and NON_CRIME. The category is the model's most probable one. Every decision says why:
 * the probabilities, the features that pushed it most, and the rules' own decision and reasons.
 */
public final class TriageClassifier implements Classifier {

    /** The code's version; the full version adds the rules' and the model's fingerprints. */
    public static final String CODE_VERSION = "hybrid-3.1";

    private static final int EXPLAIN = 5;

    private final RuleClassifier rules;
    private final TriageModels models;
    private final String version;
    private final int emergency;
    private final int urgent;
    private final int routine;
    private final int nonCrime;

    public TriageClassifier(RuleClassifier rules, TriageModels models) {
        this.rules = rules;
        this.models = models;
        this.version = CODE_VERSION + "+" + rules.lexiconFingerprint() + "+m" + models.fingerprint();
        LinearScorer u = models.urgency();
        this.emergency = index(u, Urgency.EMERGENCY);
        this.urgent = index(u, Urgency.URGENT);
        this.routine = index(u, Urgency.ROUTINE);
        this.nonCrime = index(u, Urgency.NON_CRIME);
    }

    /** The bundled rules and models, for tools and tests. */
    public static TriageClassifier bundled() {
        return new TriageClassifier(RuleClassifier.bundled(), TriageModels.bundled());
    }

    private static int index(LinearScorer scorer, Urgency u) {
        int i = scorer.indexOf(u.name());
        if (i < 0) {
            throw new IllegalStateException("the urgency model has no class " + u);
        }
        return i;
    }

    public String version() {
        return version;
    }

    public TriageModels models() {
        return models;
    }

    /** The model's urgency probabilities, in {@link Urgency} order of EMERGENCY, URGENT, ROUTINE, NON_CRIME. */
    public record Scores(double emergency, double urgent, double routine, double nonCrime) {}

    @Override
    public Classification classify(String text, Channel channel) {
        RuleClassifier.Analysis a = rules.analyse(text, channel);
        List<String> features =
                Features.list(a.redactedText(), new Features.RuleView(a.evidence()), a.language(), channel);
        double[] values = Features.values(features);
        int[] urgencyRows = new int[values.length];
        int[] categoryRows = new int[values.length];
        models.ids(features, urgencyRows, categoryRows);
        double[] pu = models.urgency().probabilities(urgencyRows, values);
        Scores scores = new Scores(pu[emergency], pu[urgent], pu[routine], pu[nonCrime]);
        Urgency urgency = decide(scores, a.ruleUrgency());
        double[] pc = models.category().probabilities(categoryRows, values);
        int best = 0;
        for (int i = 1; i < pc.length; i++) {
            if (pc[i] > pc[best]) {
                best = i;
            }
        }
        Category category = Category.valueOf(models.category().labels()[best]);

        // Concatenation rather than String.format: these two lines are a third of the learned layer's cost otherwise.
        List<String> reasons = new ArrayList<>();
        String pushed =
                urgency == Urgency.POSSIBLE_EMERGENCY || urgency == Urgency.EMERGENCY ? "EMERGENCY" : urgency.name();
        reasons.add("urgency:" + urgency + " " + why(urgency, scores, a.ruleUrgency())
                + " [model P(EMERGENCY)=" + p2(scores.emergency()) + " URGENT=" + p2(scores.urgent())
                + " ROUTINE=" + p2(scores.routine()) + " NON_CRIME=" + p2(scores.nonCrime())
                + "; rules " + a.ruleUrgency() + "]"
                + " features " + quoted(models.urgency().strongest(features, urgencyRows, values, pushed, EXPLAIN)));
        reasons.add("category:" + category + " model P=" + p2(pc[best]) + " (rules " + a.ruleCategory()
                + ") features "
                + quoted(models.category().strongest(features, categoryRows, values, category.name(), EXPLAIN)));
        for (String r : a.ruleReasons()) {
            reasons.add("rules " + r);
        }
        return rules.complete(a, urgency, category, reasons, version);
    }

    Urgency decide(Scores s, Urgency ruleUrgency) {
        TriageModels.Policy p = models.policy();
        boolean ruleEmergency = ruleUrgency == Urgency.EMERGENCY;
        if (s.emergency() >= p.emergencyAt() || ruleEmergency && s.emergency() >= p.ruleEmergencyAt()) {
            return Urgency.EMERGENCY;
        }
        if (s.emergency() >= p.possibleAt() || ruleEmergency && s.emergency() >= p.rulePossibleAt()) {
            return Urgency.POSSIBLE_EMERGENCY;
        }
        if (s.urgent() >= p.urgentAt()) {
            return Urgency.URGENT;
        }
        double top = Math.max(s.urgent(), Math.max(s.routine(), s.nonCrime()));
        return top == s.urgent() ? Urgency.URGENT : top == s.routine() ? Urgency.ROUTINE : Urgency.NON_CRIME;
    }

    private static String p2(double p) {
        return LinearScorer.fixed2(p);
    }

    private static String why(Urgency u, Scores s, Urgency rule) {
        return switch (u) {
            case EMERGENCY -> "danger probable";
            case POSSIBLE_EMERGENCY ->
                rule == Urgency.EMERGENCY && s.emergency() < 0.5
                        ? "the rules found an emergency the model doubts: an operator confirms"
                        : "danger likely but uncertain: an operator confirms";
            default -> "most probable";
        };
    }

    /** Model features as reasons: quoted, so erasure removes the words of a report's reasons with its text. */
    private static String quoted(List<String> features) {
        List<String> out = new ArrayList<>(features.size());
        for (String f : features) {
            int space = f.lastIndexOf(' ');
            out.add("\"" + f.substring(0, space) + "\"" + f.substring(space));
        }
        return out.toString();
    }
}
