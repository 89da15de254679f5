package io.dmdesk.notifier.template;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The force's numbers and its message texts per language, changeable without a rebuild.
 *
 * @param emergencyNumber    999 (UK) or 112 (Norway)
 * @param nonEmergencyNumber 101 (UK) or 02800 (Norway)
 * @param defaultLanguage    used when a report's language has no templates
 * @param languages          templates per language code (en, nb, nn)
 * @param caseReferenceFollowUp send the case system's reference as a follow-up when the record exists
 */
@Validated
@ConfigurationProperties("notifier")
public record TemplateProperties(
        @NotBlank String emergencyNumber,
        @NotBlank String nonEmergencyNumber,
        @NotBlank String defaultLanguage,
        Map<String, @Valid Templates> languages,
        boolean caseReferenceFollowUp) {

    @AssertTrue(message = "notifier.languages must have templates for notifier.default-language")
    public boolean isDefaultLanguageConfigured() {
        return languages != null && languages.containsKey(defaultLanguage);
    }

    /**
     * Placeholders: {reference}, {caseReference}, {emergencyNumber}, {nonEmergencyNumber}.
     *
     * @param acknowledgement sent for every report
     * @param emergencyAdvice put first, before anything else, for emergencies and possible emergencies
     * @param dangerLine      one line ending every other acknowledgement, with {emergencyNumber}: a report
     *                        triage got wrong still tells the citizen what to do when in danger
     * @param outOfHours      added when an officer's own account is written to out of hours
     * @param caseReference   the follow-up once the case system has recorded the report
     * @param publicReply     the answer to a public mention or comment: repeats nothing of the report (no
     *                        reference either), asks the person to continue by DM or on {nonEmergencyNumber}, and
     *                        suggests removing personal details they posted publicly
     * @param publicReplyEmergency the same for an emergency, with {emergencyNumber} first
     */
    public record Templates(
            @NotBlank String acknowledgement,
            @NotBlank String emergencyAdvice,
            @NotBlank String dangerLine,
            @NotBlank String outOfHours,
            @NotBlank String caseReference,
            @NotBlank String publicReply,
            @NotBlank String publicReplyEmergency) {

        @AssertTrue(message = "danger-line must contain {emergencyNumber}: it tells the citizen whom to call")
        public boolean isDangerLineNamingTheEmergencyNumber() {
            return dangerLine == null || dangerLine.contains("{emergencyNumber}");
        }

        @AssertTrue(
                message = "public-reply and public-reply-emergency must not contain {reference} or "
                        + "{caseReference}: a public answer repeats nothing of the report")
        public boolean isPublicReplyFreeOfReportDetails() {
            return Stream.of(publicReply, publicReplyEmergency)
                    .filter(t -> t != null)
                    .noneMatch(t -> t.contains("{reference}") || t.contains("{caseReference}"));
        }
    }
}
