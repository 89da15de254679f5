package io.dmdesk.triage.rules;

import java.util.List;

/**
 * One entry of a rule file: an id, what it signals, and terms (phrases of words; a word ending in {@code *}
 * matches any word it starts, e.g. {@code stab*}).
 */
public record Rule(String id, String group, List<String> terms, int weight) {

    public Rule {
        terms = List.copyOf(terms);
    }
}
