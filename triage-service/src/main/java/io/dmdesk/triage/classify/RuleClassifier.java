package io.dmdesk.triage.classify;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.Sensitivity;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.triage.category.CategoryDecider;
import io.dmdesk.triage.language.LanguageDetector;
import io.dmdesk.triage.pii.PersonalDataScanner;
import io.dmdesk.triage.rules.Evidence;
import io.dmdesk.triage.rules.Lexicon;
import io.dmdesk.triage.rules.Signals;
import io.dmdesk.triage.text.Tokens;
import io.dmdesk.triage.urgency.UrgencyDecider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Language, category, urgency and personal data of one text from the rule files' lexicons. Pure and thread-safe:
 * everything is built once from the lexicon; a call allocates only its own results.
 */
public class RuleClassifier implements Classifier {

    /** The code's version; the full version adds a fingerprint of the rules in force. */
    public static final String CODE_VERSION = "rules-2.0";

    private final Lexicon lexicon;
    private final CategoryDecider categories = new CategoryDecider();
    private final UrgencyDecider urgencies = new UrgencyDecider();
    private final LanguageDetector languages = new LanguageDetector();
    private final PersonalDataScanner personalData;
    private final SpecialCategories special = new SpecialCategories();
    private final String version;

    public RuleClassifier(Lexicon lexicon) {
        this.lexicon = lexicon;
        this.personalData = new PersonalDataScanner(lexicon);
        this.version = CODE_VERSION + "+" + lexicon.fingerprint();
    }

    /** The bundled rules, for tools and tests. */
    public static RuleClassifier bundled() {
        return new RuleClassifier(Lexicon.bundled());
    }

    public String version() {
        return version;
    }

    /** A CRC of every rule in force, bundled or a force's own. */
    public String lexiconFingerprint() {
        return lexicon.fingerprint();
    }

    /** The text with personal-data spans blanked out (same length, so nothing else moves). */
    private static String masked(String text, List<EntitySpan> entities) {
        char[] chars = text.toCharArray();
        for (EntitySpan s : entities) {
            if (!s.type().equals("PERSON") && !s.type().equals("ADDRESS")) {
                Arrays.fill(chars, s.start(), s.end(), ' ');
            }
        }
        return new String(chars);
    }

    /**
     * What the rules see in a text: personal data, lexicon evidence, language, and the rules' own urgency and
     * category with their reasons. The learned layer ({@link TriageClassifier}) builds on it.
     *
     * @param ruleReasons the urgency reasons first, then the category reason
     */
    public record Analysis(
            String text,
            Channel channel,
            List<EntitySpan> entities,
            Evidence evidence,
            String language,
            Urgency ruleUrgency,
            Category ruleCategory,
            boolean joking,
            List<String> ruleReasons,
            String redactedText) {}

    public Analysis analyse(String text, Channel channel) {
        // Personal data first: lexicon words inside an e-mail address or a name ("cheap.tickets@...") are not evidence.
        List<EntitySpan> entities = personalData.find(text);
        Tokens tokens = Tokens.of(entities.isEmpty() ? text : masked(text, entities));
        Evidence evidence = lexicon.evidence(tokens);
        String language = languages.detect(tokens, text);

        CategoryDecider.Decision category = categories.decide(evidence);
        UrgencyDecider.Decision urgency = urgencies.decide(evidence, category);
        Category chosen = category.category();
        List<String> reasons = new ArrayList<>(urgency.reasons());
        if (urgency.urgency() == Urgency.NON_CRIME
                && evidence.has(Signals.HYPOTHETICAL)
                && !CategoryDecider.NON_CRIME.contains(chosen)) {
            reasons.add(category.reason() + ", asked hypothetically: GENERAL_ENQUIRY");
            chosen = Category.GENERAL_ENQUIRY;
        } else if (urgency.joking() && !CategoryDecider.NON_CRIME.contains(chosen)) {
            reasons.add(category.reason() + ", said in jest: OTHER");
            chosen = Category.OTHER;
        } else {
            reasons.add(category.reason());
        }
        return new Analysis(
                text,
                channel,
                entities,
                evidence,
                language,
                urgency.urgency(),
                chosen,
                urgency.joking(),
                List.copyOf(reasons),
                PersonalDataScanner.redact(text, entities));
    }

    @Override
    public Classification classify(String text, Channel channel) {
        Analysis a = analyse(text, channel);
        return complete(a, a.ruleUrgency(), a.ruleCategory(), a.ruleReasons(), version);
    }

    /** The classification for a decided urgency and category: sensitivity, flags and the remaining reasons. */
    Classification complete(
            Analysis a, Urgency urgency, Category category, List<String> decisionReasons, String version) {
        List<String> reasons = new ArrayList<>(decisionReasons);
        List<String> flags = special.flags(a.evidence(), a.entities(), category, reasons);
        Sensitivity sensitivity = !flags.isEmpty()
                ? Sensitivity.SPECIAL
                : a.entities().isEmpty() ? Sensitivity.NONE : Sensitivity.PERSONAL;
        if (!a.entities().isEmpty()) {
            reasons.add("pii "
                    + a.entities().stream()
                            .map(e -> e.type() + "(" + e.recogniser() + ")")
                            .distinct()
                            .toList());
        }
        reasons.add("sensitivity:" + sensitivity);
        reasons.add("language:" + a.language());
        if (a.channel() == Channel.PUBLIC && sensitivity != Sensitivity.NONE) {
            reasons.add("public mention carries personal data: reply privately, never repeat it");
        }
        return new Classification(
                urgency,
                category,
                sensitivity,
                a.language(),
                a.entities(),
                flags,
                a.redactedText(),
                List.copyOf(reasons),
                version);
    }
}
