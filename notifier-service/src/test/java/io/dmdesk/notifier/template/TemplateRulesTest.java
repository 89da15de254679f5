package io.dmdesk.notifier.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmdesk.notifier.NotifierApplication;
import io.dmdesk.testsupport.ServiceArgs;
import org.junit.jupiter.api.Test;

/**
 * A public answer that would repeat the report's reference, a danger line without the emergency number, or a missing
 * template stops start-up naming the key.
 */
class TemplateRulesTest {

    @Test
    void publicReplyWithTheReferenceStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> NotifierApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("guard"),
                                "--notifier.languages.nb.public-reply=Takk, referansen din er {reference}."))
                        .close())
                .hasStackTraceContaining("notifier.languages[nb]")
                .hasStackTraceContaining("public-reply and public-reply-emergency must not contain {reference}");
    }

    @Test
    void dangerLineWithoutTheEmergencyNumberStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> NotifierApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("guard"), "--notifier.languages.en.danger-line=Stay safe."))
                        .close())
                .hasStackTraceContaining("notifier.languages[en]")
                .hasStackTraceContaining("danger-line must contain {emergencyNumber}");
    }

    @Test
    void missingPublicReplyStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> NotifierApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("guard"), "--notifier.languages.en.public-reply-emergency="))
                        .close())
                .hasStackTraceContaining("notifier.languages[en].publicReplyEmergency");
    }
}
