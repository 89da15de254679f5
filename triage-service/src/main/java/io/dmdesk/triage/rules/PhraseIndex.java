package io.dmdesk.triage.rules;

import io.dmdesk.triage.text.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All terms of all rules, indexed by their first word so that a message is matched in one pass over its words
 * (one hash lookup per word) instead of one regular expression per rule. Immutable, so thread-safe.
 */
public final class PhraseIndex {

    private static final int PREFIX_KEY = 3;

    private record Phrase(Rule rule, String[] words, String display) {

        boolean matchesAt(Tokens t, int i) {
            if (i + words.length > t.size()) {
                return false;
            }
            for (int k = 0; k < words.length; k++) {
                String w = words[k];
                String tok = t.word(i + k);
                boolean ok = w.endsWith("*") ? tok.startsWith(w.substring(0, w.length() - 1)) : tok.equals(w);
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Map<String, Phrase[]> byFirstWord;
    private final Map<String, Phrase[]> byFirstPrefix;

    public PhraseIndex(List<Rule> rules) {
        Map<String, List<Phrase>> exact = new HashMap<>();
        Map<String, List<Phrase>> prefix = new HashMap<>();
        for (Rule rule : rules) {
            for (String term : rule.terms()) {
                String[] words = normalise(term);
                if (words.length == 0) {
                    continue;
                }
                Phrase p = new Phrase(rule, words, term);
                String first = words[0];
                if (first.endsWith("*")) {
                    prefix.computeIfAbsent(first.substring(0, PREFIX_KEY), k -> new ArrayList<>()).add(p);
                } else {
                    exact.computeIfAbsent(first, k -> new ArrayList<>()).add(p);
                }
            }
        }
        byFirstWord = freeze(exact);
        byFirstPrefix = freeze(prefix);
    }

    /** Every term occurrence in the message; overlapping occurrences of different rules are all kept. */
    public List<Hit> match(Tokens t) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            String word = t.word(i);
            collect(byFirstWord.get(word), t, i, hits);
            if (word.length() >= PREFIX_KEY && !byFirstPrefix.isEmpty()) {
                collect(byFirstPrefix.get(word.substring(0, PREFIX_KEY)), t, i, hits);
            }
        }
        return hits;
    }

    private static void collect(Phrase[] candidates, Tokens t, int i, List<Hit> into) {
        if (candidates == null) {
            return;
        }
        for (Phrase p : candidates) {
            if (p.matchesAt(t, i)) {
                into.add(new Hit(p.rule.group(), p.rule.id(), p.display, i, i + p.words.length - 1, p.rule.weight()));
            }
        }
    }

    /** A term's words, normalised like message text; a trailing {@code *} survives as the prefix marker. */
    static String[] normalise(String term) {
        String[] raw = term.trim().split("\\s+");
        List<String> out = new ArrayList<>();
        for (String r : raw) {
            boolean prefix = r.endsWith("*");
            String body = prefix ? r.substring(0, r.length() - 1) : r;
            String[] words = Tokens.normaliseTerm(body);
            for (int k = 0; k < words.length; k++) {
                out.add(prefix && k == words.length - 1 ? words[k] + "*" : words[k]);
            }
        }
        return out.toArray(String[]::new);
    }

    private static Map<String, Phrase[]> freeze(Map<String, List<Phrase>> m) {
        Map<String, Phrase[]> out = new HashMap<>(m.size() * 2);
        m.forEach((k, v) -> out.put(k, v.toArray(Phrase[]::new)));
        return Map.copyOf(out);
    }
}
