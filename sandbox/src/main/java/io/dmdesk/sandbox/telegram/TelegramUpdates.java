package io.dmdesk.sandbox.telegram;

import io.dmdesk.sandbox.state.StateChanged;
import io.dmdesk.sandbox.state.StatePart;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each bot's update queue as Telegram keeps it: update ids increase by one per bot; an update is forgotten
 * once getUpdates is called with a higher offset. Message ids increase per chat. Also what bots sent.
 */
@Component
class TelegramUpdates implements StatePart {

  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final JsonMapper mapper;
  private final Map<Long, List<ObjectNode>> queues = new HashMap<>();
  private final Map<Long, Long> nextUpdateId = new HashMap<>();
  private final Map<Long, Long> nextMessageId = new HashMap<>();
  private final List<Map<String, Object>> sent = new ArrayList<>();

  TelegramUpdates(Clock clock, ApplicationEventPublisher events, JsonMapper mapper) {
    this.clock = clock;
    this.events = events;
    this.mapper = mapper;
  }

  /** Records a citizen's message to a bot (private chat, or a group where the bot is mentioned). */
  ObjectNode receive(long botId, Map<String, Object> from, Map<String, Object> chat, String text) {
    ObjectNode update;
    synchronized (this) {
      long chatId = ((Number) chat.get("id")).longValue();
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("message_id", nextMessageId(chatId));
      message.put("from", from);
      message.put("chat", chat);
      message.put("date", clock.instant().getEpochSecond());
      message.put("text", text);
      update = mapper.createObjectNode();
      update.put("update_id", nextUpdateId.merge(botId, 1L, Long::sum) + 100_000_000L);
      update.set("message", mapper.valueToTree(message));
      queues.computeIfAbsent(botId, id -> new ArrayList<>()).add(update);
    }
    events.publishEvent(new StateChanged(name()));
    return update;
  }

  /** Updates not yet confirmed (getUpdates offset) or delivered (webhook). */
  synchronized int pending(long botId) {
    return queues.getOrDefault(botId, List.of()).size();
  }

  /** Confirms everything below {@code offset} (when given), then returns up to {@code limit} updates. */
  synchronized List<ObjectNode> updates(long botId, Long offset, int limit) {
    List<ObjectNode> queue = queues.computeIfAbsent(botId, id -> new ArrayList<>());
    if (offset != null) {
      queue.removeIf(u -> u.get("update_id").asLong() < offset);
    }
    return List.copyOf(queue.subList(0, Math.min(limit, queue.size())));
  }

  synchronized Map<String, Object> send(long botId, Map<String, Object> bot, Map<String, Object> chat, String text) {
    long chatId = ((Number) chat.get("id")).longValue();
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("message_id", nextMessageId(chatId));
    message.put("from", bot);
    message.put("chat", chat);
    message.put("date", clock.instant().getEpochSecond());
    message.put("text", text);
    sent.add(Map.of("botId", botId, "message", message));
    events.publishEvent(new StateChanged(name()));
    return message;
  }

  synchronized List<Map<String, Object>> sent() {
    return List.copyOf(sent);
  }

  private long nextMessageId(long chatId) {
    return nextMessageId.merge(chatId, 1L, Long::sum);
  }

  @Override
  public String name() {
    return "telegram";
  }

  @Override
  public synchronized JsonNode snapshot(JsonMapper m) {
    ObjectNode root = m.createObjectNode();
    root.set("queues", m.valueToTree(queues));
    root.set("nextUpdateId", m.valueToTree(nextUpdateId));
    root.set("nextMessageId", m.valueToTree(nextMessageId));
    root.set("sent", m.valueToTree(sent));
    return root;
  }

  @Override
  public synchronized void restore(JsonNode node, JsonMapper m) {
    node.path("queues").properties().forEach(e -> {
      List<ObjectNode> list = new ArrayList<>();
      e.getValue().forEach(u -> list.add((ObjectNode) u));
      queues.put(Long.parseLong(e.getKey()), list);
    });
    node.path("nextUpdateId").properties().forEach(e -> nextUpdateId.put(Long.parseLong(e.getKey()), e.getValue().asLong()));
    node.path("nextMessageId").properties().forEach(e -> nextMessageId.put(Long.parseLong(e.getKey()), e.getValue().asLong()));
    node.path("sent").forEach(s -> sent.add(m.convertValue(s, Map.class)));
  }

  @Override
  public synchronized void clear() {
    queues.clear();
    sent.clear();
    // Update and message ids keep counting, as on Telegram: nothing handed out before a reset is reused.
  }
}
