package io.dmdesk.triage.model;

import io.dmdesk.contracts.Channel;
import io.dmdesk.triage.rules.Evidence;
import io.dmdesk.triage.rules.Signals;
import io.dmdesk.triage.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.en.EnglishMinimalStemmer;
import org.apache.lucene.analysis.no.NorwegianLightStemmer;

/**
 * The model's view of one message: the same for training and for classification, so a model sees at run time
 * exactly what it learnt from. Computed from the <em>redacted</em> text (personal data replaced by {@code [TYPE]}),
 * so no name, number or address can become a model feature or appear in a reason, and an operator's redacted
 * example trains the model like an original one.
 *
 * <p>Feature families (the prefix names them in reasons):
 * <ul>
 *   <li>{@code w=} words, folded (lower case, æ→ae, ø→o, å→aa, as people type without Norwegian letters), digits as
 *   {@code 0}; {@code b=} word pairs; {@code s=} stems (Lucene's Norwegian light stemmer, bokmål and nynorsk, and
 *   its minimal English stemmer); {@code c=} character 3- and 4-grams of each word, for misspellings and dialect
 *   forms nobody listed;</li>
 *   <li>{@code g=} the rule signals and lexicon categories that fired, {@code x=} pairs of danger dimensions
 *   (harm, immediacy, past, vulnerability, intent, jest, ...), which is how the model learns that harm now
 *   differs from harm last year;</li>
 *   <li>{@code pii=} the types of personal data in the text, {@code lang=}, {@code ch=} and a few shape cues
 *   ({@code f=}: exclamations, capitals, length).</li>
 * </ul>
 */
public final class Features {

    /** Rule signal groups that describe danger; their pairs are the {@code x=} features. */
    private static final List<String> DIMENSIONS = List.of(
            Signals.DANGER,
            Signals.DANGER_NOW,
            Signals.SELF_HARM,
            Signals.WELFARE,
            Signals.NOW,
            Signals.PRESENT,
            Signals.PAST,
            Signals.RECENT,
            Signals.HABITUAL,
            Signals.VULNERABLE,
            Signals.MISSING,
            Signals.FEAR,
            Signals.ONGOING,
            Signals.MONEY_MOVING,
            Signals.ALARM,
            Signals.LAUGHTER,
            Signals.FIGURATIVE,
            Signals.HYPOTHETICAL,
            Signals.QUESTION,
            Signals.PARTNER,
            Signals.NEGATION);

    private static final NorwegianLightStemmer NORWEGIAN =
            new NorwegianLightStemmer(NorwegianLightStemmer.BOKMAAL | NorwegianLightStemmer.NYNORSK);
    private static final EnglishMinimalStemmer ENGLISH = new EnglishMinimalStemmer();

    /** Receives each feature occurrence; a feature may come more than once (its count is its value). */
    public interface Sink {
        void add(String feature);
    }

    /**
     * What the rules found, handed to the model as features: their evidence (signals and lexicon categories), not
     * their final urgency and category. On the corpus the rules were tuned on those look near perfect, so a model
     * given them learnt to copy the rules (blind dev split: macro-F1 0.802 without them, 0.786 with).
     */
    public record RuleView(Evidence evidence) {}

    private Features() {}

