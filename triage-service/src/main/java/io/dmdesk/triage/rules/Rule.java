package io.dmdesk.triage.rules;

import java.util.List;

/**
 * One entry of a rule file: an id, what it signals, and terms (phrases of words; a word ending in {@code *}
 * matches any word it starts, e.g. {@code stab*}; a word {@code ...} skips up to three words).
 *
 * @param implies a category a signal rule also counts for ("kicking my door" is danger and burglary), or null
 */
public record Rule(String id, String group, List<String> terms, int weight, String implies) {

    public Rule {
        terms = List.copyOf(terms);
    }

    public Rule(String id, String group, List<String> terms, int weight) {
        this(id, group, terms, weight, null);
    }
}
