package io.dmdesk.sandbox.x;

import io.dmdesk.sandbox.state.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /2/dm_events: the DM events of the authenticated account, received and sent, newest first. */
@RestController
class DmEventsController {

    private final XRequestGuard guard;
    private final XDirectMessages directMessages;

    private final XFaults faults;

    DmEventsController(XRequestGuard guard, XDirectMessages directMessages, XFaults faults) {
        this.faults = faults;
        this.guard = guard;
        this.directMessages = directMessages;
    }

    @GetMapping("/x/2/dm_events")
    ResponseEntity<Map<String, Object>> dmEvents(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam MultiValueMap<String, String> params) {
        XRequestGuard.Caller caller = guard.admit(authorization, XRateLimiter.Endpoint.DM_EVENTS);
        DmEventsQuery query = DmEventsQuery.parse(params, caller.rateLimitHeaders());
        XDirectMessages.DmEventPage page = directMessages.page(
                caller.account().id(),
                query.beforeId(),
                query.maxResults(),
                event -> query.eventTypes().contains(DmEvent.MESSAGE_CREATE));
        return ResponseEntity.ok().headers(caller.rateLimitHeaders()).body(body(page, query));
    }

    private Map<String, Object> body(XDirectMessages.DmEventPage page, DmEventsQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("result_count", page.events().size());
        if (page.events().isEmpty()) {
            body.put("meta", meta);
            return body;
        }
        List<DmEvent> served = faults.outOfOrder() ? XFaults.shuffled(page.events()) : page.events();
        body.put(
                "data",
                served.stream().map(event -> render(event, query.fields())).toList());
        if (query.expandsUsers()) {
            body.put(
                    "includes",
                    Map.of("users", users(page.events(), query.expansions().contains("participant_ids"))));
        }
        if (page.more()) {
            meta.put(
                    "next_token",
                    DmEventsQuery.paginationToken(
                            page.events().get(page.events().size() - 1).id()));
        }
        body.put("meta", meta);
        return body;
    }

    /** Only the asked-for fields, as X does; real X omits participant_ids on MessageCreate events. */
    private static Map<String, Object> render(DmEvent event, Set<String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(event.id()));
        json.put("event_type", DmEvent.MESSAGE_CREATE);
        json.put("text", event.text());
        if (fields.contains("created_at")) {
            json.put("created_at", Timestamps.iso(event.createdAt()));
        }
        if (fields.contains("dm_conversation_id")) {
            json.put("dm_conversation_id", event.conversationId());
        }
        if (fields.contains("sender_id")) {
            json.put("sender_id", event.senderId());
        }
        return json;
    }

    /** The senders of the page's events, plus the other participants when participant_ids is expanded. */
    private List<Map<String, String>> users(List<DmEvent> events, boolean withParticipants) {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(event -> {
            ids.add(event.senderId());
            if (withParticipants) {
                ids.add(event.recipientId());
            }
        });
        List<Map<String, String>> users = new ArrayList<>();
        for (String id : ids) {
            directMessages.user(id).ifPresent(user -> {
                Map<String, String> json = new LinkedHashMap<>();
                json.put("id", user.id());
                json.put("name", user.name());
                json.put("username", user.username());
                users.add(json);
            });
        }
        return users;
    }
}
