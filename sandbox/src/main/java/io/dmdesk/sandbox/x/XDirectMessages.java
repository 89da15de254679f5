package io.dmdesk.sandbox.x;

import io.dmdesk.sandbox.state.SnowflakeIds;
import io.dmdesk.sandbox.state.StateChanged;
import io.dmdesk.sandbox.state.StatePart;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The X users and DM events the sandbox knows. One lock guards everything: ids are taken under it, so the
 * event order by id is the order of recording, and reads never see half a change.
 */
@Component
class XDirectMessages implements StatePart {

    private final XAccounts accounts;
    private final SnowflakeIds ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    private final Map<String, XUser> usersById = new LinkedHashMap<>();
    private final Map<String, String> userIdsByHandle = new HashMap<>();
    private final NavigableMap<Long, DmEvent> dmEvents = new TreeMap<>();
    private final Map<String, NavigableMap<Long, DmEvent>> dmEventsByParticipant = new HashMap<>();

    XDirectMessages(XAccounts accounts, SnowflakeIds ids, Clock clock, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        addMonitoredAccounts();
    }

    /** Records a DM from a citizen (created on first use) to a monitored account. */
    DmEvent receiveFromCitizen(String accountId, String handle, String displayName, String text) {
        DmEvent event;
        synchronized (this) {
            XUser citizen = upsertCitizen(handle, displayName);
            event = record(citizen.id(), accountId, text);
        }
        events.publishEvent(new StateChanged(name()));
        return event;
    }

    /** The citizen with this handle, created on first use (shared by DMs and mentions, as on X). */
    XUser citizen(String handle, String displayName) {
        XUser citizen;
        synchronized (this) {
            citizen = upsertCitizen(handle, displayName);
        }
        events.publishEvent(new StateChanged(name()));
        return citizen;
    }

    /** Records a DM a monitored account sends; the recipient must already be a known user. */
    DmEvent send(String accountId, String participantId, String text) {
        DmEvent event;
        synchronized (this) {
            if (participantId.equals(accountId) || !usersById.containsKey(participantId)) {
                throw new UnknownParticipant(participantId);
            }
            event = record(accountId, participantId, text);
        }
        events.publishEvent(new StateChanged(name()));
        return event;
    }

    /**
     * One page of a user's DM events, newest first.
     *
     * @param beforeId only events with a smaller id (the cursor), or null for the newest
     */
    synchronized DmEventPage page(String userId, Long beforeId, int maxResults, Predicate<DmEvent> filter) {
        NavigableMap<Long, DmEvent> mine = dmEventsByParticipant.getOrDefault(userId, new TreeMap<>());
        NavigableMap<Long, DmEvent> older = beforeId == null ? mine : mine.headMap(beforeId, false);
        List<DmEvent> page = new ArrayList<>();
        boolean more = false;
        for (DmEvent event : older.descendingMap().values()) {
            if (!filter.test(event)) {
                continue;
            }
            if (page.size() == maxResults) {
                more = true;
                break;
            }
            page.add(event);
        }
        return new DmEventPage(page, more);
    }

    synchronized Optional<XUser> user(String id) {
        return Optional.ofNullable(usersById.get(id));
    }

    /** DMs monitored accounts sent to citizens, oldest first. */
    synchronized List<DmEvent> sentToCitizens() {
        return dmEvents.values().stream()
                .filter(event -> accounts.isMonitored(event.senderId()) && !accounts.isMonitored(event.recipientId()))
                .toList();
    }

    @Override
    public String name() {
        return "x";
    }

    @Override
    public synchronized JsonNode snapshot(JsonMapper mapper) {
        List<XUser> citizens = usersById.values().stream()
                .filter(user -> !accounts.isMonitored(user.id()))
                .toList();
        return mapper.valueToTree(new Snapshot(citizens, List.copyOf(dmEvents.values())));
    }

    @Override
    public synchronized void restore(JsonNode node, JsonMapper mapper) {
        Snapshot snapshot = mapper.treeToValue(node, Snapshot.class);
        snapshot.citizens().forEach(this::putUser);
        snapshot.dmEvents().forEach(this::index);
    }

    @Override
    public synchronized void clear() {
        usersById.clear();
        userIdsByHandle.clear();
        dmEvents.clear();
        dmEventsByParticipant.clear();
        addMonitoredAccounts();
    }

    private XUser upsertCitizen(String handle, String displayName) {
        String existingId = userIdsByHandle.get(handle.toLowerCase(Locale.ROOT));
        XUser existing = existingId == null ? null : usersById.get(existingId);
        boolean nameGiven = displayName != null && !displayName.isBlank();
        if (existing != null && !nameGiven) {
            return existing;
        }
        XUser citizen = new XUser(CitizenIds.forHandle(handle), handle, nameGiven ? displayName.strip() : handle);
        putUser(citizen);
        return citizen;
    }

    private DmEvent record(String senderId, String recipientId, String text) {
        DmEvent event = new DmEvent(ids.next(), senderId, recipientId, text, Instant.now(clock));
        index(event);
        return event;
    }

    private void index(DmEvent event) {
        dmEvents.put(event.id(), event);
        dmEventsByParticipant
                .computeIfAbsent(event.senderId(), id -> new TreeMap<>())
                .put(event.id(), event);
        dmEventsByParticipant
                .computeIfAbsent(event.recipientId(), id -> new TreeMap<>())
                .put(event.id(), event);
    }

    private void addMonitoredAccounts() {
        accounts.all().forEach(account -> putUser(new XUser(account.id(), account.handle(), account.name())));
    }

    private void putUser(XUser user) {
        usersById.put(user.id(), user);
        userIdsByHandle.put(user.username().toLowerCase(Locale.ROOT), user.id());
    }

    record DmEventPage(List<DmEvent> events, boolean more) {}

    record Snapshot(List<XUser> citizens, List<DmEvent> dmEvents) {}

    static final class UnknownParticipant extends RuntimeException {
        UnknownParticipant(String participantId) {
            super("participant_id " + participantId + " is not a user this account can message");
        }
    }
}