    public static void extract(String redactedText, RuleView rules, String language, Channel channel, Sink out) {
        Tokens tokens = Tokens.of(redactedText);
        String previous = "^";
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < tokens.size(); i++) {
            int start = tokens.start(i);
            int end = tokens.end(i);
            int close = start > 0 && redactedText.charAt(start - 1) == '[' ? redactedText.indexOf(']', start) : -1;
            if (close > start && isUpper(redactedText, start, close)) {
                // A redaction placeholder such as [PHONE] or [VEHICLE_REG]: its type is the feature, never its words.
                String type = redactedText.substring(start, close);
                out.add("pii=" + type);
                out.add("b=" + previous + "_[" + type + "]");
                previous = "[" + type + "]";
                while (i + 1 < tokens.size() && tokens.start(i + 1) < close) {
                    i++;
                }
                continue;
            }
            for (int k = start; k < end; k++) {
                char ch = redactedText.charAt(k);
                if (Character.isLetter(ch)) {
                    letters++;
                    if (Character.isUpperCase(ch)) {
                        upper++;
                    }
                }
            }
            String raw = tokens.word(i);
            String word = fold(raw);
            out.add("w=" + word);
            out.add("b=" + previous + "_" + word);
            previous = word;
            if (Character.isLetter(raw.charAt(0)) && raw.length() > 2) {
                stems(raw, word, out);
                ngrams(word, out);
            }
        }
        out.add("b=" + previous + "_$");
        Evidence e = rules.evidence();
        for (String group : e.byGroup().keySet()) {
            out.add("g=" + group);
        }
        List<String> present = new ArrayList<>(8);
        for (String d : DIMENSIONS) {
            if (e.has(d)) {
                present.add(d);
            }
        }
        for (int a = 0; a < present.size(); a++) {
            for (int b = a + 1; b < present.size(); b++) {
                out.add("x=" + present.get(a) + "&" + present.get(b));
            }
        }
        boolean harm = e.has(Signals.DANGER) || e.has(Signals.DANGER_NOW) || e.has(Signals.SELF_HARM);
        boolean immediate = e.has(Signals.NOW) || e.has(Signals.PRESENT) || e.has(Signals.DANGER_NOW);
        if (harm && immediate && !e.has(Signals.PAST)) {
            out.add("x=harm&now&!past");
        }
        if (harm && e.has(Signals.VULNERABLE)) {
            out.add("x=harm&vulnerable");
        }
        out.add("lang=" + language);
        out.add("ch=" + channel.name());
        int words = tokens.size();
        out.add("f=len" + (words <= 3 ? "1-3" : words <= 8 ? "4-8" : words <= 20 ? "9-20" : "21+"));
        if (letters >= 8 && upper * 2 >= letters) {
            out.add("f=caps");
        }
        int bangs = count(redactedText, '!');
        if (bangs >= 2) {
            out.add("f=!!");
        }
        if (redactedText.indexOf('?') >= 0) {
            out.add("f=?");
        }
    }

    /**
     * The value of each occurrence of a feature: the text families ({@code w= b= s= c=}) are each scaled by one over
     * the square root of their number of occurrences in the message, so a long message's hundreds of n-grams weigh
     * as much as a short one's few and do not drown the rules' findings; every other feature counts 1 per
     * occurrence. Training and scoring use this same function.
     */
    public static double[] values(List<String> features) {
        int[] family = new int[4];
        for (String f : features) {
            int k = textFamily(f);
            if (k >= 0) {
                family[k]++;
            }
        }
        double[] scale = new double[4];
        for (int k = 0; k < 4; k++) {
            scale[k] = family[k] == 0 ? 0 : 1 / Math.sqrt(family[k]);
        }
        double[] out = new double[features.size()];
        for (int i = 0; i < out.length; i++) {
            int k = textFamily(features.get(i));
            out[i] = k < 0 ? 1 : scale[k];
        }
        return out;
    }

    private static int textFamily(String f) {
        if (f.length() < 2 || f.charAt(1) != '=') {
            return -1;
        }
        return switch (f.charAt(0)) {
            case 'w' -> 0;
            case 'b' -> 1;
            case 's' -> 2;
            case 'c' -> 3;
            default -> -1;
        };
    }

    /** All features of a message, for training (counts summed by the trainer). */
    public static List<String> list(String redactedText, RuleView rules, String language, Channel channel) {
        List<String> out = new ArrayList<>(64);
        extract(redactedText, rules, language, channel, out::add);
        return out;
    }

    private static void stems(String raw, String folded, Sink out) {
        char[] buf = raw.toCharArray();
        int len = NORWEGIAN.stem(buf, buf.length);
        if (len < buf.length) {
            String stem = fold(new String(buf, 0, len));
            if (!stem.equals(folded)) {
                out.add("s=" + stem);
            }
        }
        buf = raw.toCharArray();
        int en = ENGLISH.stem(buf, buf.length);
        if (en < buf.length) {
            String stem = fold(new String(buf, 0, en));
            if (!stem.equals(folded)) {
                out.add("s=" + stem);
            }
        }
    }

    private static void ngrams(String word, Sink out) {
        String padded = "<" + word + ">";
        for (int n = 3; n <= 4; n++) {
            for (int i = 0; i + n <= padded.length(); i++) {
                out.add("c=" + padded.substring(i, i + n));
            }
        }
    }

    /** Lower case already; Norwegian letters as people type them without a Norwegian keyboard; digits as 0. */
    static String fold(String w) {
        StringBuilder b = null;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            String r = switch (c) {
                case 'æ' -> "ae";
                case 'ø', 'ö', 'ò', 'ó', 'ô' -> "o";
                case 'å' -> "aa";
                case 'é', 'è', 'ê' -> "e";
                case 'ä' -> "ae";
                case 'ü' -> "u";
                default -> Character.isDigit(c) ? "0" : null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(w.length() + 4).append(w, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    if (!(r.equals("0") && b.length() > 0 && b.charAt(b.length() - 1) == '0')) {
                        b.append(r);
                    }
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? w : b.toString();
    }

    private static boolean isUpper(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!(Character.isUpperCase(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
