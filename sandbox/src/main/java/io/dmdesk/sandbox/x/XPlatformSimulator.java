package io.dmdesk.sandbox.x;

import io.dmdesk.sandbox.platform.CitizenMessage;
import io.dmdesk.sandbox.platform.DeliveredMessage;
import io.dmdesk.sandbox.platform.InvalidCitizenMessage;
import io.dmdesk.sandbox.platform.MonitoredAccount;
import io.dmdesk.sandbox.platform.PlatformSimulator;
import io.dmdesk.sandbox.platform.SentReply;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** X as the control API drives it: citizens write DMs, and the replies the product sent can be read back. */
@Component
class XPlatformSimulator implements PlatformSimulator {

  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{1,15}");

  private final XAccounts accounts;
  private final XDirectMessages directMessages;

  XPlatformSimulator(XAccounts accounts, XDirectMessages directMessages) {
    this.accounts = accounts;
    this.directMessages = directMessages;
  }

  @Override
  public String platform() {
    return "x";
  }

  @Override
  public List<String> channels() {
    return List.of("dm");
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
    DmEvent event = directMessages.receiveFromCitizen(account.id(), sender, message.senderName(), message.text());
    return new DeliveredMessage(Long.toString(event.id()), event.conversationId(), account.handle(),
        directMessages.user(event.senderId()).map(XUser::username).orElse(sender), event.senderId(),
        event.createdAt());
  }

  @Override
  public List<SentReply> replies() {
    return directMessages.sentToCitizens().stream().map(this::reply).toList();
  }

  private SentReply reply(DmEvent event) {
    String account = directMessages.user(event.senderId()).map(XUser::username).orElse(event.senderId());
    String recipient = directMessages.user(event.recipientId()).map(XUser::username).orElse(event.recipientId());
    return new SentReply(Long.toString(event.id()), platform(), account, recipient, event.recipientId(),
        event.conversationId(), event.text(), event.createdAt());
  }
}
