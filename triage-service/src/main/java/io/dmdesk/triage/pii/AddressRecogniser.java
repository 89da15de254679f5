package io.dmdesk.triage.pii;

import io.dmdesk.contracts.EntitySpan;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Street addresses by their shape: an English street name ending in a street-type word ("14 Elm Road"), a
 * Norwegian compound street name ("Storgata 12B", "Kirkeveien") or a two-word one ("Karl Johans gate 5").
 * Without a house number the street name must be capitalised, and words like "way" or "park" only count with a
 * number: "on my way" and "in the park" are not addresses. Works on the shared word list, starting from the
 * street word and looking left and right, so a message without street words costs one set lookup per word.
 */
final class AddressRecogniser implements Recogniser {

    private static final Set<String> WEAK_TYPES = Set.of(
            "way", "park", "hill", "view", "walk", "row", "rise", "green", "st", "square", "sq", "side", "end", "plass",
            "vei", "veg");
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "the",
            "a",
            "an",
            "my",
            "our",
            "your",
            "his",
            "her",
            "their",
            "this",
            "that",
            "down",
            "up",
            "to",
            "at",
            "on",
            "in",
            "from",
            "of",
            "and",
            "or",
            "across",
            "along",
            "near",
            "by",
            "off",
            "into",
            "onto",
            "over",
            "i",
            "we",
            "he",
            "she",
            "they",
            "it",
            "is",
            "was",
            "are",
            "same",
            "other",
            "busy",
            "next",
            "back",
            "front",
            "på",
            "ved",
            "til",
            "fra",
            "den",
            "det",
            "en",
            "ei",
            "et",
            "hele",
            "heile",
            "nedi",
            "oppi",
            "bortover",
            "langs");
    private static final Set<String> TWO_WORD_TYPES = Set.of("gate", "vei", "veg", "allé", "alle", "plass", "gata");
    private static final int MAX_NAME_WORDS = 3;

    private final Set<String> streetTypes;
    private final List<String> streetSuffixes;

    AddressRecogniser(Set<String> streetTypes, Set<String> streetSuffixes) {
        this.streetTypes =
                streetTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.streetSuffixes = streetSuffixes.stream()
                .map(t -> t.toLowerCase(Locale.ROOT).replace(".", ""))
                .toList();
    }

    @Override
    public void find(Words w, List<EntitySpan> into) {
        for (int j = 0; j < w.size; j++) {
            String lower = w.lower[j];
            if (TWO_WORD_TYPES.contains(lower) && twoWord(w, j, into)) {
                continue;
            }
            if (streetTypes.contains(lower)) {
                english(w, j, into);
            } else if (compound(lower)) {
                norwegian(w, j, into);
            }
        }
    }

    /** "14 Elm Road", "Elm Road": name words left of the street type, and maybe a house number before them. */
    private void english(Words w, int type, List<EntitySpan> into) {
        int run = type;
        while (run > 0 && type - run < MAX_NAME_WORDS && spaced(w, run - 1, run) && isNameWord(w, run - 1)) {
            run--;
        }
        boolean number = run > 0 && houseNumber(w.lower[run - 1]) && spacedOrComma(w, run - 1, run);
        if (!number && WEAK_TYPES.contains(w.lower[type])) {
            return;
        }
        int first = type;
        while (first > run && acceptable(w.word(first - 1), number)) {
            first--;
        }
        if (first == type) {
            return;
        }
        int start = number && first == run ? w.starts[run - 1] : w.starts[first];
        into.add(new EntitySpan("ADDRESS", start, w.ends[type], number ? 0.85 : 0.7, "address-street-type"));
    }

    /** "Storgata 12B", "Kirkeveien": a compound street name, capitalised or followed by a house number. */
    private void norwegian(Words w, int j, List<EntitySpan> into) {
        int end = houseNumberAfter(w, j);
        boolean capital = Character.isUpperCase(w.text.charAt(w.starts[j]));
        if (end > 0 || capital) {
            into.add(new EntitySpan(
                    "ADDRESS", w.starts[j], end > 0 ? end : w.ends[j], end > 0 ? 0.85 : 0.7, "address-no-street"));
        }
    }

    /** "Karl Johans gate 5", "Bygdøy allé": one or two capitalised words before a separate street word. */
    private boolean twoWord(Words w, int j, List<EntitySpan> into) {
        int first = j;
        while (first > 0
                && j - first < 2
                && spaced(w, first - 1, first)
                && Character.isUpperCase(w.text.charAt(w.starts[first - 1]))) {
            first--;
        }
        if (first == j) {
            return false;
        }
        int end = houseNumberAfter(w, j);
        into.add(new EntitySpan("ADDRESS", w.starts[first], end > 0 ? end : w.ends[j], 0.85, "address-no-street"));
        return true;
    }

    /** End offset of a house number ("12", "12B", "12 B") right after word j, or -1. */
    private static int houseNumberAfter(Words w, int j) {
        if (j + 1 >= w.size || !spaced(w, j, j + 1) || !houseNumber(w.lower[j + 1])) {
            return -1;
        }
        int end = w.ends[j + 1];
        if (j + 2 < w.size
                && w.lower[j + 2].length() == 1
                && Character.isLetter(w.lower[j + 2].charAt(0))
                && w.starts[j + 2] == end + 1
                && Character.isDigit(w.lower[j + 1].charAt(w.lower[j + 1].length() - 1))) {
            end = w.ends[j + 2];
        }
        return end;
    }

    private boolean compound(String lowerWord) {
        for (String suffix : streetSuffixes) {
            if (lowerWord.length() >= suffix.length() + 3 && lowerWord.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean houseNumber(String word) {
        int digits = 0;
        while (digits < word.length() && Character.isDigit(word.charAt(digits))) {
            digits++;
        }
        return digits >= 1
                && digits <= 4
                && word.length() - digits <= 1
                && (digits == word.length() || Character.isLetter(word.charAt(digits)));
    }

    private static boolean isNameWord(Words w, int i) {
        return !FUNCTION_WORDS.contains(w.lower[i]) && Character.isLetter(w.lower[i].charAt(0));
    }

    private static boolean acceptable(String word, boolean number) {
        String lw = word.toLowerCase(Locale.ROOT);
        if (FUNCTION_WORDS.contains(lw) || Character.isDigit(word.charAt(0))) {
            return false;
        }
        return number || Character.isUpperCase(word.codePointAt(0));
    }

    /** Only white space between words a and b. */
    private static boolean spaced(Words w, int a, int b) {
        for (int i = w.ends[a]; i < w.starts[b]; i++) {
            if (!Character.isWhitespace(w.text.charAt(i))) {
                return false;
            }
        }
        return w.starts[b] > w.ends[a];
    }

    private static boolean spacedOrComma(Words w, int a, int b) {
        for (int i = w.ends[a]; i < w.starts[b]; i++) {
            char c = w.text.charAt(i);
            if (!Character.isWhitespace(c) && c != ',') {
                return false;
            }
        }
        return w.starts[b] > w.ends[a];
    }
}
