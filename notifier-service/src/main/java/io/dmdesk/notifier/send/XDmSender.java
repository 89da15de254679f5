package io.dmdesk.notifier.send;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.credentials.AccessTokens;
import io.dmdesk.support.errors.DependencyUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * X API v2 direct messages: {@code POST /2/dm_conversations/with/:participant_id/messages} (201 with
 * {@code dm_event_id}); sent messages are looked up in {@code GET /2/dm_events}, which lists what the account
 * sent as well as what it received.
 */
@Component
class XDmSender implements PlatformSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How far back a crashed attempt is looked for: X lists newest first, so the first pages suffice. */
    private static final int LOOKUP_PAGES = 3;

    private final WebClient http;
    private final SenderHealth health;

    /** Renewed user tokens (intake renews them ahead of expiry; this reads the shared store). */
    private final AccessTokens tokens;

    XDmSender(AccountsProperties accounts, SenderHealth health, AccessTokens tokens) {
        this.http = WebClient.builder()
                .baseUrl(accounts.baseUrl(Platform.X).toString())
                .build();
        this.health = health;
        this.tokens = tokens;
    }

    @Override
    public Platform platform() {
        return Platform.X;
    }

    @Override
    public String sendDirect(Account from, Recipient to, String text) {
        Map<?, ?> answer = call(
                from,
                () -> http.post()
                        .uri("/2/dm_conversations/with/{participant}/messages", to.userId())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.current(from))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("text", text))
                        .retrieve()
                        .bodyToMono(Map.class)
                        .timeout(TIMEOUT)
                        .block());
        if (!(answer.get("data") instanceof Map<?, ?> data) || data.get("dm_event_id") == null) {
            throw new DependencyUnavailableException("X answered without dm_event_id", null);
        }
        return data.get("dm_event_id").toString();
    }

    /**
     * A public reply to a mention: {@code POST /2/tweets} with {@code reply.in_reply_to_tweet_id} (201 with
     * {@code data.id}). X has no idempotency key and no cheap lookup of one reply, so an unknown outcome is
     * posted again (the text is the same generic answer; see docs/DECISIONS.md).
     */
    @Override
    public String replyPublic(Account from, Recipient to, String text) {
        if (to.replyToMessageId() == null || to.replyToMessageId().isBlank()) {
            throw new RecipientUnreachableException("x: the post to answer is unknown");
        }
        Map<?, ?> answer = call(
                from,
                () -> http.post()
                        .uri("/2/tweets")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.current(from))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("text", text, "reply", Map.of("in_reply_to_tweet_id", to.replyToMessageId())))
                        .retrieve()
                        .bodyToMono(Map.class)
                        .timeout(TIMEOUT)
                        .block());
        if (!(answer.get("data") instanceof Map<?, ?> data) || data.get("id") == null) {
            throw new DependencyUnavailableException("X answered without the post id", null);
        }
        return data.get("id").toString();
    }

    @Override
    public Optional<String> findSent(Account from, Recipient to, String marker) {
        String token = null;
        for (int page = 0; page < LOOKUP_PAGES; page++) {
            String pageToken = token;
            Map<?, ?> answer = call(
                    from,
                    () -> http.get()
                            .uri(u -> {
                                u.path("/2/dm_events")
                                        .queryParam("dm_event.fields", "id,text,sender_id,dm_conversation_id")
                                        .queryParam("event_types", "MessageCreate")
                                        .queryParam("max_results", 100);
                                if (pageToken != null) {
                                    u.queryParam("pagination_token", pageToken);
                                }
                                return u.build();
                            })
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.current(from))
                            .retrieve()
                            .bodyToMono(Map.class)
                            .timeout(TIMEOUT)
                            .block());
            if (answer.get("data") instanceof List<?> events) {
                for (Object e : events) {
                    if (e instanceof Map<?, ?> event
                            && from.platformUserId().equals(event.get("sender_id"))
                            && to.conversationId().equals(event.get("dm_conversation_id"))
                            && String.valueOf(event.get("text")).contains(marker)) {
                        return Optional.of(String.valueOf(event.get("id")));
                    }
                }
            }
            token = answer.get("meta") instanceof Map<?, ?> meta && meta.get("next_token") != null
                    ? meta.get("next_token").toString()
                    : null;
            if (token == null) {
                break;
            }
        }
        return Optional.empty();
    }

    private Map<?, ?> call(Account from, Supplier<Map<?, ?>> request) {
        Map<?, ?> answer = SendCalls.call(health, platform(), from, request, null);
        return answer == null ? Map.of() : answer;
    }
}
