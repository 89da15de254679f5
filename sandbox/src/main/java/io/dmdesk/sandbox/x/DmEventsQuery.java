package io.dmdesk.sandbox.x;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * The query parameters of GET /2/dm_events, validated the way X validates them: unknown parameters and
 * unknown values are a 400, so a client that works here does not send something real X rejects.
 */
record DmEventsQuery(
        Set<String> fields, Set<String> eventTypes, int maxResults, Long beforeId, Set<String> expansions) {

    static final Set<String> DEFAULT_FIELDS = Set.of("id", "event_type", "text");
    private static final Set<String> FIELDS = Set.of(
            "id",
            "text",
            "event_type",
            "created_at",
            "dm_conversation_id",
            "sender_id",
            "participant_ids",
            "referenced_tweets",
            "attachments");
    private static final Set<String> EVENT_TYPES = Set.of("MessageCreate", "ParticipantsJoin", "ParticipantsLeave");
    private static final Set<String> EXPANSIONS =
            Set.of("attachments.media_keys", "referenced_tweets.id", "sender_id", "participant_ids");
    private static final Set<String> PARAMETERS = Set.of(
            "dm_event.fields",
            "event_types",
            "max_results",
            "pagination_token",
            "expansions",
            "user.fields",
            "media.fields",
            "tweet.fields");
    private static final String TOKEN_PREFIX = "dm";

    static DmEventsQuery parse(MultiValueMap<String, String> params, HttpHeaders rateLimitHeaders) {
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (!PARAMETERS.contains(param.getKey())) {
                throw XApiException.invalidRequest(
                        rateLimitHeaders,
                        param.getKey(),
                        param.getValue().get(0),
                        "The query parameter [" + param.getKey() + "] is not one of " + PARAMETERS);
            }
        }
        Set<String> fields = new LinkedHashSet<>(DEFAULT_FIELDS);
        fields.addAll(list(params, "dm_event.fields", FIELDS, rateLimitHeaders));
        Set<String> eventTypes = list(params, "event_types", EVENT_TYPES, rateLimitHeaders);
        Set<String> expansions = list(params, "expansions", EXPANSIONS, rateLimitHeaders);
        return new DmEventsQuery(
                fields,
                eventTypes.isEmpty() ? EVENT_TYPES : eventTypes,
                maxResults(params.getFirst("max_results"), rateLimitHeaders),
                beforeId(params.getFirst("pagination_token"), rateLimitHeaders),
                expansions);
    }

    /** Opaque to clients; carries the id of the last event of the previous page, so pages never overlap. */
    static String paginationToken(long lastIdOfPage) {
        return TOKEN_PREFIX + Long.toString(lastIdOfPage, 36).toUpperCase(Locale.ROOT);
    }

    private static Set<String> list(
            MultiValueMap<String, String> params, String name, Set<String> allowed, HttpHeaders headers) {
        Set<String> values = new LinkedHashSet<>();
        for (String raw : params.getOrDefault(name, List.of())) {
            for (String value : raw.split(",")) {
                String trimmed = value.trim();
                if (!allowed.contains(trimmed)) {
                    throw XApiException.invalidRequest(
                            headers,
                            name,
                            raw,
                            "The `" + name + "` query parameter value [" + trimmed + "] is not one of " + allowed);
                }
                values.add(trimmed);
            }
        }
        return values;
    }

    private static int maxResults(String raw, HttpHeaders headers) {
        if (raw == null) {
            return 100;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range value
        }
        throw XApiException.invalidRequest(
                headers,
                "max_results",
                raw,
                "The `max_results` query parameter value [" + raw + "] is not between 1 and 100");
    }

    private static Long beforeId(String token, HttpHeaders headers) {
        if (token == null) {
            return null;
        }
        if (token.startsWith(TOKEN_PREFIX) && token.length() > TOKEN_PREFIX.length()) {
            try {
                return Long.parseLong(token.substring(TOKEN_PREFIX.length()), 36);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw XApiException.invalidRequest(
                headers,
                "pagination_token",
                token,
                "The `pagination_token` query parameter value [" + token + "] is not valid");
    }

    boolean expandsUsers() {
        return expansions.contains("sender_id") || expansions.contains("participant_ids");
    }
}
