package io.dmdesk.sandbox.telegram;

import io.dmdesk.sandbox.state.StateChanged;
import io.dmdesk.sandbox.state.StatePart;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** Citizens' usernames by user id (= private chat id), kept so replies name the citizen after a restart too. */
    private final Map<Long, String> usernames = new HashMap<>();
    /** Who wrote each group message ({@code <chatId>_<messageId>} to user id), so a group answer names them. */
    private final Map<String, Long> groupAuthors = new HashMap<>();

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
            long userId = ((Number) from.get("id")).longValue();
            if (from.get("username") instanceof String username) {
                usernames.put(userId, username);
            }
            if (chatId < 0) {
                groupAuthors.put(chatId + "_" + message.get("message_id"), userId);
            }
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
        return send(botId, bot, chat, text, 0);
    }

    /** @param replyTo the message this one answers (reply_to_message), or 0 */
    synchronized Map<String, Object> send(
            long botId, Map<String, Object> bot, Map<String, Object> chat, String text, long replyTo) {
        long chatId = ((Number) chat.get("id")).longValue();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", nextMessageId(chatId));
        message.put("from", bot);
        message.put("chat", chat);
        message.put("date", clock.instant().getEpochSecond());
        message.put("text", text);
        if (replyTo > 0) {
            message.put("reply_to_message", Map.of("message_id", replyTo, "chat", chat));
        }
        sent.add(Map.of("botId", botId, "message", message));
        events.publishEvent(new StateChanged(name()));
        return message;
    }

    synchronized List<Map<String, Object>> sent() {
        return List.copyOf(sent);
    }

    /** The username of a citizen who wrote to a bot, by user id (a private chat's id). */
    synchronized Optional<String> username(long userId) {
        return Optional.ofNullable(usernames.get(userId));
    }

    /** The username of whoever wrote that group message. */
    synchronized Optional<String> groupAuthor(long chatId, long messageId) {
        Long userId = groupAuthors.get(chatId + "_" + messageId);
        return userId == null ? Optional.empty() : username(userId);
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
        root.set("usernames", m.valueToTree(usernames));
        root.set("groupAuthors", m.valueToTree(groupAuthors));
        return root;
    }

    @Override
    public synchronized void restore(JsonNode node, JsonMapper m) {
        node.path("queues").properties().forEach(e -> {
            List<ObjectNode> list = new ArrayList<>();
            e.getValue().forEach(u -> list.add((ObjectNode) u));
            queues.put(Long.parseLong(e.getKey()), list);
        });
        node.path("nextUpdateId")
                .properties()
                .forEach(e -> nextUpdateId.put(
                        Long.parseLong(e.getKey()), e.getValue().asLong()));
        node.path("nextMessageId")
                .properties()
                .forEach(e -> nextMessageId.put(
                        Long.parseLong(e.getKey()), e.getValue().asLong()));
        node.path("sent").forEach(s -> sent.add(m.convertValue(s, Map.class)));
        node.path("usernames")
                .properties()
                .forEach(e ->
                        usernames.put(Long.parseLong(e.getKey()), e.getValue().asString()));
        node.path("groupAuthors")
                .properties()
                .forEach(e -> groupAuthors.put(e.getKey(), e.getValue().asLong()));
        // Snapshots written before usernames were kept: the messages still queued and those sent name their chats.
        queues.values().forEach(queue -> queue.forEach(u -> remember(u.path("message"))));
    }

    private void remember(JsonNode message) {
        JsonNode from = message.path("from");
        if (from.path("username").isString() && !from.path("is_bot").asBoolean(false)) {
            usernames.putIfAbsent(
                    from.path("id").asLong(), from.path("username").asString());
        }
    }

    @Override
    public synchronized void clear() {
        queues.clear();
        sent.clear();
        usernames.clear();
        groupAuthors.clear();
        // Update and message ids keep counting, as on Telegram: nothing handed out before a reset is reused.
    }
}
