package io.dmdesk.sandbox.mastodon;

import io.dmdesk.sandbox.platform.CitizenForm;
import io.dmdesk.sandbox.platform.CitizenMessage;
import io.dmdesk.sandbox.platform.DeliveredMessage;
import io.dmdesk.sandbox.platform.InvalidCitizenMessage;
import io.dmdesk.sandbox.platform.Mentions;
import io.dmdesk.sandbox.platform.MonitoredAccount;
import io.dmdesk.sandbox.platform.PlatformSimulator;
import io.dmdesk.sandbox.platform.SentReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Mastodon for the control API: a citizen mentions a monitored account publicly ({@code mention}) or in a
 * direct-visibility status ({@code dm}). Content is rendered as Mastodon does ({@link MastodonHtml}); the control
 * API shows replies as the text a person reads, not as their HTML.
 */
@Component
class MastodonPlatformSimulator implements PlatformSimulator {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{1,30}");

    private final MastodonProperties properties;
    private final MastodonGuard guard;
    private final MastodonStatuses statuses;

    MastodonPlatformSimulator(MastodonProperties properties, MastodonGuard guard, MastodonStatuses statuses) {
        this.properties = properties;
        this.guard = guard;
        this.statuses = statuses;
    }

    @Override
    public String platform() {
        return "mastodon";
    }

    @Override
    public List<String> channels() {
        return List.of("dm", "mention");
    }

    @Override
    public String displayName() {
        return "Mastodon";
    }

    @Override
    public CitizenForm citizenForm() {
        return new CitizenForm(
                "jane_citizen",
                "[A-Za-z0-9_]{1,30}",
                30,
                "A Mastodon username: 1 to 30 letters, digits or underscores, without @.",
                500);
    }

    @Override
    public List<MonitoredAccount> accounts() {
        return properties.accounts().stream()
                .map(a -> new MonitoredAccount(a.username(), a.id(), a.displayName()))
                .toList();
    }

    @Override
    public DeliveredMessage receive(CitizenMessage message) {
        if (!channels().contains(message.channel())) {
            throw new InvalidCitizenMessage("channel", "channel must be one of " + channels());
        }
        MastodonProperties.Account account = guard.byUsername(message.account())
                .orElseThrow(() -> new InvalidCitizenMessage("account", "not a monitored Mastodon account"));
        String sender = message.sender() == null ? "" : message.sender().strip().replaceFirst("^@", "");
        if (!USERNAME.matcher(sender).matches()) {
            throw new InvalidCitizenMessage("sender", "sender must be a Mastodon username: 1-30 letters, digits or _");
        }
        if (message.text() == null || message.text().isBlank() || message.text().length() > 500) {
            throw new InvalidCitizenMessage("text", "text must be 1-500 characters");
        }
        // The citizen's own mention of the account counts: it is added only when they did not write it.
        String html = MastodonHtml.render(Mentions.addressed(message.text(), account.username()), properties.domain());
        String citizenId = Long.toString(4_000_000_000L
                + Math.floorMod(
                        UUID.nameUUIDFromBytes(sender.toLowerCase().getBytes(StandardCharsets.UTF_8))
                                .getMostSignificantBits(),
                        1_000_000_000L));
        String name = message.senderName() == null || message.senderName().isBlank() ? sender : message.senderName();
        MastodonStatuses.Notification n = statuses.mention(
                account.id(), citizenId, sender, name, html, "dm".equals(message.channel()) ? "direct" : "public");
        return new DeliveredMessage(
                n.status().id(),
                n.status().id(),
                account.username(),
                sender,
                citizenId,
                n.status().createdAt());
    }

    @Override
    public List<SentReply> replies() {
        return statuses.replies().stream()
                .map(s -> {
                    MastodonStatuses.Status to = s.inReplyToId() == null ? null : statuses.status(s.inReplyToId());
                    return new SentReply(
                            s.id(),
                            platform(),
                            s.username(),
                            to == null ? "" : to.username(),
                            to == null ? "" : to.accountId(),
                            s.inReplyToId(),
                            MastodonHtml.plain(s.content()),
                            s.createdAt(),
                            "direct".equals(s.visibility()) ? "dm" : "public",
                            s.visibility());
                })
                .toList();
    }

    @Override
    public List<String> faults() {
        return List.of(MastodonGuard.EXPIRED_TOKEN, MastodonGuard.RATE_LIMIT);
    }

    @Override
    public void fault(String fault, String account, boolean enabled) {
        if (!faults().contains(fault)) {
            throw new InvalidCitizenMessage("fault", "fault must be one of " + faults());
        }
        guard.fault(
                fault,
                guard.byUsername(account)
                        .orElseThrow(() -> new InvalidCitizenMessage("account", "not a monitored Mastodon account")),
                enabled);
    }
}
