package io.dmdesk.notifier.send;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.errors.DependencyUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Mastodon has no private messages apart from statuses: a reply is {@code POST /api/v1/statuses} with
 * {@code visibility=direct}, the citizen's {@code @acct} first (a direct status reaches only those it
 * mentions) and {@code in_reply_to_id} = the citizen's status, so it lands in their conversation.
 *
 * <p>Unknown outcomes are settled by the server, not by a lookup: every attempt of one intent carries the
 * same {@code Idempotency-Key} (derived from the intent id), and Mastodon answers a repeated key with the
 * status it created the first time instead of posting again. Mastodon keeps keys for about an hour; a lease
 * is 60 s and a claimed intent is retried at once, so a resend always falls within it. {@link #findSent}
 * therefore answers empty and lets the resend go through the key.
 */
@Component
class MastodonSender implements PlatformSender {

    private final WebClient http;
    private final SenderHealth health;

    MastodonSender(AccountsProperties accounts, SenderHealth health) {
        this.http = WebClient.builder()
                .baseUrl(accounts.baseUrl(Platform.MASTODON).toString())
                .build();
        this.health = health;
    }

    @Override
    public Platform platform() {
        return Platform.MASTODON;
    }

    @Override
    public String sendDirect(Account from, Recipient to, String text) {
        return post(from, to, text, "direct");
    }

    /**
     * A public mention is answered in its thread as {@code unlisted}: anyone who opens the thread (and so saw the
     * citizen's post) sees the answer and its advice, but it is not pushed to the public and federated timelines,
     * so the force's account does not broadcast that this person wrote to the police. Same Idempotency-Key rule
     * as a direct status, so a lost outcome posts nothing twice.
     */
    @Override
    public String replyPublic(Account from, Recipient to, String text) {
        if (to.replyToMessageId() == null || to.replyToMessageId().isBlank()) {
            throw new RecipientUnreachableException("mastodon: the status to answer is unknown");
        }
        return post(from, to, text, PUBLIC_REPLY_VISIBILITY);
    }

    static final String PUBLIC_REPLY_VISIBILITY = "unlisted";

    private String post(Account from, Recipient to, String text, String visibility) {
        if (to.handle() == null || to.handle().isBlank()) {
            throw new RecipientUnreachableException(
                    "mastodon: the citizen's acct is unknown, a status cannot address them");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", addressed(to.handle(), text));
        body.put("visibility", visibility);
        if (to.replyToMessageId() != null && !to.replyToMessageId().isBlank()) {
            body.put("in_reply_to_id", to.replyToMessageId());
        }
        Map<?, ?> answer = SendCalls.call(
                health,
                platform(),
                from,
                () -> {
                    WebClient.RequestBodySpec request = http.post()
                            .uri("/api/v1/statuses")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + from.token())
                            .contentType(MediaType.APPLICATION_JSON);
                    if (to.idempotencyKey() != null) {
                        request = request.header("Idempotency-Key", to.idempotencyKey());
                    }
                    return request.bodyValue(body)
                            .retrieve()
                            .bodyToMono(Map.class)
                            .timeout(SendCalls.TIMEOUT)
                            .block();
                },
                null);
        if (answer == null || answer.get("id") == null) {
            throw new DependencyUnavailableException("mastodon answered without a status id", null);
        }
        return answer.get("id").toString();
    }

    /**
     * The status text: the citizen's {@code @acct} first, unless the text mentions them already (an operator who
     * typed "@jane ..." in a reply): a direct status reaches whoever it mentions anywhere, and twice reads badly.
     */
    static String addressed(String acct, String text) {
        String handle = acct.strip().replaceFirst("^@", "");
        Pattern mention = Pattern.compile(
                "(?<![\\p{L}\\p{N}_@/])@" + Pattern.quote(handle) + "(?![\\p{L}\\p{N}_@])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return mention.matcher(text).find() ? text : "@" + handle + " " + text;
    }

    /** Empty by design: the Idempotency-Key makes the resend safe (see the class comment). */
    @Override
    public Optional<String> findSent(Account from, Recipient to, String marker) {
        return Optional.empty();
    }
}
