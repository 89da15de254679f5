package io.dmdesk.intake.mastodon;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** One entry of {@code GET /api/v1/notifications}, with the fields intake reads. */
record MastodonNotification(
        String id, String type, @JsonProperty("created_at") Instant createdAt, Account account, Status status) {

    record Account(
            String id,
            String username,
            String acct,
            @JsonProperty("display_name") String displayName) {}

    record Status(
            String id,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("in_reply_to_id") String inReplyToId,
            String visibility,
            String content,
            @JsonProperty("spoiler_text") String spoilerText,
            String language,
            @JsonProperty("media_attachments") List<Media> mediaAttachments) {}

    record Media(String id, String type, String url) {}
}
