package io.dmdesk.sandbox.bluesky;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param accounts monitored Bluesky accounts: handle, DID and the app password createSession takes */
@ConfigurationProperties("sandbox.bluesky")
public record BlueskyProperties(List<Account> accounts) {

  public BlueskyProperties {
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }

  public record Account(String handle, String did, String displayName, String appPassword) {}
}
