package io.dmdesk.triage.classify;

import io.dmdesk.triage.language.LanguageDetector;
import io.dmdesk.triage.model.TriageModels;
import io.dmdesk.triage.rules.Lexicon;
import io.dmdesk.triage.rules.RulesLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the classifier once at start-up: the rules (a broken rule file fails start-up with the file and entry
 * named) and the learned models (a missing or unreadable model file fails it naming {@code triage.model-dir}).
 */
@Configuration
class ClassifierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClassifierConfiguration.class);

    @Bean
    TriageClassifier classifier(TriageRulesProperties properties) {
        Lexicon lexicon = new Lexicon(RulesLoader.load(properties.rulesDir()));
        TriageModels models =
                properties.modelDir() == null ? TriageModels.bundled() : TriageModels.from(properties.modelDir());
        TriageClassifier classifier = new TriageClassifier(new RuleClassifier(lexicon), models);
        LanguageDetector.warmUp(); // load the language models now, not on the first message
        log.info(
                "triage classifier ready: languages={} rulesDir={} modelDir={} {} version={}",
                lexicon.languages(),
                properties.rulesDir() == null ? "(bundled)" : properties.rulesDir(),
                properties.modelDir() == null ? "(bundled)" : properties.modelDir(),
                models.describe(),
                classifier.version());
        return classifier;
    }
}
