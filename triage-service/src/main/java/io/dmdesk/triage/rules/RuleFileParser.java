package io.dmdesk.triage.rules;

import io.dmdesk.contracts.Category;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one rule file and checks every entry, so that a mistake in a force's override stops start-up with the
 * file and entry named instead of silently weakening triage. Schema:
 *
 * <pre>
 * language: en
 * signals:    { danger_now: [ {id, terms: [..]} ], ... }      # names in {@link Signals#ALL}
 * categories: { THEFT: [ {id, terms: [..], weight: 1} ], ... } # names of {@link Category}
 * special:    { HEALTH: [ {id, terms: [..]} ], ... }           # names in {@link Signals#SPECIAL}
 * pii:        { name_cues: [..], street_types: [..], ... }     # keys in {@link #PII_KEYS}
 * </pre>
 */
public final class RuleFileParser {

    /** Context word lists the personal-data recognisers read. */
    public static final Set<String> PII_KEYS = Set.of(
            "name_cues",
            "titles",
            "street_types",
            "street_suffixes",
            "dob_cues",
            "phone_cues",
            "account_cues",
            "first_names",
            "not_names",
            "plate_cues",
            "postcode_cues");

    private static final Set<String> TOP = Set.of("language", "signals", "categories", "special", "pii");

    public static RuleFile parse(String file, InputStream in) {
        Object root;
        try (in) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (YAMLException | IOException e) {
            throw new RuleConfigException(
                    "Invalid triage rules in " + file + ": not readable YAML: " + firstLine(e.getMessage()), e);
        }
        Map<String, Object> top = map(root, file, "(top level)");
        for (String key : top.keySet()) {
            if (!TOP.contains(key)) {
                throw new RuleConfigException(file, key, "unknown section (expected one of " + TOP + ")");
            }
        }
        Object lang = top.get("language");
        if (!(lang instanceof String language) || !language.matches("[a-z]{2,3}")) {
            throw new RuleConfigException(file, "language", "must be a 2-3 letter language code, e.g. en, nb, nn");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        groups(top.get("signals"), file, "signals", language, "", Signals.ALL, rules, ids);
        Set<String> categories = new HashSet<>();
        Arrays.stream(Category.values()).forEach(c -> categories.add(c.name()));
        groups(top.get("categories"), file, "categories", language, Signals.CATEGORY_PREFIX, categories, rules, ids);
        groups(top.get("special"), file, "special", language, Signals.SPECIAL_PREFIX, Signals.SPECIAL, rules, ids);
        Map<String, List<String>> pii = new LinkedHashMap<>();
        if (top.get("pii") != null) {
            map(top.get("pii"), file, "pii").forEach((key, value) -> {
                if (!PII_KEYS.contains(key)) {
                    throw new RuleConfigException(
                            file, "pii." + key, "unknown list (expected one of " + PII_KEYS + ")");
                }
                pii.put(key, strings(value, file, "pii." + key));
            });
        }
        return new RuleFile(file, language, rules, pii);
    }

    private static void groups(
            Object section,
            String file,
            String sectionName,
            String language,
            String prefix,
            Set<String> allowed,
            List<Rule> into,
            Set<String> ids) {
        if (section == null) {
            return;
        }
        map(section, file, sectionName).forEach((group, entries) -> {
            String where = sectionName + "." + group;
            if (!allowed.contains(group)) {
                throw new RuleConfigException(file, where, "unknown name (expected one of " + allowed + ")");
            }
            if (!(entries instanceof List<?> list)) {
                throw new RuleConfigException(file, where, "must be a list of rules {id, terms}");
            }
            for (int i = 0; i < list.size(); i++) {
                into.add(rule(list.get(i), file, where + "[" + i + "]", language, prefix + group, ids));
            }
        });
    }

    private static Rule rule(Object entry, String file, String where, String language, String group, Set<String> ids) {
        Map<String, Object> m = map(entry, file, where);
        for (String key : m.keySet()) {
            if (!Set.of("id", "terms", "weight", "category").contains(key)) {
                throw new RuleConfigException(
                        file, where, "unknown key '" + key + "' (expected id, terms, weight, category)");
            }
        }
        if (!(m.get("id") instanceof String id) || !id.matches("[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}_-]*")) {
            throw new RuleConfigException(file, where, "id must be lower-case letters, digits, '-' or '_'");
        }
        if (!ids.add(group + "/" + id)) {
            throw new RuleConfigException(file, where + " (id " + id + ")", "duplicate id");
        }
        String at = where + " (id " + id + ")";
        List<String> terms = strings(m.get("terms"), file, at + ".terms");
        if (terms.isEmpty()) {
            throw new RuleConfigException(file, at, "terms must not be empty");
        }
        for (String term : terms) {
            checkTerm(term, file, at);
        }
        Object w = m.getOrDefault("weight", 1);
        if (!(w instanceof Integer weight) || weight < 1 || weight > 10) {
            throw new RuleConfigException(file, at, "weight must be a whole number from 1 to 10");
        }
        Object implies = m.get("category");
        if (implies != null
                && (group.startsWith(Signals.CATEGORY_PREFIX)
                        || !(implies instanceof String c)
                        || Arrays.stream(Category.values())
                                .noneMatch(x -> x.name().equals(c)))) {
            throw new RuleConfigException(file, at, "category must be a category name, and only on signal rules");
        }
        return new Rule(language + ":" + id, group, terms, weight, (String) implies);
    }

    private static void checkTerm(String term, String file, String at) {
        String[] words = PhraseIndex.normalise(term);
        if (words.length == 0) {
            throw new RuleConfigException(file, at, "term \"" + term + "\" has no words");
        }
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            // The first word is the index key: its prefix must be long enough to index (later words may be "1*").
            if (w.endsWith("*") && w.length() < (i == 0 ? 4 : 2)) {
                throw new RuleConfigException(
                        file, at, "term \"" + term + "\": a first-word prefix needs at least 3 letters before *");
            }
            if (w.indexOf('*') >= 0 && w.indexOf('*') < w.length() - 1) {
                throw new RuleConfigException(
                        file, at, "term \"" + term + "\": * is allowed only at the end of a word");
            }
        }
    }

    private static List<String> strings(Object value, String file, String where) {
        if (!(value instanceof List<?> list)) {
            throw new RuleConfigException(file, where, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object o = list.get(i);
            if (!(o instanceof String s) || s.isBlank()) {
                throw new RuleConfigException(file, where + "[" + i + "]", "must be a non-empty string, was " + o);
            }
            out.add(s);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String file, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new RuleConfigException(file, where, "must be a mapping");
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new RuleConfigException(file, where, "key " + k + " must be text");
            }
        }
        return (Map<String, Object>) m;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private RuleFileParser() {}
}
