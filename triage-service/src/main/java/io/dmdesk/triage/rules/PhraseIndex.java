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
    /** In a term, "..." stands for up to {@link #MAX_GAP} words: "taken ... tablets". */
    static final String GAP = "...";

    static final int MAX_GAP = 3;

    private record Phrase(Rule rule, String[] words, String display) {

        /** Index of the last matched word when words[k..] match from word {@code i}, else -1. */
        int endAt(Tokens t, int i, int k) {
            if (k == words.length) {
                return i - 1;
            }
            String w = words[k];
            if (w.equals(GAP)) {
                for (int skip = 0; skip <= MAX_GAP; skip++) {
                    int end = endAt(t, i + skip, k + 1);
                    if (end >= 0) {
                        return end;
                    }
                }
                return -1;
            }
            if (i >= t.size()) {
                return -1;
            }
            String tok = t.word(i);
            boolean ok = w.endsWith("*") ? tok.startsWith(w.substring(0, w.length() - 1)) : tok.equals(w);
            return ok ? endAt(t, i + 1, k + 1) : -1;
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
                    prefix.computeIfAbsent(first.substring(0, PREFIX_KEY), k -> new ArrayList<>())
                            .add(p);
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
            int end = p.endAt(t, i, 0);
            if (end >= 0) {
                into.add(new Hit(p.rule.group(), p.rule.id(), p.display, i, end, p.rule.weight(), p.rule.implies()));
            }
        }
    }

    /** A term's words, normalised like message text; a trailing {@code *} survives as the prefix marker. */
    static String[] normalise(String term) {
        String[] raw = term.trim().split("\\s+");
        List<String> out = new ArrayList<>();
        for (String r : raw) {
            if (r.equals(GAP)) {
                if (!out.isEmpty()) {
                    out.add(GAP);
                }
                continue;
            }
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
