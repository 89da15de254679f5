package io.dmdesk.sandbox.x;

import io.dmdesk.sandbox.platform.CitizenForm;
import io.dmdesk.sandbox.platform.CitizenMessage;
import io.dmdesk.sandbox.platform.DeliveredMessage;
import io.dmdesk.sandbox.platform.InvalidCitizenMessage;
import io.dmdesk.sandbox.platform.Mentions;
import io.dmdesk.sandbox.platform.MonitoredAccount;
import io.dmdesk.sandbox.platform.PlatformSimulator;
import io.dmdesk.sandbox.platform.SentReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** X as the control API drives it: citizens write DMs, and the replies the product sent can be read back. */
@Component
class XPlatformSimulator implements PlatformSimulator {

    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{1,15}");

    private final XAccounts accounts;
    private final XDirectMessages directMessages;
    private final XMentions mentions;
    private final XWebhooks webhooks;
    private final XFaults faults;
    private final XPublicReplies publicReplies;

    XPlatformSimulator(
            XAccounts accounts,
            XDirectMessages directMessages,
            XMentions mentions,
            XWebhooks webhooks,
            XFaults faults,
            XPublicReplies publicReplies) {
        this.publicReplies = publicReplies;
        this.accounts = accounts;
        this.directMessages = directMessages;
        this.mentions = mentions;
        this.webhooks = webhooks;
        this.faults = faults;
    }

    @Override
    public String platform() {
        return "x";
    }

    @Override
    public List<String> channels() {
        return List.of("dm", "mention");
    }

    @Override
    public String displayName() {
        return "X";
    }

    @Override
    public CitizenForm citizenForm() {
        return new CitizenForm(
                "jane_citizen",
                HANDLE.pattern(),
                15,
                "An X handle: 1 to 15 letters, digits or underscores, without @.",
                SendMessageController.MAX_TEXT_LENGTH);
    }

    @Override
    public List<MonitoredAccount> accounts() {
        return accounts.all().stream()
                .map(account -> new MonitoredAccount(account.handle(), account.id(), account.name()))
                .toList();
    }

    @Override
    public DeliveredMessage receive(CitizenMessage message) {
        if (!channels().contains(message.channel())) {
            throw new InvalidCitizenMessage("channel", "channel must be one of " + channels());
        }
        XProperties.Account account = accounts.byHandle(message.account())
                .orElseThrow(() -> new InvalidCitizenMessage("account", "not a monitored X account"));
        String sender = message.sender() == null ? "" : message.sender().strip().replaceFirst("^@", "");
        if (!HANDLE.matcher(sender).matches()) {
            throw new InvalidCitizenMessage("sender", "sender must be an X handle: 1-15 letters, digits or _");
        }
        if (accounts.byHandle(sender).isPresent()) {
            throw new InvalidCitizenMessage("sender", "sender must be a citizen, not a monitored account");
        }
        if (message.text() == null || message.text().isBlank()) {
            throw new InvalidCitizenMessage("text", "text must not be blank");
        }
        if (message.text().length() > SendMessageController.MAX_TEXT_LENGTH) {
            throw new InvalidCitizenMessage("text", "text must be at most 10000 characters");
        }
        if ("mention".equals(message.channel())) {
            XUser citizen = directMessages.citizen(sender, message.senderName());
            String text = Mentions.addressed(message.text(), account.handle());
            Post post = mentions.post(citizen.id(), account.id(), text);
            webhooks.mention(post);
            return new DeliveredMessage(
                    Long.toString(post.id()),
                    Long.toString(post.id()),
                    account.handle(),
                    citizen.username(),
                    citizen.id(),
                    post.createdAt());
        }
        DmEvent event = directMessages.receiveFromCitizen(account.id(), sender, message.senderName(), message.text());
        webhooks.dm(account.id(), event);
        return new DeliveredMessage(
                Long.toString(event.id()),
                event.conversationId(),
                account.handle(),
                directMessages.user(event.senderId()).map(XUser::username).orElse(sender),
                event.senderId(),
                event.createdAt());
    }

    @Override
    public List<String> faults() {
        return List.of(XFaults.EXPIRED_TOKEN, XFaults.MISSED_WEBHOOK, XFaults.DUPLICATE_WEBHOOK, XFaults.OUT_OF_ORDER);
    }

    @Override
    public void fault(String fault, String account, boolean enabled) {
        if (!faults().contains(fault)) {
            throw new InvalidCitizenMessage("fault", "fault must be one of " + faults());
        }
        if (XFaults.EXPIRED_TOKEN.equals(fault) && accounts.byHandle(account).isEmpty()) {
            throw new InvalidCitizenMessage("account", "not a monitored X account");
        }
        faults.set(fault, account, enabled);
        if (XFaults.OUT_OF_ORDER.equals(fault) && !enabled) {
            webhooks.releaseHeld();
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

    @Override
    public List<SentReply> replies() {
        List<SentReply> all = new ArrayList<>(
                directMessages.sentToCitizens().stream().map(this::reply).toList());
        publicReplies
                .all()
                .forEach(r -> all.add(new SentReply(
                        Long.toString(r.id()),
                        platform(),
                        directMessages.user(r.authorId()).map(XUser::username).orElse(r.authorId()),
                        directMessages
                                .user(r.inReplyToAuthorId())
                                .map(XUser::username)
                                .orElse(r.inReplyToAuthorId()),
                        r.inReplyToAuthorId(),
                        Long.toString(r.inReplyToId()),
                        r.text(),
                        r.createdAt(),
                        "public",
                        null)));
        return all;
    }

    private SentReply reply(DmEvent event) {
        String account =
                directMessages.user(event.senderId()).map(XUser::username).orElse(event.senderId());
        String recipient =
                directMessages.user(event.recipientId()).map(XUser::username).orElse(event.recipientId());
        return new SentReply(
                Long.toString(event.id()),
                platform(),
                account,
                recipient,
                event.recipientId(),
                event.conversationId(),
                event.text(),
                event.createdAt());
    }
}
