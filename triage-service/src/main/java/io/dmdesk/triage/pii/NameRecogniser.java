package io.dmdesk.triage.pii;

import io.dmdesk.contracts.EntitySpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names from context, in the rule files' languages: after a name cue ("my name is", "jeg heter", "eg heiter",
 * "called"), after a title ("Mr", "PC", "fru"), and a capitalised first name from the gazetteer, with a following
 * capitalised surname. Citizens type names in lower case after "my name is", so multi-word cues accept up to two
 * lower-case words that are not in the not-a-name list; single-word cues ("called") need capitals.
 */
final class NameRecogniser implements Recogniser {

    /** A name cue as words; {@code colon}: written "name:", so the colon must follow in the text. */
    private record Cue(String[] words, boolean colon) {}

    private final Set<String> firstNames;
    private final Set<String> notNames;
    private final Map<String, List<Cue>> cuesByFirstWord;
    private final Set<String> titleWords;

    NameRecogniser(Set<String> nameCues, Set<String> titleWords, Set<String> firstNames, Set<String> notNames) {
        this.firstNames = lower(firstNames);
        this.notNames = lower(notNames);
        Map<String, List<Cue>> byFirst = new HashMap<>();
        // Longer cues first, so "my name is" wins over "name is".
        nameCues.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(c -> {
                    String lower = c.toLowerCase(Locale.ROOT).trim();
                    String[] words = lower.replace(":", " ").trim().split("[\\s'\u2019]+");
                    byFirst.computeIfAbsent(words[0], k -> new ArrayList<>()).add(new Cue(words, lower.endsWith(":")));
                });
        this.cuesByFirstWord = Map.copyOf(byFirst);
        this.titleWords = Set.copyOf(titleWords);
    }

    @Override
    public void find(Words words, List<EntitySpan> into) {
        String text = words.text;
        for (int i = 0; i < words.size; i++) {
            List<Cue> candidates = cuesByFirstWord.get(words.lower[i]);
            if (candidates != null) {
                for (Cue cue : candidates) {
                    int after = cueEnd(words, i, cue);
                    if (after > 0) {
                        name(words, after, naming(cue.words()), "name-cue", into);
                        break;
                    }
                }
            }
            if (titleWords.contains(words.word(i))
                    && i + 1 < words.size
                    && Character.isUpperCase(text.charAt(words.starts[i + 1]))) {
                name(words, i + 1, false, "name-title", into);
            }
            if (firstNames.contains(words.lower[i]) && Character.isUpperCase(text.charAt(words.starts[i]))) {
                int end = words.ends[i];
                boolean surname = i + 1 < words.size
                        && words.starts[i + 1] == end + 1
                        && text.charAt(end) == ' '
                        && Character.isUpperCase(text.charAt(words.starts[i + 1]))
                        && !notNames.contains(words.lower[i + 1]);
                if (surname) {
                    end = words.ends[i + 1];
                }
                into.add(new EntitySpan("PERSON", words.starts[i], end, surname ? 0.8 : 0.65, "name-gazetteer"));
            }
        }
    }

    /** Index of the first word after the cue starting at word i, or -1. A cue written "name:" needs the colon. */
    private static int cueEnd(Words w, int i, Cue cue) {
        String[] words = cue.words();
        for (int k = 0; k < words.length; k++) {
            if (i + k >= w.size || !w.lower[i + k].equals(words[k])) {
                return -1;
            }
        }
        int last = i + words.length - 1;
        if (cue.colon() && (w.ends[last] >= w.text.length() || w.text.charAt(w.ends[last]) != ':')) {
            return -1;
        }
        return last + 1 < w.size ? last + 1 : -1;
    }

    /** Only explicit naming ("my name is", "jeg heter") may be followed by a lower-case name. */
    private static boolean naming(String[] cue) {
        String c = String.join(" ", cue);
        return cue.length > 1
                && (c.contains("name")
                        || c.contains("navn")
                        || c.contains("namn")
                        || c.contains("heter")
                        || c.contains("heiter")
                        || c.contains("called"));
    }

    /** Keeps up to three words from word {@code first} that can be part of a name; stops at the first that cannot. */
    private void name(Words w, int first, boolean lowerAllowed, String recogniser, List<EntitySpan> into) {
        int taken = 0;
        int end = -1;
        for (int i = first; i < w.size && taken < 3; i++) {
            if (i > first && !(w.starts[i] == w.ends[i - 1] + 1 && w.text.charAt(w.ends[i - 1]) == ' ')) {
                break;
            }
            String word = w.word(i);
            boolean capital = Character.isUpperCase(word.codePointAt(0));
            if (notNames.contains(w.lower[i])
                    || !Character.isLetter(word.codePointAt(0))
                    || !capital && !(lowerAllowed && taken < 2)) {
                break;
            }
            taken++;
            end = w.ends[i];
            if (!capital && taken == 2) {
                break;
            }
        }
        if (taken > 0) {
            into.add(new EntitySpan("PERSON", w.starts[first], end, 0.85, recogniser));
        }
    }

    private static Set<String> lower(Set<String> s) {
        return s.stream().map(x -> x.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
