package io.dmdesk.triage.classify;

import io.dmdesk.triage.rules.Lexicon;
import io.dmdesk.triage.rules.RulesLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the classifier once at start-up; a broken rule file fails start-up with the file and entry named. */
@Configuration
class ClassifierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClassifierConfiguration.class);

    @Bean
    RuleClassifier classifier(TriageRulesProperties properties) {
        Lexicon lexicon = new Lexicon(RulesLoader.load(properties.rulesDir()));
        RuleClassifier classifier = new RuleClassifier(lexicon);
        log.info("triage rules loaded: languages={} rulesDir={} version={}", lexicon.languages(),
                properties.rulesDir() == null ? "(bundled)" : properties.rulesDir(), classifier.version());
        return classifier;
    }
}
