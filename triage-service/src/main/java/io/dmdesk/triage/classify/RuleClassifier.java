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

    /** The text with personal-data spans blanked out (same length, so nothing else moves). */
    private static String masked(String text, List<EntitySpan> entities) {
        char[] chars = text.toCharArray();
        for (EntitySpan s : entities) {
            if (!s.type().equals("PERSON") && !s.type().equals("ADDRESS")) {
                java.util.Arrays.fill(chars, s.start(), s.end(), ' ');
            }
        }
        return new String(chars);
    }

    @Override
    public Classification classify(String text, Channel channel) {
        // Personal data first: lexicon words inside an e-mail address or a name ("cheap.tickets@...") are not evidence.
        List<EntitySpan> entities = personalData.find(text);
        Tokens tokens = Tokens.of(entities.isEmpty() ? text : masked(text, entities));
        Evidence evidence = lexicon.evidence(tokens);
        String language = languages.detect(tokens);

        CategoryDecider.Decision category = categories.decide(evidence);
        UrgencyDecider.Decision urgency = urgencies.decide(evidence, category);
        Category chosen = category.category();
        List<String> reasons = new ArrayList<>(urgency.reasons());
        if (urgency.urgency() == Urgency.NON_CRIME && evidence.has(Signals.HYPOTHETICAL)
                && !CategoryDecider.NON_CRIME.contains(chosen)) {
            reasons.add(category.reason() + ", asked hypothetically: GENERAL_ENQUIRY");
            chosen = Category.GENERAL_ENQUIRY;
        } else if (urgency.joking() && !CategoryDecider.NON_CRIME.contains(chosen)) {
            reasons.add(category.reason() + ", said in jest: OTHER");
            chosen = Category.OTHER;
        } else {
            reasons.add(category.reason());
        }

        List<String> flags = special.flags(evidence, entities, chosen, reasons);
        Sensitivity sensitivity = !flags.isEmpty() ? Sensitivity.SPECIAL
                : entities.isEmpty() ? Sensitivity.NONE : Sensitivity.PERSONAL;
        if (!entities.isEmpty()) {
            reasons.add("pii " + entities.stream().map(e -> e.type() + "(" + e.recogniser() + ")").distinct().toList());
        }
        reasons.add("sensitivity:" + sensitivity);
        reasons.add("language:" + language);
        if (channel == Channel.PUBLIC && sensitivity != Sensitivity.NONE) {
            reasons.add("public mention carries personal data: reply privately, never repeat it");
        }
        return new Classification(urgency.urgency(), chosen, sensitivity, language, entities, flags,
                PersonalDataScanner.redact(text, entities), List.copyOf(reasons), version);
    }
}
