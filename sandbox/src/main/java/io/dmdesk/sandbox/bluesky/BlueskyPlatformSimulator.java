package io.dmdesk.sandbox.bluesky;

import io.dmdesk.sandbox.platform.CitizenForm;
import io.dmdesk.sandbox.platform.CitizenMessage;
import io.dmdesk.sandbox.platform.DeliveredMessage;
import io.dmdesk.sandbox.platform.InvalidCitizenMessage;
import io.dmdesk.sandbox.platform.Mentions;
import io.dmdesk.sandbox.platform.MonitoredAccount;
import io.dmdesk.sandbox.platform.PlatformSimulator;
import io.dmdesk.sandbox.platform.SentReply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Bluesky for the control API: a citizen chats with a monitored account ({@code dm}) or mentions it in a post. */
@Component
class BlueskyPlatformSimulator implements PlatformSimulator {

    private static final Pattern HANDLE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,60}");

    private final BlueskyProperties properties;
    private final BlueskyState state;
    private final XrpcController xrpc;
    private final Clock clock;

    BlueskyPlatformSimulator(BlueskyProperties properties, BlueskyState state, XrpcController xrpc, Clock clock) {
        this.properties = properties;
        this.state = state;
        this.xrpc = xrpc;
        this.clock = clock;
    }

    @Override
    public String platform() {
        return "bluesky";
    }

    @Override
    public List<String> channels() {
        return List.of("dm", "mention");
    }

    @Override
    public String displayName() {
        return "Bluesky";
    }

    @Override
    public CitizenForm citizenForm() {
        return new CitizenForm(
                "jane.bsky.social",
                "[A-Za-z0-9][A-Za-z0-9.\\-]{0,60}",
                61,
                "A Bluesky handle such as jane.bsky.social, without @ (a name without a dot gets .bsky.social).",
                1000);
    }

    @Override
    public List<MonitoredAccount> accounts() {
        return properties.accounts().stream()
                .map(a -> new MonitoredAccount(a.handle(), a.did(), a.displayName()))
                .toList();
    }

    @Override
    public DeliveredMessage receive(CitizenMessage message) {
        if (!channels().contains(message.channel())) {
            throw new InvalidCitizenMessage("channel", "channel must be one of " + channels());
        }
        BlueskyProperties.Account account = account(message.account());
        String sender = message.sender() == null
                ? ""
                : message.sender().strip().replaceFirst("^@", "").toLowerCase();
        if (!HANDLE.matcher(sender).matches()) {
            throw new InvalidCitizenMessage("sender", "sender must be a handle such as jane.bsky.social");
        }
        if (message.text() == null || message.text().isBlank() || message.text().length() > 1000) {
            throw new InvalidCitizenMessage("text", "text must be 1-1000 characters");
        }
        String handle = sender.contains(".") ? sender : sender + ".bsky.social";
        String did = "did:plc:"
                + UUID.nameUUIDFromBytes(handle.getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "")
                        .substring(0, 24);
        state.citizen(did, handle);
        if ("dm".equals(message.channel())) {
            BlueskyState.ChatMessage m = state.message(did, account.did(), message.text());
            return new DeliveredMessage(m.messageId(), m.convoId(), account.handle(), handle, did, m.sentAt());
        }
        String text = Mentions.addressed(message.text(), account.handle());
        BlueskyState.Mention m = state.mention(did, handle, account.did(), text);
        return new DeliveredMessage(
                m.uri(), m.uri(), account.handle(), handle, did, m.createdAt(), Map.of("cid", m.cid()));
    }

    @Override
    public List<SentReply> replies() {
        Set<String> monitored = properties.accounts().stream()
                .map(BlueskyProperties.Account::did)
                .collect(Collectors.toSet());
        List<SentReply> all = state.sentBy(monitored).stream()
                .map(m -> new SentReply(
                        m.messageId(),
                        platform(),
                        properties.accounts().stream()
                                .filter(a -> a.did().equals(m.senderDid()))
                                .map(BlueskyProperties.Account::handle)
                                .findFirst()
                                .orElse(m.senderDid()),
                        state.handle(m.recipientDid()).orElse(m.recipientDid()),
                        m.recipientDid(),
                        m.convoId(),
                        m.text(),
                        m.sentAt()))
                .collect(Collectors.toCollection(ArrayList::new));
        state.repliesBy(monitored)
                .forEach(r -> all.add(new SentReply(
                        r.uri(),
                        platform(),
                        properties.accounts().stream()
                                .filter(a -> a.did().equals(r.authorDid()))
                                .map(BlueskyProperties.Account::handle)
                                .findFirst()
                                .orElse(r.authorDid()),
                        state.handle(r.parentAuthorDid()).orElse(r.parentAuthorDid()),
                        r.parentAuthorDid(),
                        r.parentUri(),
                        r.text(),
                        r.createdAt(),
                        "public",
                        null)));
        all.sort(Comparator.comparing(SentReply::sentAt));
        return all;
    }

    @Override
    public List<String> faults() {
        return List.of("expired-token", "rate-limit");
    }

    @Override
    public void fault(String fault, String account, boolean enabled) {
        BlueskyProperties.Account a = account(account);
        switch (fault) {
            case "expired-token" -> {
                if (enabled) {
                    xrpc.revoked.put(a.did(), true);
                } else {
                    xrpc.revoked.remove(a.did());
                }
            }
            case "rate-limit" -> {
                if (enabled) {
                    xrpc.limitedUntil.put(a.did(), clock.instant().getEpochSecond() + 2);
                } else {
                    xrpc.limitedUntil.remove(a.did());
                }
            }
            default -> throw new InvalidCitizenMessage("fault", "fault must be one of " + faults());
        }
    }

    private BlueskyProperties.Account account(String handle) {
        return properties.accounts().stream()
                .filter(a -> a.handle().equalsIgnoreCase(handle == null ? "" : handle))
                .findFirst()
                .orElseThrow(() -> new InvalidCitizenMessage("account", "not a monitored Bluesky account"));
    }
}
