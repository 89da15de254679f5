package io.dmdesk.triage.language;

import io.dmdesk.triage.text.Tokens;
import java.util.Map;
import java.util.Set;

/**
 * English, Bokmål, Nynorsk or "other", from function words, with Lingua as the tie-breaker. Function words are
 * what tells Bokmål ("jeg", "ikke", "hva") from Nynorsk ("eg", "ikkje", "kva"), and they are the most frequent
 * words of any message; but a short DM often has none that decides ("mora mi er borte", "hjelp"), or as many of
 * one language as of another. Only then is Lingua asked, restricted to the languages that get confused here
 * (English, Bokmål, Nynorsk, Danish, Swedish): its character n-gram models know the two written Norwegians apart
 * where no listed word does.
 */
public final class LanguageDetector {

    public static final String OTHER = "other";

    private static final Set<String> EN = Set.of(
            "the",
            "and",
            "is",
            "my",
            "i",
            "im",
            "ive",
            "you",
            "to",
            "a",
            "of",
            "in",
            "it",
            "was",
            "have",
            "has",
            "he",
            "she",
            "they",
            "this",
            "that",
            "with",
            "for",
            "on",
            "at",
            "me",
            "someone",
            "please",
            "pls",
            "police",
            "help",
            "not",
            "dont",
            "just",
            "are",
            "been",
            "there",
            "what",
            "how",
            "can",
            "our",
            "your",
            "hes",
            "shes",
            "theyre",
            "its",
            "u",
            "ur",
            "who",
            "would",
            "why",
            "where",
            "were",
            "him",
            "her",
            "them",
            "from",
            "about",
            "outside",
            "now",
            "did",
            "didnt",
            "got",
            "get",
            "an",
            "car",
            "house",
            "thanks",
            "thank",
            "stolen",
            "called",
            "today",
            "yesterday",
            "wallet",
            "phone",
            "report");
    // Words shared by Bokmål and Nynorsk: they say "Norwegian", not which written standard.
    private static final Set<String> NO = Set.of(
            "og",
            "er",
            "det",
            "meg",
            "min",
            "mitt",
            "mine",
            "har",
            "på",
            "som",
            "nå",
            "til",
            "med",
            "han",
            "var",
            "etter",
            "når",
            "her",
            "der",
            "politiet",
            "politi",
            "kan",
            "skal",
            "må",
            "jo",
            "hjelp",
            "nettopp",
            "sin",
            "sitt",
            "av",
            "om",
            "for",
            "å",
            "så",
            "seg",
            "deg",
            "oss",
            "ut",
            "inn",
            "opp",
            "utenfor",
            "igjen",
            "huset",
            "bilen",
            "sykkelen",
            "takk",
            "hei",
            "ingen",
            "aldri",
            "vil",
            "nokre",
            "alle",
            "i",
            "går",
            "dag",
            "stjålet",
            "stole",
            "redd",
            "mann",
            "dama",
            "gutt",
            "jente",
            "ringe");
    private static final Set<String> NB = Set.of(
            "jeg",
            "ikke",
            "hva",
            "hvordan",
            "hvor",
            "noen",
            "hun",
            "fra",
            "bare",
            "mye",
            "hjemme",
            "mer",
            "hvis",
            "ble",
            "dem",
            "deres",
            "sånn",
            "også",
            "noe",
            "hvem",
            "hvorfor",
            "en",
            "et",
            "hjem",
            "vært",
            "sier",
            "kommer",
            "gikk",
            "fikk",
            "heter",
            "uke",
            "mens",
            "selv",
            "dere",
            "vi",
            "kjæresten",
            "naboen",
            "mannen",
            "kona",
            "vet",
            "tror",
            "prøver",
            "dør",
            "truer",
            "slår");
    private static final Set<String> NN = Set.of(
            "eg",
            "ikkje",
            "kva",
            "korleis",
            "kvar",
            "nokon",
            "ho",
            "dei",
            "frå",
            "berre",
            "mykje",
            "heime",
            "meir",
            "viss",
            "vart",
            "eit",
            "noko",
            "kven",
            "kvifor",
            "sjølv",
            "heiter",
            "òg",
            "me",
            "fekk",
            "gjekk",
            "kjem",
            "seier",
            "dykk",
            "hjå",
            "medan",
            "veit",
            "trur",
            "heim",
            "ei",
            "nokre",
            "vore",
            "sidan",
            "enno",
            "difor",
            "veke",
            "mellom",
            "ynskjer",
            "sjå",
            "ein",
            "utanfor",
            "teke",
            "orsak",
            "sonen",
            "leita",
            "raud",
            "att",
            "græt",
            "kome",
            "ligg",
            "skot",
            "skulen",
            "skule",
            "spring",
            "framleis",
            "heile",
            "tida",
            "bilete",
            "leggje",
            "halde",
            "fleire",
            "veker",
            "helga",
            "drep",
            "måndag",
            "hjelpte",
            "då",
            "venta",
            "timar",
            "føtene",
            "treng",
            "dottera",
            "sjukeheimen",
            "vindauget",
            "stova",
            "gong",
            "opnar",
            "bemanna");
    // Words of neighbouring languages that would otherwise pass for Norwegian or English.
    private static final Set<String> FOREIGN = Set.of(
            "jag", "inte", "och", "är", "hjälp", "någon", "också", "vad", "hur", "mig", "dig", "hjælp", "nogen", "hvad",
            "ich", "nicht", "und", "ist", "die", "das", "mein", "hilfe", "polizei", "jest", "nie", "się", "pomocy",
            "policja", "je", "ne", "pas", "est", "et", "le", "la", "aide", "yo", "es", "el", "ayuda", "policía", "por",
            "favor", "que", "w", "z", "na", "ja", "sa", "hogy");

