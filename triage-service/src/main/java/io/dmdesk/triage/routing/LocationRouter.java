package io.dmdesk.triage.routing;

import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Routing;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.bekk.bekkopen.mail.MailValidator;
import org.springframework.stereotype.Component;

/**
 * Team and district of a report: the monitored account's, refined by the first postcode in the text that a
 * configured area covers. Norwegian postcodes go to their municipality through Posten's postcode list (shipped
 * in nocommons); UK postcodes match the longest configured area or outward code. The reason names the
 * municipality or area, never the postcode itself, so it can be shown and logged.
 */
@Component
public class LocationRouter {

    private final RoutingProperties properties;

    LocationRouter(RoutingProperties properties) {
        this.properties = properties;
        if (!properties.municipalities().isEmpty() && !POSTCODES_LOADED) {
            throw new IllegalStateException("triage.routing.municipalities is set but Posten's postcode list "
                    + "(postnummer.csv from nocommons) is not on the classpath");
        }
    }

    /** Posten's postcode list, loaded once into nocommons' lookup tables (5,000+ rows, well under a second). */
    private static final boolean POSTCODES_LOADED = no.bekk.bekkopen.mail.MailDataLoader.loadFromClassPath();

    public Routing route(InboundMessage message, List<EntitySpan> entities) {
        String text = message.text();
        for (EntitySpan span : entities.stream()
                .filter(e -> "POSTCODE".equals(e.type()))
                .sorted(Comparator.comparingInt(EntitySpan::start))
                .toList()) {
            if (span.start() < 0 || span.end() > text.length()) {
                continue;
            }
            String code = text.substring(span.start(), span.end())
                    .replaceAll("\\s+", "")
                    .toUpperCase(Locale.ROOT);
            Optional<Routing> routed = code.matches("\\d{4}") ? norwegian(code) : uk(code);
            if (routed.isPresent()) {
                return routed.get();
            }
        }
        return new Routing(
                message.account().team(),
                message.account().district(),
                message.account().outOfHours() ? "officer account out of hours: control room" : "monitored account");
    }

    private Optional<Routing> norwegian(String postcode) {
        if (properties.municipalities().isEmpty() || MailValidator.getPostInfoForPostnummer(postcode) == null) {
            return Optional.empty(); // not a postcode in Posten's list (an order number, a year, ...)
        }
        String municipality = String.valueOf(MailValidator.getKommunenummerForPostnummer(postcode));
        RoutingProperties.Area area = properties.municipalities().get(municipality);
        if (area == null) {
            return Optional.empty();
        }
        String name = String.valueOf(MailValidator.getKommunenavnForPostnummer(postcode));
        return Optional.of(new Routing(
                area.team(), area.district(), "location in text: municipality " + municipality + " " + name));
    }

    /**
     * An area ("M", "SW") covers its outward codes ("M1", "M13", but not "ML1"); an outward code covers itself
     * and, when it ends in a digit, its lettered sub-districts ("SW1" covers "SW1A", never "SW13").
     */
    static boolean covers(String key, String outward) {
        if (outward.equals(key)) {
            return true;
        }
        if (!outward.startsWith(key)) {
            return false;
        }
        char next = outward.charAt(key.length());
        if (key.chars().allMatch(Character::isLetter)) {
            return Character.isDigit(next);
        }
        return outward.length() == key.length() + 1
                && Character.isDigit(key.charAt(key.length() - 1))
                && Character.isLetter(next);
    }

    private Optional<Routing> uk(String postcode) {
        if (postcode.length() < 5) {
            return Optional.empty();
        }
        String outward = postcode.substring(0, postcode.length() - 3);
        return properties.ukPostcodes().entrySet().stream()
                .filter(e -> covers(e.getKey().toUpperCase(Locale.ROOT), outward))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(e -> new Routing(
                        e.getValue().team(),
                        e.getValue().district(),
                        "location in text: postcode area " + e.getKey().toUpperCase(Locale.ROOT)));
    }
}
