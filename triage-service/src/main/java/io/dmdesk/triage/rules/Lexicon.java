package io.dmdesk.triage.rules;

import io.dmdesk.triage.text.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * All rule files merged into one index. Every language's lexicon applies to every message: Norwegians mix
 * English in ("help", "lol"), short messages defeat language detection, and a missed term costs more than a
 * spare lookup. Words that mean different things in different languages belong in phrases, not alone.
 */
public final class Lexicon {

    private static final int NEGATION_REACH = 3;

    private final PhraseIndex index;
    private final Map<String, Set<String>> pii;
    private final List<String> languages;
    private final String fingerprint;

    public Lexicon(List<RuleFile> files) {
        List<Rule> rules = new ArrayList<>();
        CRC32 crc = new CRC32();
        Map<String, Set<String>> context = new LinkedHashMap<>();
        List<String> languages = new ArrayList<>();
        for (RuleFile f : files) {
            rules.addAll(f.rules());
            f.rules()
                    .forEach(r -> crc.update((r.id() + r.group() + r.weight() + r.implies() + r.terms())
                            .getBytes(StandardCharsets.UTF_8)));
            crc.update(f.piiContext().toString().getBytes(StandardCharsets.UTF_8));
            languages.add(f.language());
            f.piiContext()
                    .forEach((k, v) -> context.computeIfAbsent(k, x -> new LinkedHashSet<>())
                            .addAll(v));
        }
        this.index = new PhraseIndex(rules);
        Map<String, Set<String>> frozen = new LinkedHashMap<>();
        context.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        this.pii = Map.copyOf(frozen);
        this.languages = List.copyOf(languages);
        this.fingerprint = String.format("%08x", crc.getValue());
    }

    /** Changes whenever any rule or context word changes, so a decision names the exact rules that made it. */
    public String fingerprint() {
        return fingerprint;
    }

    public static Lexicon bundled() {
        return new Lexicon(RulesLoader.bundled());
    }

    /** Context words for the personal-data recognisers, merged over all languages; empty when no file lists any. */
    public Set<String> piiContext(String key) {
        return pii.getOrDefault(key, Set.of());
    }

    public List<String> languages() {
        return languages;
    }

    /**
     * The hits that count: figurative phrases cancel the danger and crime terms they overlap ("killing me"),
     * and a negation shortly before a term in the same sentence cancels it ("nobody was hurt", "ikke truet"),
     * unless the negation is part of a phrase that does not negate ("won't stop").
     */
    public Evidence evidence(Tokens tokens) {
        List<Hit> all = index.match(tokens);
        List<Hit> figurative = new ArrayList<>();
        List<Hit> notNegation = new ArrayList<>();
        List<Hit> negations = new ArrayList<>();
        for (Hit h : all) {
            switch (h.group()) {
                case Signals.FIGURATIVE -> figurative.add(h);
                case Signals.NOT_NEGATION -> notNegation.add(h);
                case Signals.NEGATION -> negations.add(h);
                default -> {}
            }
        }
        negations.removeIf(n -> notNegation.stream().anyMatch(n::overlaps));
        Set<Hit> liveNegations = Collections.newSetFromMap(new IdentityHashMap<>());
        liveNegations.addAll(negations);
        Map<String, List<Hit>> kept = new LinkedHashMap<>();
        List<String> cancelled = new ArrayList<>();
        for (Hit h : all) {
            if (h.group().equals(Signals.NEGATION) && !liveNegations.contains(h)) {
                continue;
            }
            if (cancellable(h.group())) {
                Hit fig = first(figurative, h);
                if (fig != null) {
                    cancelled.add(h.ruleId() + " cancelled by figurative " + fig.describe());
                    continue;
                }
                Hit neg = negating(negations, h, tokens);
                if (neg != null) {
                    cancelled.add(h.ruleId() + " negated by " + neg.describe());
                    continue;
                }
            }
            kept.computeIfAbsent(h.group(), k -> new ArrayList<>()).add(h);
        }
        return new Evidence(kept, cancelled);
    }

    private static boolean cancellable(String group) {
        return switch (group) {
            case Signals.DANGER,
                    Signals.DANGER_NOW,
                    Signals.SELF_HARM,
                    Signals.WELFARE,
                    Signals.MISSING,
                    Signals.ONGOING,
                    Signals.FEAR,
                    Signals.MONEY_MOVING -> true;
            default -> group.startsWith(Signals.CATEGORY_PREFIX);
        };
    }

    private static Hit first(List<Hit> cancelling, Hit h) {
        for (Hit c : cancelling) {
            if (c.overlaps(h)) {
                return c;
            }
        }
        return null;
    }

    private static Hit negating(List<Hit> negations, Hit h, Tokens t) {
        for (Hit n : negations) {
            if (n.last() < h.first()
                    && h.first() - n.last() <= NEGATION_REACH
                    && t.sentence(n.last()) == t.sentence(h.first())) {
                return n;
            }
        }
        return null;
    }
}
