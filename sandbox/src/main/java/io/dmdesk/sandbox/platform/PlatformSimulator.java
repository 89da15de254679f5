package io.dmdesk.sandbox.platform;

import java.util.List;

/**
 * One simulated social platform as the control API sees it. A new platform (Mastodon, Telegram, ...) plugs
 * in by adding a bean of this type next to its own HTTP contract; the control API needs no change.
 */
public interface PlatformSimulator {

  /** Lower-case platform name used in the control API, e.g. {@code x}. */
  String platform();

  /** Channels citizens can write on, e.g. {@code dm}. */
  List<String> channels();

  List<MonitoredAccount> accounts();

  /**
   * Simulates a citizen writing to a monitored account on this platform.
   *
   * @throws InvalidCitizenMessage naming the offending field
   */
  DeliveredMessage receive(CitizenMessage message);

  /** Everything monitored accounts sent to citizens, oldest first. */
  List<SentReply> replies();
}
