package io.dmdesk.triage.category;

import io.dmdesk.contracts.Category;
import io.dmdesk.triage.rules.Evidence;
import io.dmdesk.triage.rules.Hit;
import io.dmdesk.triage.rules.Signals;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the category with the highest score: each distinct term adds its rule's weight, at most
 * {@link #TERMS_PER_RULE} terms per rule, so several pieces of evidence beat one. Ties go to the
 * more specific category ({@link #PRIORITY}): "he punched me and took my phone" is a robbery, not violence or
 * theft. Combinations the lexicon alone cannot express are here: a partner plus harm is domestic abuse.
 */
public final class CategoryDecider {

    /** Most specific first; also the tie-break order. */
    static final List<Category> PRIORITY = List.of(
            Category.SEXUAL_OFFENCE,
            Category.DOMESTIC_ABUSE,
            Category.HATE_CRIME,
            Category.ROBBERY,
            Category.BURGLARY,
            Category.MISSING_PERSON,
            Category.CONCERN_FOR_WELFARE,
            Category.WEAPONS,
            Category.VIOLENCE,
            Category.VEHICLE_CRIME,
            Category.ONLINE_ABUSE,
            Category.THREAT_HARASSMENT,
            Category.FRAUD_SCAM,
            Category.THEFT,
            Category.CRIMINAL_DAMAGE,
            Category.DRUGS,
            Category.ROAD_TRAFFIC,
            Category.ANTISOCIAL_BEHAVIOUR,
            Category.LOST_FOUND_PROPERTY,
            Category.SPAM,
            Category.FEEDBACK,
            Category.GENERAL_ENQUIRY,
            Category.OTHER);

    /** Categories that are not crimes: without urgency cues they make the message NON_CRIME. */
    public static final Set<Category> NON_CRIME = EnumSet.of(
            Category.LOST_FOUND_PROPERTY, Category.GENERAL_ENQUIRY, Category.FEEDBACK, Category.SPAM, Category.OTHER);

    private static final Set<Category> HARM = EnumSet.of(
            Category.VIOLENCE,
            Category.THREAT_HARASSMENT,
            Category.SEXUAL_OFFENCE,
            Category.WEAPONS,
            Category.CRIMINAL_DAMAGE);

    static final int TERMS_PER_RULE = 3;

    public record Decision(Category category, int score, String reason) {}

    public Decision decide(Evidence e) {
        Map<Category, Integer> scores = new EnumMap<>(Category.class);
        Map<Category, Set<String>> rules = new EnumMap<>(Category.class);
        e.byGroup().forEach((group, hits) -> {
            if (group.startsWith(Signals.CATEGORY_PREFIX)) {
                Category c = Category.valueOf(group.substring(Signals.CATEGORY_PREFIX.length()));
                Set<String> seen = rules.computeIfAbsent(c, k -> new HashSet<>());
                Map<String, Integer> perRule = new HashMap<>();
                for (Hit h : hits) {
                    if (seen.add(h.ruleId() + "|" + h.term())
                            && perRule.merge(h.ruleId(), 1, Integer::sum) <= TERMS_PER_RULE) {
                        scores.merge(c, h.weight(), Integer::sum);
                    }
                }
            }
        });
        // Signal rules that name a category count for it ("kicking my door" is burglary), once per term.
        Set<String> implied = new HashSet<>();
        e.byGroup().forEach((group, hits) -> {
            if (!group.startsWith(Signals.CATEGORY_PREFIX)) {
                for (Hit h : hits) {
                    if (h.implies() != null && implied.add(h.ruleId() + "|" + h.term())) {
                        scores.merge(Category.valueOf(h.implies()), 2, Integer::sum);
                    }
                }
            }
        });
        // Signals that imply a category even when the category lexicon is silent.
        if (e.has(Signals.SELF_HARM) || e.has(Signals.WELFARE)) {
            scores.merge(Category.CONCERN_FOR_WELFARE, 2, Integer::sum);
        }
        if (e.has(Signals.MISSING)) {
            scores.merge(Category.MISSING_PERSON, 3, Integer::sum);
        }
        boolean harm = HARM.stream().anyMatch(scores::containsKey)
                || e.has(Signals.DANGER)
                || e.has(Signals.DANGER_NOW)
                || e.has(Signals.FEAR);
        String partnerNote = "";
        // A partner who harms is domestic abuse; a partner who is at risk of self-harm is a welfare concern.
        if (e.has(Signals.PARTNER)
                && harm
                && !scores.containsKey(Category.SEXUAL_OFFENCE)
                && !e.has(Signals.SELF_HARM)) {
            int top = scores.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            scores.merge(Category.DOMESTIC_ABUSE, top + 1, Integer::sum);
            partnerNote = " partner " + e.describe(Signals.PARTNER) + " + harm";
        }
        if (scores.isEmpty()) {
            if (e.has(Signals.QUESTION) || e.has(Signals.HYPOTHETICAL)) {
                return new Decision(
                        Category.GENERAL_ENQUIRY,
                        0,
                        "category:GENERAL_ENQUIRY question without crime terms " + e.describe(Signals.QUESTION)
                                + e.describe(Signals.HYPOTHETICAL));
            }
            return new Decision(Category.OTHER, 0, "category:OTHER no category terms");
        }
        Category best = null;
        int bestScore = 0;
        for (Category c : PRIORITY) {
            int s = scores.getOrDefault(c, 0);
            if (s > bestScore) {
                best = c;
                bestScore = s;
            }
        }
        String terms = e.has(Signals.CATEGORY_PREFIX + best.name())
                ? " " + e.describe(Signals.CATEGORY_PREFIX + best.name())
                : "";
        return new Decision(best, bestScore, "category:" + best + " score " + bestScore + terms + partnerNote);
    }
}
