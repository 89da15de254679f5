package io.dmdesk.sandbox.platform;

import java.util.List;
import java.util.Map;

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

    /** The platform's name as people know it, for the citizen page. */
    default String displayName() {
        return platform();
    }

    /**
     * What the citizen page fills in for the sender and how it describes a valid one: a page opened on this
     * platform, or switched to it, sends with these defaults as they are.
     */
    default CitizenForm citizenForm() {
        return new CitizenForm("jane_citizen", ".*\\S.*", 100, "Any handle, without @.", 1000);
    }

    /**
     * Simulates a citizen writing to a monitored account on this platform.
     *
     * @throws InvalidCitizenMessage naming the offending field
     */
    DeliveredMessage receive(CitizenMessage message);

    /** Everything monitored accounts sent to citizens, oldest first. */
    List<SentReply> replies();

    /** Faults this platform can inject, e.g. {@code expired-token}, {@code missed-webhook}. */
    default List<String> faults() {
        return List.of();
    }

    /**
     * Switches a fault on or off; {@code account} is a monitored handle where the fault is per account.
     *
     * @throws InvalidCitizenMessage naming the offending field
     */
    default void fault(String fault, String account, boolean enabled) {
        throw new InvalidCitizenMessage("fault", "fault must be one of " + faults());
    }

    /** Registers the URL the platform pushes to (where it has webhooks). */
    default void registerWebhook(String url) {
        throw new InvalidCitizenMessage("platform", platform() + " has no webhooks in the sandbox");
    }

    /** Registered URL and delivery counts; empty where the platform has no webhooks. */
    default Map<String, Object> webhookStatus() {
        return Map.of();
    }
}
