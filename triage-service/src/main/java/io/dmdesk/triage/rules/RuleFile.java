package io.dmdesk.triage.rules;

import java.util.List;
import java.util.Map;

/**
 * One parsed rule file ({@code rules-en.yml}): its language, its rules (signals, categories, special-category
 * flags) and the context words the personal-data recognisers use (name cues, street words, ...).
 */
public record RuleFile(String name, String language, List<Rule> rules, Map<String, List<String>> piiContext) {

    public RuleFile {
        rules = List.copyOf(rules);
        piiContext = Map.copyOf(piiContext);
    }
}
