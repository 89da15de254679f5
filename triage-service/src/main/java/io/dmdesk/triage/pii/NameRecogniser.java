package io.dmdesk.triage.pii;

import io.dmdesk.contracts.EntitySpan;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Names from context, in the rule files' languages: after a name cue ("my name is", "jeg heter", "eg heiter",
 * "called"), after a title ("Mr", "PC", "fru"), and a capitalised first name from the gazetteer, with a following
 * capitalised surname. Citizens type names in lower case after "my name is", so multi-word cues accept up to two
 * lower-case words that are not in the not-a-name list; single-word cues ("called") need capitals.
 */
final class NameRecogniser implements Recogniser {

    private static final String WORD = "[\\p{L}][\\p{L}'\u2019-]*";
    private static final Pattern CAPITALISED = Pattern.compile("(?<![\\p{L}\\d])\\p{Lu}[\\p{L}'\u2019-]+");

    private final Pattern cues;
    private final Pattern titles;
    private final Set<String> firstNames;
    private final Set<String> notNames;
    private final Set<String> cueFirstWords;
    private final Set<String> titleWords;

    NameRecogniser(Set<String> nameCues, Set<String> titleWords, Set<String> firstNames, Set<String> notNames) {
        this.cues = nameCues.isEmpty() ? null : Pattern.compile("(?iu)(?<![\\p{L}])(" + alternation(nameCues)
                + ")[\\s:,]+(" + WORD + "(?:\\s+" + WORD + "){0,2})");
        this.titles = titleWords.isEmpty() ? null : Pattern.compile("(?<![\\p{L}])(?:" + alternation(titleWords)
                + ")\\.?\\s+(\\p{Lu}[\\p{L}'\u2019-]+(?:\\s+\\p{Lu}[\\p{L}'\u2019-]+)?)");
        this.firstNames = lower(firstNames);
        this.notNames = lower(notNames);
        this.cueFirstWords = nameCues.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT).split("[\\s:]+")[0])
                .collect(Collectors.toUnmodifiableSet());
        this.titleWords = lower(titleWords);
    }

    @Override
    public void find(Words words, List<EntitySpan> into) {
        String text = words.text;
        if (cues != null) {
            for (int[] window : words.windowsAroundWordsIn(cueFirstWords, 0, 80)) {
                cue(text, window, into);
            }
        }
        if (titles != null) {
            for (int[] window : words.windowsAroundWordsIn(titleWords, 0, 60)) {
                Matcher m = Words.in(titles.matcher(text), window);
                while (m.find()) {
                    name(text, m.start(1), m.group(1), false, "name-title", 0.85, into);
                }
            }
        }
        for (int i = 0; i < words.size; i++) {
            String w = words.lower[i];
            if (!firstNames.contains(w) || !Character.isUpperCase(text.charAt(words.starts[i]))) {
                continue;
            }
            int end = words.ends[i];
            boolean surname = i + 1 < words.size && words.starts[i + 1] == end + 1 && text.charAt(end) == ' '
                    && Character.isUpperCase(text.charAt(words.starts[i + 1])) && !notNames.contains(words.lower[i + 1]);
            if (surname) {
                end = words.ends[i + 1];
            }
            into.add(new EntitySpan("PERSON", words.starts[i], end, surname ? 0.8 : 0.65, "name-gazetteer"));
        }
    }

    private void cue(String text, int[] window, List<EntitySpan> into) {
        {
            Matcher m = Words.in(cues.matcher(text), window);
            while (m.find()) {
                // Only explicit naming ("my name is", "jeg heter") may be followed by a lower-case name.
                String cue = m.group(1).toLowerCase(java.util.Locale.ROOT);
                boolean naming = cue.indexOf(' ') > 0 && (cue.contains("name") || cue.contains("navn")
                        || cue.contains("namn") || cue.contains("heter") || cue.contains("heiter") || cue.contains("called"));
                name(text, m.start(2), m.group(2), naming, "name-cue", 0.85, into);
            }
        }
    }

    /** Keeps the words of a candidate name up to the first that cannot be part of one. */
    private void name(String text, int start, String candidate, boolean lowerAllowed, String recogniser,
                      double confidence, List<EntitySpan> into) {
        String[] words = candidate.split("\\s+");
        int end = start;
        int at = start;
        int taken = 0;
        for (String w : words) {
            int pos = text.indexOf(w, at);
            boolean capital = Character.isUpperCase(w.codePointAt(0));
            String lw = w.toLowerCase(Locale.ROOT);
            if (notNames.contains(lw) || !capital && !(lowerAllowed && taken < 2)) {
                break;
            }
            taken++;
            end = pos + w.length();
            at = end;
            if (!capital && taken == 2) {
                break;
            }
        }
        // A trailing possessive or punctuation is not part of the name.
        while (end > start && !Character.isLetter(text.charAt(end - 1))) {
            end--;
        }
        if (taken > 0 && end > start) {
            into.add(new EntitySpan("PERSON", start, end, confidence, recogniser));
        }
    }

    private static String alternation(Set<String> words) {
        return words.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(w -> Pattern.quote(w).replace(" ", "\\E\\s+\\Q")).collect(Collectors.joining("|"));
    }

    private static Set<String> lower(Set<String> s) {
        return s.stream().map(x -> x.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