    public record Detection(String language, Map<String, Integer> scores) {}

    private static int letterWords(Tokens t) {
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            if (Character.isLetter(t.word(i).codePointAt(0))) {
                n++;
            }
        }
        return n;
    }

    /** Nynorsk plurals and present tenses end in -ar/-ane where Bokmål has -er/-ene ("meldingar", "sparkar"). */
    private static boolean nynorskEnding(String w) {
        return w.length() >= 6 && (w.endsWith("ar") || w.endsWith("ane")) && !w.endsWith("sjar");
    }

    /** Loads the tie-breaker's language models (about a second), so no message waits for them. */
    public static void warmUp() {
        Lingua.warmUp();
    }

    public String detect(Tokens t) {
        return detectWithScores(t, null).language();
    }

    /** @param text the original text, for the tie-breaker; null to use function words alone */
    public String detect(Tokens t, String text) {
        return detectWithScores(t, text).language();
    }

    public Detection detectWithScores(Tokens t, String text) {
        int en = 0;
        int no = 0;
        int nb = 0;
        int nn = 0;
        int foreign = 0;
        int nonLatin = 0;
        for (int i = 0; i < t.size(); i++) {
            String w = t.word(i);
            if (EN.contains(w)) {
                en++;
            }
            if (NO.contains(w)) {
                no++;
            }
            if (NB.contains(w)) {
                nb++;
            }
            if (NN.contains(w) || nynorskEnding(w)) {
                nn++;
            }
            if (FOREIGN.contains(w)) {
                foreign++;
            }
            if (w.indexOf('æ') >= 0 || w.indexOf('ø') >= 0 || w.indexOf('å') >= 0) {
                no++;
            }
            if (Character.isLetter(w.codePointAt(0))
                    && Character.UnicodeScript.of(w.codePointAt(0)) != Character.UnicodeScript.LATIN) {
                nonLatin++;
            }
        }
        int norwegian = no + nb + nn;
        Map<String, Integer> scores = Map.of("en", en, "no", norwegian, "nb", nb, "nn", nn, "foreign", foreign);
        String lang;
        if (nonLatin > t.size() / 2 || foreign > Math.max(en, norwegian)) {
            lang = OTHER;
        } else if (norwegian > en) {
            lang = nn > nb ? "nn" : nb > nn ? "nb" : text == null ? "nb" : Lingua.bokmalOrNynorsk(text);
        } else if (en > norwegian) {
            lang = "en";
        } else if (text != null && letterWords(t) > 0) {
            // As much English as Norwegian, or no function word at all: the n-gram models decide.
            lang = Lingua.detect(text, foreign > 0);
        } else {
            lang = en > 0 ? "en" : OTHER;
        }
        return new Detection(lang, scores);
    }
}
