package io.dmdesk.notifier.template;

import io.dmdesk.contracts.TriagedReport;
import org.springframework.stereotype.Component;

/** Composes what the citizen reads, in their language: emergency advice first, then the acknowledgement. */
@Component
public class Messages {

    private final TemplateProperties properties;

    Messages(TemplateProperties properties) {
        this.properties = properties;
    }

    public Composed acknowledgement(TriagedReport report) {
        String language = properties.languages().containsKey(report.language())
                ? report.language()
                : properties.defaultLanguage();
        TemplateProperties.Templates t = properties.languages().get(language);
        StringBuilder text = new StringBuilder();
        String template = "ack.routine";
        boolean advisedFirst = report.urgency().isEmergencyBand();
        if (advisedFirst) {
            text.append(fill(t.emergencyAdvice(), report)).append("\n\n");
            template = "ack.emergency";
        }
        text.append(fill(t.acknowledgement(), report));
        if (!advisedFirst) {
            // Whatever triage decided, the citizen reads what to do if they are in danger: a missed emergency
            // still gets the emergency number.
            text.append(' ').append(fill(t.dangerLine(), report));
        }
        if (report.source().account().outOfHours()) {
            text.append("\n\n").append(fill(t.outOfHours(), report));
            template += "+out-of-hours";
        }
        return new Composed(text.toString(), template, language);
    }

    /**
     * The public answer to a public mention or comment. It carries nothing of the report, not even the
     * reference: anyone can read it.
     */
    public Composed publicReply(TriagedReport report) {
        String language = properties.languages().containsKey(report.language())
                ? report.language()
                : properties.defaultLanguage();
        boolean emergency = report.urgency().isEmergencyBand();
        return new Composed(
                publicReply(language, emergency), emergency ? "public-reply.emergency" : "public-reply", language);
    }

    public String publicReply(String language, boolean emergency) {
        TemplateProperties.Templates t = properties
                .languages()
                .getOrDefault(language, properties.languages().get(properties.defaultLanguage()));
        return (emergency ? t.publicReplyEmergency() : t.publicReply())
                .replace("{emergencyNumber}", properties.emergencyNumber())
                .replace("{nonEmergencyNumber}", properties.nonEmergencyNumber());
    }

    public boolean caseReferenceFollowUp() {
        return properties.caseReferenceFollowUp();
    }

    public String emergencyAdvice(String language) {
        TemplateProperties.Templates t = properties
                .languages()
                .getOrDefault(language, properties.languages().get(properties.defaultLanguage()));
        return t.emergencyAdvice()
                .replace("{emergencyNumber}", properties.emergencyNumber())
                .replace("{nonEmergencyNumber}", properties.nonEmergencyNumber());
    }

    public String caseReference(String language, String reference, String caseReference) {
        TemplateProperties.Templates t = properties
                .languages()
                .getOrDefault(language, properties.languages().get(properties.defaultLanguage()));
        return t.caseReference()
                .replace("{reference}", reference)
                .replace("{caseReference}", caseReference)
                .replace("{emergencyNumber}", properties.emergencyNumber())
                .replace("{nonEmergencyNumber}", properties.nonEmergencyNumber());
    }

    private String fill(String template, TriagedReport report) {
        return template.replace("{reference}", report.reference())
                .replace("{emergencyNumber}", properties.emergencyNumber())
                .replace("{nonEmergencyNumber}", properties.nonEmergencyNumber());
    }

    public record Composed(String text, String template, String language) {}
}
