package io.dmdesk.casebridge.adapter;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param name     how audit entries name this case system as a recipient
 * @param baseUrl  the REST API root
 * @param token    bearer credential (from the environment; OAuth2 client credentials come with the full adapter)
 * @param timeout  per call; a slow case system must not hold a consumer thread for ever
 */
@Validated
@ConfigurationProperties("casebridge.case-system")
public record RestCaseSystemProperties(@NotBlank String name, @NotNull URI baseUrl, @NotBlank String token,
                                       @NotNull Duration timeout) {
}
