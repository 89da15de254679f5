package io.dmdesk.triage.text;

import java.util.Arrays;

/**
 * A text cut into normalised words with their character offsets and sentence numbers. Arrays rather than objects
 * because classification runs once per message on the hot path.
 *
 * <p>Normalisation: lower case, apostrophes dropped ("don't" -> "dont", so lexicons need one spelling), runs of
 * three or more equal letters squeezed to one ("helppp" -> "help", "pleeease" -> "please"). Each emoji or other
 * symbol is a word of its own so lexicons can list "😂" or "🔪".
 */
public final class Tokens {

    private final String[] words;
    private final int[] starts;
    private final int[] ends;
    private final int[] sentences;
    private final int size;

    private Tokens(String[] words, int[] starts, int[] ends, int[] sentences, int size) {
        this.words = words;
        this.starts = starts;
        this.ends = ends;
        this.sentences = sentences;
        this.size = size;
    }

    public static Tokens of(String text) {
        int cap = Math.max(8, text.length() / 3);
        String[] words = new String[cap];
        int[] starts = new int[cap];
        int[] ends = new int[cap];
        int[] sentences = new int[cap];
        int n = 0;
        int sentence = 0;
        StringBuilder word = new StringBuilder(16);
        int i = 0;
        int len = text.length();
        while (i < len) {
            int cp = text.codePointAt(i);
            int cpLen = Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                int start = i;
                word.setLength(0);
                while (i < len) {
                    int c = text.codePointAt(i);
                    if (Character.isLetterOrDigit(c)) {
                        int lc = Character.toLowerCase(c);
                        word.appendCodePoint(lc);
                        i += Character.charCount(c);
                    } else if ((c == '\'' || c == '\u2019')
                            && i + 1 < len
                            && Character.isLetter(text.codePointAt(i + 1))) {
                        i++;
                    } else {
                        break;
                    }
                }
                if (n == words.length) {
                    int grow = n * 2;
                    words = Arrays.copyOf(words, grow);
                    starts = Arrays.copyOf(starts, grow);
                    ends = Arrays.copyOf(ends, grow);
                    sentences = Arrays.copyOf(sentences, grow);
                }
                words[n] = squeeze(word);
                starts[n] = start;
                ends[n] = i;
                sentences[n] = sentence;
                n++;
                continue;
            }
            if (cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == ';') {
                sentence++;
            } else if (isSymbol(cp)) {
                if (n == words.length) {
                    int grow = n * 2;
                    words = Arrays.copyOf(words, grow);
                    starts = Arrays.copyOf(starts, grow);
                    ends = Arrays.copyOf(ends, grow);
                    sentences = Arrays.copyOf(sentences, grow);
                }
                words[n] = new String(Character.toChars(cp));
                starts[n] = i;
                ends[n] = i + cpLen;
                sentences[n] = sentence;
                n++;
            }
            i += cpLen;
        }
        return new Tokens(words, starts, ends, sentences, n);
    }

    /** Runs of three or more equal letters become one ("helppp" -> "help"); digits and real double letters stay. */
    private static String squeeze(StringBuilder w) {
        int len = w.length();
        boolean needs = false;
        for (int i = 2; i < len && !needs; i++) {
            char c = w.charAt(i);
            needs = c == w.charAt(i - 1) && c == w.charAt(i - 2) && !Character.isDigit(c);
        }
        if (!needs) {
            return w.toString();
        }
        StringBuilder out = new StringBuilder(len);
        int i = 0;
        while (i < len) {
            char c = w.charAt(i);
            int j = i;
            while (j < len && w.charAt(j) == c) {
                j++;
            }
            int run = j - i;
            int keep = run >= 3 && !Character.isDigit(c) ? 1 : run;
            for (int k = 0; k < keep; k++) {
                out.append(c);
            }
            i = j;
        }
        return out.toString();
    }

    private static boolean isSymbol(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL && cp > 0x2000;
    }

    /** Normalises a lexicon term the same way as message text, so terms and text meet. */
    public static String[] normaliseTerm(String term) {
        Tokens t = of(term);
        String[] out = new String[t.size];
        System.arraycopy(t.words, 0, out, 0, t.size);
        return out;
    }

    public int size() {
        return size;
    }

    public String word(int i) {
        return words[i];
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    public int sentence(int i) {
        return sentences[i];
    }
}
