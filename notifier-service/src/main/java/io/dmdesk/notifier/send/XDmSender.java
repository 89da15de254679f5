package io.dmdesk.notifier.send;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/** X API v2: {@code POST /2/dm_conversations/with/:participant_id/messages}, answered with 201 and the event id. */
@Component
class XDmSender implements PlatformSender {

    private final WebClient http;

    XDmSender(AccountsProperties accounts) {
        this.http = WebClient.builder().baseUrl(accounts.baseUrl(Platform.X).toString()).build();
    }

    @Override
    public Platform platform() {
        return Platform.X;
    }

    @Override
    public String sendDirect(Account from, String recipientId, String conversationId, String text) {
        Map<?, ?> answer = http.post().uri("/2/dm_conversations/with/{participant}/messages", recipientId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + from.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", text))
                .retrieve()
                .bodyToMono(Map.class)
                .block(Duration.ofSeconds(10));
        Object data = answer == null ? null : answer.get("data");
        if (!(data instanceof Map<?, ?> d) || d.get("dm_event_id") == null) {
            throw new IllegalStateException("X answered without dm_event_id");
        }
        return d.get("dm_event_id").toString();
    }
}
