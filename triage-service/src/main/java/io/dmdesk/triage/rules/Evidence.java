package io.dmdesk.triage.rules;

import java.util.List;
import java.util.Map;

/**
 * The lexicon hits of one message that survived negation and figurative checks, by group, plus what was
 * cancelled and why (operators see both).
 */
public record Evidence(Map<String, List<Hit>> byGroup, List<String> cancelled) {

    public List<Hit> get(String group) {
        return byGroup.getOrDefault(group, List.of());
    }

    public boolean has(String group) {
        return byGroup.containsKey(group);
    }

    public int count(String group) {
        return get(group).size();
    }

    /** {@code [en:weapon-out "has a knife", nb:kniv "kniv"]} for reasons. */
    public String describe(String group) {
        return get(group).stream().map(Hit::describe).distinct().toList().toString();
    }
}
