package io.dmdesk.triage.pii;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * The words of a text with their offsets, computed once and shared by all recognisers. Recognisers use them to
 * run their regular expressions only in small windows around a trigger word (a digit, a street word, a name
 * cue) instead of at every position of every message: that is most of the classifier's speed.
 */
final class Words {

    final String text;
    final int[] starts;
    final int[] ends;
    final String[] lower;
    final int size;
    final boolean hasDigit;

    Words(String text) {
        this.text = text;
        int cap = Math.max(4, text.length() / 4);
        int[] s = new int[cap];
        int[] e = new int[cap];
        int n = 0;
        boolean digit = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                while (i < text.length()
                        && (Character.isLetterOrDigit(text.charAt(i))
                                || text.charAt(i) == '-'
                                        && i + 1 < text.length()
                                        && Character.isLetterOrDigit(text.charAt(i + 1)))) {
                    digit |= Character.isDigit(text.charAt(i));
                    i++;
                }
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                    e = Arrays.copyOf(e, n * 2);
                }
                s[n] = start;
                e[n] = i;
                n++;
            } else {
                i++;
            }
        }
        this.starts = s;
        this.ends = e;
        this.size = n;
        this.hasDigit = digit;
        this.lower = new String[n];
        for (int k = 0; k < n; k++) {
            lower[k] = text.substring(s[k], e[k]).toLowerCase(Locale.ROOT);
        }
    }

    String word(int i) {
        return text.substring(starts[i], ends[i]);
    }

    /** Merged windows [start, end) around the words that pass the test, widened by {@code before} and {@code after}. */
    List<int[]> windows(Predicate<Integer> trigger, int before, int after) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (trigger.test(i)) {
                int from = Math.max(0, starts[i] - before);
                int to = Math.min(text.length(), ends[i] + after);
                if (!out.isEmpty() && out.get(out.size() - 1)[1] >= from) {
                    out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], to);
                } else {
                    out.add(new int[] {from, to});
                }
            }
        }
        return out;
    }

    List<int[]> windowsAroundWordsIn(Set<String> set, int before, int after) {
        return windows(i -> set.contains(lower[i]), before, after);
    }

    List<int[]> windowsAroundDigits(int before, int after) {
        if (!hasDigit) {
            return List.of();
        }
        return windows(
                i -> {
                    String w = lower[i];
                    for (int k = 0; k < w.length(); k++) {
                        if (Character.isDigit(w.charAt(k))) {
                            return true;
                        }
                    }
                    return false;
                },
                before,
                after);
    }

    /** A matcher limited to one window; lookbehinds and lookaheads still see the text around it. */
    static Matcher in(Matcher m, int[] window) {
        return m.region(window[0], window[1]).useTransparentBounds(true).useAnchoringBounds(false);
    }
}
