package io.dmdesk.sandbox.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param token the bearer token the case system accepts (a real one would use OAuth client credentials) */
@ConfigurationProperties("sandbox.cases")
public record CaseProperties(@DefaultValue("sandbox-case-token") String token) {

  public CaseProperties {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("sandbox.cases.token must not be blank");
    }
  }
}
