package io.dmdesk.triage.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Map;

/**
 * Lingua, restricted to English, Bokmål, Nynorsk, Danish and Swedish, as the tie-breaker of
 * {@link LanguageDetector}. Low-accuracy mode (trigram models only): about 20 MB of heap and a fraction of a
 * millisecond per call, where the full models take 160 MB; it is only asked when function words do not decide.
 * The models load once per JVM ({@link #warmUp()} at start-up, so no message waits for them).
 */
final class Lingua {

    private static final com.github.pemistahl.lingua.api.LanguageDetector DETECTOR =
            LanguageDetectorBuilder.fromLanguages(
                            Language.ENGLISH, Language.BOKMAL, Language.NYNORSK, Language.DANISH, Language.SWEDISH)
                    .withPreloadedLanguageModels()
                    .withLowAccuracyMode()
                    .build();

    private Lingua() {}

    static void warmUp() {
        DETECTOR.computeLanguageConfidenceValues("hei");
    }

    /** Norwegian for sure, which written standard. */
    static String bokmalOrNynorsk(String text) {
        Map<Language, Double> c = DETECTOR.computeLanguageConfidenceValues(text);
        return c.getOrDefault(Language.NYNORSK, 0.0) > c.getOrDefault(Language.BOKMAL, 0.0) ? "nn" : "nb";
    }

    /**
     * English, Bokmål or Nynorsk when the models say so; Danish or Swedish count as Norwegian (the models confuse
     * them with Bokmål on short texts) unless a foreign function word was seen, then they are "other".
     */
    static String detect(String text, boolean foreignWords) {
        Map<Language, Double> c = DETECTOR.computeLanguageConfidenceValues(text);
        if (c.isEmpty()) {
            return LanguageDetector.OTHER;
        }
        Language top = c.keySet().iterator().next();
        return switch (top) {
            case ENGLISH -> "en";
            case BOKMAL -> "nb";
            case NYNORSK -> "nn";
            case DANISH, SWEDISH -> foreignWords ? LanguageDetector.OTHER : bokmalOrNynorsk(text);
            default -> LanguageDetector.OTHER;
        };
    }
}
