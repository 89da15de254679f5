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
 * Street addresses by their shape: an English street name ending in a street-type word ("14 Elm Road"), a
 * Norwegian compound street name ("Storgata 12B", "Kirkeveien") or a two-word one ("Karl Johans gate 5").
 * Without a house number the street name must be capitalised, and words like "way" or "park" only count with a
 * number: "on my way" and "in the park" are not addresses.
 */
final class AddressRecogniser implements Recogniser {

    private static final Set<String> WEAK_TYPES = Set.of("way", "park", "hill", "view", "walk", "row", "rise", "green",
            "st", "square", "sq", "side", "end", "plass", "vei", "veg");
    private static final Set<String> FUNCTION_WORDS = Set.of("the", "a", "an", "my", "our", "your", "his", "her",
            "their", "this", "that", "down", "up", "to", "at", "on", "in", "from", "of", "and", "or", "across", "along",
            "near", "by", "off", "into", "onto", "over", "i", "we", "he", "she", "they", "it", "is", "was", "are",
            "same", "other", "busy", "next", "back", "front", "på", "ved", "til", "fra", "den",
            "det", "en", "ei", "et", "hele", "heile", "nedi", "oppi", "bortover", "langs");

    private static final Set<String> TWO_WORD_TYPES = Set.of("gate", "vei", "veg", "allé", "alle", "plass", "gata");

    private final Pattern english;
    private final Pattern norwegian;
    private final Pattern norwegianTwoWord;
    private final Set<String> streetTypes;
    private final List<String> streetSuffixes;

    AddressRecogniser(Set<String> streetTypes, Set<String> streetSuffixes) {
        this.streetTypes = streetTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.streetSuffixes = streetSuffixes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        english = streetTypes.isEmpty() ? null : Pattern.compile(
                "(?<![\\p{L}\\d])(?:(\\d{1,4}[A-Za-z]?),?\\s+)?((?:[\\p{L}'-]+\\s+){1,3}?)(" + alt(streetTypes)
                        + ")\\b\\.?", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        norwegian = streetSuffixes.isEmpty() ? null : Pattern.compile(
                "(?<![\\p{L}\\d])([\\p{L}-]{3,}(?:" + alt(streetSuffixes) + "))(?:\\s+(\\d{1,4}\\s?[A-Za-z]?)(?![\\p{L}\\d]))?"
                        + "(?![\\p{L}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        norwegianTwoWord = Pattern.compile(
                "(?<![\\p{L}\\d])\\p{Lu}[\\p{L}-]+(?:\\s\\p{Lu}[\\p{L}-]+)?\\s(?:gate|vei|veg|allé|alle|plass|gata)(?:\\s\\d{1,4}\\s?[A-Za-z]?)?(?![\\p{L}\\d])");
    }

    @Override
    public void find(Words words, List<EntitySpan> into) {
        String text = words.text;
        if (english != null) {
            for (int[] window : words.windowsAroundWordsIn(streetTypes, 60, 2)) {
                english(text, window, into);
            }
        }
        if (norwegian != null) {
            for (int[] window : words.windows(i -> compound(words.lower[i]), 0, 12)) {
                Matcher m = Words.in(norwegian.matcher(text), window);
                while (m.find()) {
                    boolean capital = Character.isUpperCase(m.group(1).codePointAt(0));
                    if (m.group(2) != null || capital) {
                        int end = m.group(2) != null ? m.end(2) : m.end(1);
                        into.add(new EntitySpan("ADDRESS", m.start(1), end, m.group(2) != null ? 0.85 : 0.7,
                                "address-no-street"));
                    }
                }
            }
        }
        for (int[] window : words.windowsAroundWordsIn(TWO_WORD_TYPES, 40, 10)) {
            Matcher m = Words.in(norwegianTwoWord.matcher(text), window);
            while (m.find()) {
                into.add(new EntitySpan("ADDRESS", m.start(), m.end(), 0.85, "address-no-street"));
            }
        }
    }

    private boolean compound(String lowerWord) {
        for (String suffix : streetSuffixes) {
            if (lowerWord.length() >= suffix.length() + 3 && lowerWord.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private void english(String text, int[] window, List<EntitySpan> into) {
        {
            Matcher m = Words.in(english.matcher(text), window);
            int from = window[0];
            while (from < window[1] && Words.in(m, new int[] {from, window[1]}).find()) {
                // A rejected candidate may hide a real one starting inside it ("on Park Road"): retry one word on.
                from = m.start(2) + Math.max(1, m.group(2).indexOf(' ') + 1);
                boolean number = m.group(1) != null;
                String type = m.group(3).toLowerCase(Locale.ROOT);
                String[] names = m.group(2).trim().split("\\s+");
                if (!number && WEAK_TYPES.contains(type)) {
                    continue;
                }
                // Keep only the street-name words right before the type; stop at a function word.
                int startWord = names.length;
                while (startWord > 0 && acceptable(names[startWord - 1], number)) {
                    startWord--;
                }
                if (startWord == names.length) {
                    continue;
                }
                int start = number && startWord == 0 ? m.start(1) : m.start(2) + offsetOfWord(m.group(2), startWord);
                into.add(new EntitySpan("ADDRESS", start, m.end(3), number ? 0.85 : 0.7, "address-street-type"));
                from = m.end(3);
            }
        }
    }

    private static boolean acceptable(String word, boolean number) {
        String lw = word.toLowerCase(Locale.ROOT);
        if (FUNCTION_WORDS.contains(lw) || Character.isDigit(word.charAt(0))) {
            return false;
        }
        return number || Character.isUpperCase(word.codePointAt(0));
    }

    private static int offsetOfWord(String group, int index) {
        int at = 0;
        for (int i = 0; i < index; i++) {
            while (at < group.length() && !Character.isWhitespace(group.charAt(at))) {
                at++;
            }
            while (at < group.length() && Character.isWhitespace(group.charAt(at))) {
                at++;
            }
        }
        return at;
    }

    private static String alt(Set<String> words) {
        return words.stream().sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
                .collect(Collectors.joining("|"));
    }
}
