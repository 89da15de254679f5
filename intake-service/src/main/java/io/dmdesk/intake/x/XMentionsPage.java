package io.dmdesk.intake.x;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One page of {@code GET /2/users/:id/mentions}: posts newest first, {@code meta.newest_id} and paging. */
record XMentionsPage(List<Post> data, Includes includes, Meta meta) {

    XMentionsPage {
        data = data == null ? List.of() : data;
    }

    Optional<String> nextToken() {
        return Optional.ofNullable(meta).map(Meta::nextToken);
    }

    Map<String, XDmEventsPage.User> usersById() {
        if (includes == null || includes.users() == null) {
            return Map.of();
        }
        return includes.users().stream()
                .collect(Collectors.toMap(XDmEventsPage.User::id, Function.identity(), (a, b) -> a));
    }

    record Post(
            String id,
            String text,
            @JsonProperty("author_id") String authorId,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("conversation_id") String conversationId,
            @JsonProperty("referenced_tweets") List<Reference> referencedTweets) {

        /** The post this one replies to, if any. */
        String repliedTo() {
            return referencedTweets == null
                    ? null
                    : referencedTweets.stream()
                            .filter(r -> "replied_to".equals(r.type()))
                            .map(Reference::id)
                            .findFirst()
                            .orElse(null);
        }
    }

    record Reference(String type, String id) {}

    record Includes(List<XDmEventsPage.User> users) {}

    record Meta(
            @JsonProperty("result_count") int resultCount,
            @JsonProperty("newest_id") String newestId,
            @JsonProperty("oldest_id") String oldestId,
            @JsonProperty("next_token") String nextToken) {}
}
