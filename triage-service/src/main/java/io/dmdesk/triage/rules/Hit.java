package io.dmdesk.triage.rules;

/**
 * One lexicon term found in a message.
 *
 * @param group     what the term signals: a signal name ("danger"), "category:THEFT" or "special:HEALTH"
 * @param ruleId    the rule's id, prefixed with its file's language ("en:weapon-out"), for reasons
 * @param term      the term as written in the rule file (never message text, so it is safe in reasons and logs)
 * @param first     index of the first matched word
 * @param last      index of the last matched word (inclusive)
 * @param weight    the rule's weight (categories score by it)
 */
public record Hit(String group, String ruleId, String term, int first, int last, int weight, String implies) {

    public boolean overlaps(Hit other) {
        return first <= other.last && other.first <= last;
    }

    /** For reasons: {@code en:weapon-out "has a knife"}. */
    public String describe() {
        return ruleId + " \"" + term + "\"";
    }
}
