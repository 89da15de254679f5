package io.dmdesk.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.Sensitivity;
import io.dmdesk.contracts.Urgency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scenarios from DOMAIN.md and issue 4, one guarantee per test. */
class RuleClassifierTest {

    private static final RuleClassifier CLASSIFIER = RuleClassifier.bundled();

    private static Classification dm(String text) {
        return CLASSIFIER.classify(text, Channel.DM);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "someone is kicking my door in right now",
                "there's a man with a knife outside the shop",
                "HELP theres a guy attacking a woman by the bus stop",
                "im going to kill myself tonight",
                "noen prøver å bryte seg inn hos meg nå",
                "eksen står utenfor og sier han skal drepe meg",
                "eg orkar ikkje meir, skal ta livet mitt",
                "my 6 year old son has gone missing in the park"
            })
    void dangerHappeningNowIsAnEmergency(String text) {
        Classification c = dm(text);
        assertThat(c.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(c.reasons().get(0)).startsWith("urgency:EMERGENCY");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "this queue is killing me lol",
                "my feet are killing me 😂",
                "denne køen dreper meg haha",
                "that burger was to die for",
                "mamma kommer til å drepe meg når hun ser boten 🤣"
            })
    void figurativeLanguageIsNotAnEmergency(String text) {
        assertThat(dm(text).urgency()).isNotEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void pastDangerIsRoutineAndPresentDangerIsAnEmergency() {
        assertThat(dm("I was stabbed last year and want to report it").urgency())
                .isEqualTo(Urgency.ROUTINE);
        assertThat(dm("someone is being stabbed outside").urgency()).isEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void negatedDangerIsNotAnEmergency() {
        Classification c = dm("there was a crash on the ring road but nobody was hurt and no one was injured");
        assertThat(c.urgency()).isNotEqualTo(Urgency.EMERGENCY);
        assertThat(c.reasons()).anyMatch(r -> r.contains("negated"));
    }

    @Test
    void indirectReportOfFearAtHomeIsUrgentDomesticAbuse() {
        Classification c = dm("he gets angry when he drinks and I'm scared to go home");
        assertThat(c.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(c.category()).isEqualTo(Category.DOMESTIC_ABUSE);
    }

    @Test
    void thirdPartyHarmHappeningNowIsAnEmergency() {
        assertThat(dm("my neighbour is beating his wife, I can hear her screaming")
                        .urgency())
                .isEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void questionsAndLostPropertyAreNotCrimes() {
        assertThat(dm("how do I apply for a firearms licence?").urgency()).isEqualTo(Urgency.NON_CRIME);
        assertThat(dm("lost my wallet in town yesterday").category()).isEqualTo(Category.LOST_FOUND_PROPERTY);
    }

    @Test
    void everyDecisionCarriesReasonsAndTheVersion() {
        Classification c = dm("my bike was stolen from the station yesterday, call me on 07700 900123");
        assertThat(c.version()).startsWith(RuleClassifier.CODE_VERSION + "+");
        assertThat(c.reasons())
                .anyMatch(r -> r.startsWith("urgency:"))
                .anyMatch(r -> r.startsWith("category:"))
                .anyMatch(r -> r.startsWith("sensitivity:"))
                .anyMatch(r -> r.startsWith("language:en"));
        assertThat(c.sensitivity()).isEqualTo(Sensitivity.PERSONAL);
        assertThat(c.redactedText()).contains("[PHONE]").doesNotContain("07700");
    }

    @Test
    void specialCategoryDataMakesTheReportSpecial() {
        Classification c = dm("my neighbour shouts at me because I'm muslim and wear a hijab");
        assertThat(c.specialCategories()).contains("RELIGION");
        assertThat(c.sensitivity()).isEqualTo(Sensitivity.SPECIAL);
    }

    @Test
    void languageIsDetectedForReplies() {
        assertThat(dm("someone stole my bike").language()).isEqualTo("en");
        assertThat(dm("jeg har ikke fått svar på anmeldelsen min").language()).isEqualTo("nb");
        assertThat(dm("eg har ikkje fått svar på meldinga mi").language()).isEqualTo("nn");
        assertThat(dm("jag har inte fått något svar och jag är orolig").language())
                .isEqualTo("other");
    }

    @Test
    void classificationIsThreadSafe() throws Exception {
        String text = "someone is kicking my door in right now, 14 Elm Road, call 07700 900123";
        Classification expected = dm(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Classification>> results = IntStream.range(0, 400)
                    .mapToObj(i -> pool.submit(() -> dm(text)))
                    .toList();
            for (Future<Classification> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
