package io.dmdesk.intake.x;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One page of {@code GET /2/dm_events}, with the fields this connector asks for. */
record XDmEventsPage(List<DmEvent> data, Includes includes, Meta meta) {

    XDmEventsPage {
        data = data == null ? List.of() : data;
    }

    Optional<String> nextToken() {
        return Optional.ofNullable(meta).map(Meta::nextToken);
    }

    Map<String, User> usersById() {
        if (includes == null || includes.users() == null) {
            return Map.of();
        }
        return includes.users().stream().collect(Collectors.toMap(User::id, Function.identity(), (a, b) -> a));
    }

    record DmEvent(
            String id,
            @JsonProperty("event_type") String eventType,
            String text,
            @JsonProperty("sender_id") String senderId,
            @JsonProperty("dm_conversation_id") String dmConversationId,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("participant_ids") List<String> participantIds,
            Attachments attachments) {}

    record Attachments(@JsonProperty("media_keys") List<String> mediaKeys) {}

    record Includes(List<User> users) {}

    record User(String id, String username, String name) {}

    record Meta(
            @JsonProperty("result_count") int resultCount,
            @JsonProperty("next_token") String nextToken) {}
}
