package io.dmdesk.triage.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where a location named in a report sends it, over the monitored account's own team and district.
 *
 * @param municipalities Norwegian municipality number (kommunenummer, 4 digits) to area
 * @param ukPostcodes    UK postcode area or outward code ("M", "SW1A") to area; the longest prefix wins
 */
@Validated
@ConfigurationProperties("triage.routing")
public record RoutingProperties(Map<String, @Valid Area> municipalities, Map<String, @Valid Area> ukPostcodes) {

    public RoutingProperties {
        municipalities = municipalities == null ? Map.of() : Map.copyOf(municipalities);
        ukPostcodes = ukPostcodes == null ? Map.of() : Map.copyOf(ukPostcodes);
    }

    @AssertTrue(message = "triage.routing.municipalities keys must be 4-digit kommunenummer")
    public boolean isEveryMunicipalityNumber() {
        return municipalities.keySet().stream().allMatch(k -> k.matches("\\d{4}"));
    }

    @AssertTrue(message = "triage.routing.uk-postcodes keys must be a postcode area or outward code, e.g. M or SW1A")
    public boolean isEveryUkPrefixValid() {
        return ukPostcodes.keySet().stream().allMatch(k -> k.toUpperCase().matches("[A-Z]{1,2}(\\d[A-Z\\d]?)?"));
    }

    public record Area(@NotBlank String team, @NotBlank String district) {}
}
