package io.dmdesk.notifier.send;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.credentials.AccessTokens;
import io.dmdesk.support.errors.DependencyUnavailableException;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.support.platform.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Messenger and Instagram DMs through the Send API, {@code POST /v{N}/{id}/messages} with the page token
 * (id = the page; for Instagram the linked page, found as the Messenger account with the same page token, as
 * intake does: a page token goes with the Messenger Platform's {@code /{page-id}/messages}), {@code recipient.id}
 * = the page- or Instagram-scoped id the citizen wrote from.
 *
 * <p>Meta's windows are decided here, before any call, from when the citizen last wrote: within 24 h any
 * message goes as {@code messaging_type: RESPONSE}; after that only a person may write, as
 * {@code MESSAGE_TAG} with {@code tag: HUMAN_AGENT}, up to 7 days. Anything else (an automated
 * acknowledgement or case reference after 24 h, an operator after 7 days) is refused as "cannot reply on
 * channel", which the operator sees; nothing is dropped silently. The time is the reported message's, so a
 * later follow-up from the citizen that would have reopened the window is not counted (conservative). If
 * the platform still answers "outside of allowed window" (code 10 / 2018278), the same applies.
 *
 * <p>{@link #findSent} settles an unknown outcome through the Graph conversations listing before anything is
 * sent again.
 */
class MetaSendApiSender implements PlatformSender {

    static final Duration RESPONSE_WINDOW = Duration.ofHours(24);
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);

    private final Platform platform;
    private final WebClient http;
    private final SenderHealth health;
    private final Clock clock;
    private final String graphVersion;
    private final AccountsProperties accounts;
    /** Renewed page tokens (intake renews them ahead of expiry; this reads the shared store). */
    private final AccessTokens tokens;

    MetaSendApiSender(
            Platform platform,
            AccountsProperties accounts,
            SenderHealth health,
            Clock clock,
            String graphVersion,
            AccessTokens tokens) {
        this.tokens = tokens;
        this.platform = platform;
        this.http = WebClient.builder()
                .baseUrl(accounts.baseUrl(platform).toString())
                .build();
        this.health = health;
        this.clock = clock;
        this.graphVersion = graphVersion;
        this.accounts = accounts;
    }

    @Configuration
    static class Senders {

        @Bean
        PlatformSender messengerSender(
                AccountsProperties accounts,
                SenderHealth health,
                Clock clock,
                @Value("${notifier.meta.graph-version:v21.0}") String version,
                AccessTokens tokens) {
            return new MetaSendApiSender(Platform.MESSENGER, accounts, health, clock, version, tokens);
        }

        /** Facebook page comments: only public replies (a commenter's DMs arrive and go through Messenger). */
        @Bean
        PlatformSender facebookSender(
                AccountsProperties accounts,
                SenderHealth health,
                Clock clock,
                @Value("${notifier.meta.graph-version:v21.0}") String version,
                AccessTokens tokens) {
            return new MetaSendApiSender(Platform.FACEBOOK, accounts, health, clock, version, tokens);
        }

        @Bean
        PlatformSender instagramSender(
                AccountsProperties accounts,
                SenderHealth health,
                Clock clock,
                @Value("${notifier.meta.graph-version:v21.0}") String version,
                AccessTokens tokens) {
            return new MetaSendApiSender(Platform.INSTAGRAM, accounts, health, clock, version, tokens);
        }
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public String sendDirect(Account from, Recipient to, String text) {
        if (platform == Platform.FACEBOOK) {
            throw new RecipientUnreachableException(
                    "facebook: page comments are answered in public; DMs go through Messenger");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient", Map.of("id", to.userId()));
        body.put("message", Map.of("text", text));
        Duration since =
                to.lastMessageAt() == null ? Duration.ZERO : Duration.between(to.lastMessageAt(), clock.instant());
        if (since.compareTo(RESPONSE_WINDOW) <= 0) {
            body.put("messaging_type", "RESPONSE");
        } else if (to.byHuman() && since.compareTo(HUMAN_AGENT_WINDOW) <= 0) {
            body.put("messaging_type", "MESSAGE_TAG");
            body.put("tag", "HUMAN_AGENT");
        } else {
            throw new RecipientUnreachableException(
                    to.byHuman()
                            ? "cannot reply on channel: the citizen last wrote more than 7 days ago (Meta's HUMAN_AGENT limit)"
                            : "cannot reply on channel: the citizen last wrote more than 24 hours ago; Meta allows automated "
                                    + "messages only within 24 h (an operator can still reply, tagged HUMAN_AGENT, within 7 days)");
        }
        Map<?, ?> answer = SendCalls.call(
                health,
                platform,
                from,
                () -> http.post()
                        .uri("/{version}/{id}/messages", graphVersion, pageId(from))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.current(from))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .retrieve()
                        .bodyToMono(Map.class)
                        .timeout(SendCalls.TIMEOUT)
                        .block(),
                e -> classify(from, e));
        if (answer == null || answer.get("message_id") == null) {
            throw new DependencyUnavailableException(platform.code() + " answered without message_id", null);
        }
        return answer.get("message_id").toString();
    }

    /**
     * A comment is answered under it: Facebook {@code POST /{comment-id}/comments}, Instagram
     * {@code POST /{ig-comment-id}/replies}, each with {@code message} and the page token; Graph answers
     * {@code {"id"}}. Instagram story mentions (public, but delivered to the DM inbox) have no comment to answer.
     */
    @Override
    public String replyPublic(Account from, Recipient to, String text) {
        if (platform == Platform.MESSENGER
                || to.conversationId() == null
                || !to.conversationId().startsWith("post-")
                || to.replyToMessageId() == null
                || to.replyToMessageId().isBlank()) {
            throw new RecipientUnreachableException(platform.code()
                    + ": no comment to answer in public (a story mention is answered by an operator in the inbox)");
        }
        Map<?, ?> answer = SendCalls.call(
                health,
                platform,
                from,
                () -> http.post()
                        .uri("/{version}/{comment}/{edge}", graphVersion, to.replyToMessageId(), commentEdge())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.current(from))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("message", text))
                        .retrieve()
                        .bodyToMono(Map.class)
                        .timeout(SendCalls.TIMEOUT)
                        .block(),
                e -> classify(from, e));
        if (answer == null || answer.get("id") == null) {
            throw new DependencyUnavailableException(platform.code() + " answered without the comment id", null);
        }
        return answer.get("id").toString();
    }

    /**
     * Graph lists the replies under a comment ({@code GET /{comment-id}/comments}, {@code /{ig-comment-id}/replies}),
     * so a lost outcome is settled by looking for the account's own reply with the same text before posting again.
     */
    @Override
    public Optional<String> findPublicReply(Account from, Recipient to, String marker) {
        if (to.replyToMessageId() == null || marker == null) {
            return Optional.empty();
        }
        Map<?, ?> answer = SendCalls.call(
                health,
                platform,
                from,
                () -> http.get()
                        .uri(u -> u.path("/{version}/{comment}/{edge}")
                                .queryParam("fields", "id,message,text,from")
                                .queryParam("limit", 100)
                                .build(graphVersion, to.replyToMessageId(), commentEdge()))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.current(from))
                        .retrieve()
                        .bodyToMono(Map.class)
                        .timeout(SendCalls.TIMEOUT)
                        .block(),
                e -> classify(from, e));
        if (answer != null && answer.get("data") instanceof List<?> replies) {
            for (Object o : replies) {
                if (o instanceof Map<?, ?> reply
                        && reply.get("from") instanceof Map<?, ?> author
                        && from.platformUserId().equals(String.valueOf(author.get("id")))
                        && (marker.equals(reply.get("message")) || marker.equals(reply.get("text")))) {
                    return Optional.of(String.valueOf(reply.get("id")));
                }
            }
        }
        return Optional.empty();
    }

    private String commentEdge() {
        return platform == Platform.INSTAGRAM ? "replies" : "comments";
    }

    /** Instagram messages are sent through the linked Facebook page (the Messenger account with the same token). */
    private String pageId(Account from) {
        if (platform == Platform.MESSENGER) {
            return from.platformUserId();
        }
        return accounts.accounts().stream()
                .filter(a -> a.platform() == Platform.MESSENGER && a.token().equals(from.token()))
                .map(Account::platformUserId)
                .findFirst()
                .orElse(from.platformUserId());
    }

    /**
     * A send whose outcome was lost is looked up before sending again: the page's conversation with this person
     * ({@code GET /{page-id}/conversations?platform=&user_id=} with the 25 latest messages) is searched for a
     * message from the account that carries the marker (the reference, or an operator's exact text).
     */
    @Override
    public Optional<String> findSent(Account from, Recipient to, String marker) {
        if (platform == Platform.FACEBOOK || to.userId() == null || marker == null) {
            return Optional.empty();
        }
        Map<?, ?> answer = SendCalls.call(
                health,
                platform,
                from,
                () -> http.get()
                        .uri(u -> u.path("/{version}/{page}/conversations")
                                .queryParam("platform", platform.code())
                                .queryParam("user_id", to.userId())
                                .queryParam(
                                        "fields", "{fields}") // braces in the value: expanded, not parsed as a template
                                .build(
                                        graphVersion,
                                        pageId(from),
                                        "id,updated_time,messages.limit(25){id,created_time,from,to,message}"))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.current(from))
                        .retrieve()
                        .bodyToMono(Map.class)
                        .timeout(SendCalls.TIMEOUT)
                        .block(),
                e -> classify(from, e));
        if (answer != null && answer.get("data") instanceof List<?> conversations) {
            for (Object c : conversations) {
                if (c instanceof Map<?, ?> conversation
                        && conversation.get("messages") instanceof Map<?, ?> messages
                        && messages.get("data") instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> m
                                && m.get("from") instanceof Map<?, ?> author
                                && from.platformUserId().equals(String.valueOf(author.get("id")))
                                && String.valueOf(m.get("message")).contains(marker)) {
                            return Optional.of(String.valueOf(m.get("id")));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Graph errors are 400 with {@code error.code}: the code, not the status, says what happened. */
    private RuntimeException classify(Account from, WebClientResponseException e) {
        int code = -1;
        int subcode = -1;
        try {
            Map<?, ?> body = e.getResponseBodyAs(Map.class);
            if (body != null && body.get("error") instanceof Map<?, ?> error) {
                code = error.get("code") instanceof Number n ? n.intValue() : -1;
                subcode = error.get("error_subcode") instanceof Number n ? n.intValue() : -1;
            }
        } catch (RuntimeException unreadable) {
            return null;
        }
        String name = platform.code();
        if (code == 190 || code == 102) {
            health.report(
                    name,
                    from.id(),
                    AccountState.CREDENTIALS_INVALID,
                    name + ": page token invalid or expired (OAuthException " + code + ")");
            return new DependencyUnavailableException(name + " credentials invalid for " + from.id(), null);
        }
        if (code == 4 || code == 17 || code == 32 || code == 613 || code == 80006) {
            // Graph answers limits as error codes, with the usage headers telling when access comes back.
            RateLimits.resetAt(platform, e.getHeaders(), null, clock.instant())
                    .ifPresent(until -> health.limitUntil(from.id(), until));
            health.report(name, from.id(), AccountState.RATE_LIMITED, name + " rate limit (code " + code + ")");
            return new DependencyUnavailableException(name + " rate limit for " + from.id(), null);
        }
        if (code == 1 || code == 2) {
            health.report(
                    name, from.id(), AccountState.DEGRADED, name + " temporarily unavailable (code " + code + ")");
            return new DependencyUnavailableException(name + " temporarily unavailable", null);
        }
        if (code == 10 && subcode == 2018278) {
            return new RecipientUnreachableException(
                    "cannot reply on channel: Meta says the messaging window has closed");
        }
        if (code == 551 || subcode == 2018001 || subcode == 2018108) {
            return new RecipientUnreachableException(
                    "cannot reply on channel: " + name + " says this person cannot be messaged (code " + code + ")");
        }
        return null;
    }
}
