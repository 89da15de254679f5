package io.dmdesk.sandbox.meta;

import io.dmdesk.sandbox.platform.CitizenForm;
import io.dmdesk.sandbox.platform.CitizenMessage;
import io.dmdesk.sandbox.platform.DeliveredMessage;
import io.dmdesk.sandbox.platform.InvalidCitizenMessage;
import io.dmdesk.sandbox.platform.MonitoredAccount;
import io.dmdesk.sandbox.platform.PlatformSimulator;
import io.dmdesk.sandbox.platform.SentReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Messenger, Instagram and Facebook page comments for the control API: one Meta app webhook serves all three. */
@Configuration(proxyBeanMethods = false)
class MetaSimulators {

    @Bean
    PlatformSimulator messengerSimulator(MetaProperties p, MetaMessages m, MetaWebhooks w) {
        return new Simulator("messenger", List.of("dm"), p, m, w);
    }

    @Bean
    PlatformSimulator instagramSimulator(MetaProperties p, MetaMessages m, MetaWebhooks w) {
        return new Simulator("instagram", List.of("dm", "comment", "story_mention"), p, m, w);
    }

    @Bean
    PlatformSimulator facebookSimulator(MetaProperties p, MetaMessages m, MetaWebhooks w) {
        return new Simulator("facebook", List.of("comment"), p, m, w);
    }

    static final class Simulator implements PlatformSimulator {

        private final String platform;
        private final List<String> channels;
        private final MetaProperties properties;
        private final MetaMessages messages;
        private final MetaWebhooks webhooks;

        Simulator(
                String platform,
                List<String> channels,
                MetaProperties properties,
                MetaMessages messages,
                MetaWebhooks webhooks) {
            this.platform = platform;
            this.channels = channels;
            this.properties = properties;
            this.messages = messages;
            this.webhooks = webhooks;
        }

        @Override
        public String platform() {
            return platform;
        }

        @Override
        public List<String> channels() {
            return channels;
        }

        @Override
        public String displayName() {
            return switch (platform) {
                case "messenger" -> "Messenger";
                case "instagram" -> "Instagram";
                default -> "Facebook";
            };
        }

        @Override
        public CitizenForm citizenForm() {
            return "instagram".equals(platform)
                    ? new CitizenForm(
                            "jane_citizen",
                            "[A-Za-z0-9._]{1,30}",
                            30,
                            "An Instagram username: 1 to 30 letters, digits, periods or underscores, without @.",
                            2000)
                    : new CitizenForm(
                            "jane_citizen",
                            ".*\\S.*",
                            100,
                            "Any name: the page-scoped id Meta gives the sender is derived from it.",
                            2000);
        }

        @Override
        public List<MonitoredAccount> accounts() {
            return properties.pages().stream()
                    .map(p -> "instagram".equals(platform)
                            ? new MonitoredAccount(p.instagramUsername(), p.instagramId(), p.name())
                            : new MonitoredAccount(p.name().replace(" ", ""), p.pageId(), p.name()))
                    .toList();
        }

        @Override
        public DeliveredMessage receive(CitizenMessage message) {
            if (!channels.contains(message.channel())) {
                throw new InvalidCitizenMessage("channel", "channel must be one of " + channels);
            }
            MonitoredAccount account = accounts().stream()
                    .filter(a -> a.handle().equalsIgnoreCase(message.account()))
                    .findFirst()
                    .orElseThrow(
                            () -> new InvalidCitizenMessage("account", "not a monitored " + platform + " account"));
            if (message.sender() == null || message.sender().isBlank()) {
                throw new InvalidCitizenMessage("sender", "sender is required");
            }
            String text = message.text() == null ? "" : message.text();
            if (!"story_mention".equals(message.channel()) && (text.isBlank() || text.length() > 2000)) {
                throw new InvalidCitizenMessage("text", "text must be 1-2000 characters");
            }
            // Page- or Instagram-scoped user id: the same sender gets the same id per platform.
            String senderId = Long.toString(Math.floorMod(
                            UUID.nameUUIDFromBytes((platform + message.sender()).getBytes(StandardCharsets.UTF_8))
                                    .getMostSignificantBits(),
                            9_000_000_000_000_000L)
                    + 1_000_000_000_000_000L);
            MetaMessages.Message m = messages.add(
                    platform,
                    message.channel(),
                    account.id(),
                    senderId,
                    message.senderName() == null ? message.sender() : message.senderName(),
                    text);
            webhooks.deliver(m);
            return new DeliveredMessage(m.id(), senderId, account.handle(), message.sender(), senderId, m.createdAt());
        }

        @Override
        public List<SentReply> replies() {
            List<SentReply> all = new ArrayList<>(messages.sent(platform).stream()
                    .map(m -> new SentReply(
                            m.id(),
                            platform,
                            handle(m.ownerId()),
                            m.senderName(),
                            m.recipientId(),
                            m.recipientId(),
                            m.text(),
                            m.createdAt()))
                    .toList());
            messages.commentReplies(platform)
                    .forEach(m -> all.add(new SentReply(
                            m.id(),
                            platform,
                            handle(m.ownerId()),
                            m.senderName(),
                            m.recipientId(),
                            m.postId(),
                            m.text(),
                            m.createdAt(),
                            "public",
                            null)));
            all.sort(Comparator.comparing(SentReply::sentAt));
            return all;
        }

        private String handle(String ownerId) {
            return accounts().stream()
                    .filter(a -> a.id().equals(ownerId))
                    .map(MonitoredAccount::handle)
                    .findFirst()
                    .orElse(ownerId);
        }

        @Override
        public List<String> faults() {
            return List.of(
                    MetaWebhooks.MISSED, MetaWebhooks.DUPLICATE, MetaWebhooks.EXPIRED_TOKEN, MetaWebhooks.RATE_LIMIT);
        }

        @Override
        public void fault(String fault, String account, boolean enabled) {
            if (MetaWebhooks.MISSED.equals(fault)) {
                webhooks.missed = enabled;
            } else if (MetaWebhooks.EXPIRED_TOKEN.equals(fault)) {
                webhooks.pageTokenExpired = enabled;
            } else if (MetaWebhooks.DUPLICATE.equals(fault)) {
                webhooks.duplicate = enabled;
            } else if (MetaWebhooks.RATE_LIMIT.equals(fault)) {
                // One page (by its handle, or its Instagram account's): its Graph reads are throttled for a while.
                MonitoredAccount target = accounts().stream()
                        .filter(a -> a.handle().equalsIgnoreCase(account))
                        .findFirst()
                        .orElseThrow(
                                () -> new InvalidCitizenMessage("account", "not a monitored " + platform + " account"));
                String pageId = properties.pageOfNode(target.id()).orElseThrow().pageId();
                if (enabled) {
                    webhooks.readsThrottledUntil.put(pageId, webhooks.now().plus(MetaWebhooks.READS_THROTTLED_FOR));
                } else {
                    webhooks.readsThrottledUntil.remove(pageId);
                }
            } else {
                throw new InvalidCitizenMessage("fault", "fault must be one of " + faults());
            }
        }

        @Override
        public void registerWebhook(String url) {
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new InvalidCitizenMessage("url", "url must be an http(s) URL");
            }
            webhooks.register(url);
        }

        @Override
        public Map<String, Object> webhookStatus() {
            return webhooks.status();
        }
    }
}
