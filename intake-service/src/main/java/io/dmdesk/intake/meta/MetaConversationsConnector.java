package io.dmdesk.intake.meta;

import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.ConnectorHealth;
import io.dmdesk.intake.connector.PageHandOff;
import io.dmdesk.intake.connector.ConnectorState;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.intake.connector.PullConnector;
import io.dmdesk.intake.cursor.CursorStore;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reconciling pull behind the Meta webhook: {@code GET /{page-id}/conversations?platform=messenger|instagram}
 * with each conversation's latest messages. Whatever a missed webhook did not bring arrives here with the same
 * messageId (the mid), and what the webhook did bring is recognised and not published again. The cursor is the
 * newest message time handed on; messages at that same second are re-read and deduplicated by id.
 */
@org.springframework.stereotype.Component
class MetaConversationsConnector implements PullConnector {

    static final String STREAM = "conversations";
    static final String GRAPH_VERSION = "v21.0";
    static final String FIELDS = "id,updated_time,messages.limit(25){id,created_time,from,message}";
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final AccountsProperties accounts;
    private final CursorStore cursors;
    private final PageHandOff handOff;
    private final ConnectorHealth health;
    private final IntakeProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final WebClient http = WebClient.builder().build();

    MetaConversationsConnector(AccountsProperties accounts, CursorStore cursors, PageHandOff handOff, ConnectorHealth health,
                               IntakeProperties properties, JsonMapper json, Clock clock) {
        this.accounts = accounts;
        this.cursors = cursors;
        this.handOff = handOff;
        this.health = health;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean supports(Account account) {
        return account.platform() == Platform.MESSENGER || account.platform() == Platform.INSTAGRAM;
    }

    @Override
    public int pull(Account account) {
        Instant since = cursors.get(account.id(), STREAM).map(Instant::parse)
                .orElse(clock.instant().minus(properties.backfill()));
        Fetched fetched = conversations(account);
        JsonNode root = fetched.body();
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode conversation : root.path("data")) {
            if (time(conversation.path("updated_time")).isBefore(since)) {
                continue;
            }
            for (JsonNode message : conversation.path("messages").path("data")) {
                if (!time(message.path("created_time")).isBefore(since)
                        && !account.platformUserId().equals(message.path("from").path("id").asString(""))) {
                    fresh.add(message);
                }
            }
        }
        fresh.sort(Comparator.comparing(m -> time(m.path("created_time"))));
        int handed = handOff.handOn(account, STREAM, fresh, m -> Optional.of(toInbound(account, m)),
                m -> time(m.path("created_time")).toString());
        health.success(account.id(), fetched.remainingPercent());
        return handed;
    }

    private Fetched conversations(Account account) {
        String uri = UriComponentsBuilder.fromUri(accounts.baseUrl(account.platform()))
                .path("/" + GRAPH_VERSION + "/{page}/conversations")
                .queryParam("platform", account.platform() == Platform.INSTAGRAM ? "instagram" : "messenger")
                // Graph field expansion uses braces: passed as a variable so they are encoded, not expanded.
                .queryParam("fields", "{fields}")
                .encode().buildAndExpand(pageId(account), FIELDS).toUri().toString();
        try {
            ResponseEntity<String> response = http.get().uri(java.net.URI.create(uri))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.token())
                    .retrieve().toEntity(String.class).block(properties.requestTimeout());
            JsonNode body = json.readTree(response == null || response.getBody() == null ? "{}" : response.getBody());
            MetaUsage usage = response == null ? MetaUsage.NONE : MetaUsage.of(response.getHeaders(), json);
            if (usage.exhausted()) {
                // Meta throttles at 100 %: stop before it, for as long as Meta says access is regained in.
                throw new PlatformApiException(ConnectorState.RATE_LIMITED, "Meta usage at " + usage.percent() + " %",
                        clock.instant().plus(usage.regainIn()));
            }
            return new Fetched(body, usage.remainingPercent());
        } catch (WebClientResponseException e) {
            throw translate(e);
        }
    }

    /** Instagram conversations are listed under the linked Facebook page: the Messenger account with the same team. */
    private String pageId(Account account) {
        if (account.platform() == Platform.MESSENGER) {
            return account.platformUserId();
        }
        return accounts.accounts().stream().filter(a -> a.platform() == Platform.MESSENGER
                        && a.token().equals(account.token())).map(Account::platformUserId).findFirst()
                .orElse(account.platformUserId());
    }

    /** Graph errors carry a code: 190 is an invalid or expired token; 4, 17, 32, 613 are throttling. */
    private PlatformApiException translate(WebClientResponseException e) {
        int code;
        try {
            code = json.readTree(e.getResponseBodyAsString()).path("error").path("code").asInt(0);
        } catch (RuntimeException notJson) {
            code = 0;
        }
        if (code == 190 || e.getStatusCode().value() == 401) {
            return new PlatformApiException(ConnectorState.CREDENTIALS_INVALID,
                    "Graph API answered OAuthException 190: page token expired or revoked", null);
        }
        if (code == 4 || code == 17 || code == 32 || code == 613 || e.getStatusCode().value() == 429) {
            return new PlatformApiException(ConnectorState.RATE_LIMITED, "Graph API throttling code " + code,
                    clock.instant().plusSeconds(60));
        }
        return new PlatformApiException(ConnectorState.DEGRADED, "Graph API answered " + e.getStatusCode().value(), null);
    }

    private InboundMessage toInbound(Account account, JsonNode m) {
        Platform platform = account.platform();
        Instant at = time(m.path("created_time"));
        String mid = m.path("id").asString("");
        String sender = m.path("from").path("id").asString("");
        MonitoredAccount monitored = new MonitoredAccount(account.id(), account.handle(), account.team(),
                account.district(), account.officer(), account.outOfHours(at));
        // Same id, conversation and author id as the webhook path builds (MetaEvents).
        return new InboundMessage(InboundMessage.SCHEMA_VERSION, InboundMessage.idFor(platform, mid), MessageKind.NEW,
                platform, monitored, Channel.DM, sender, mid, new Author(sender, null, null),
                m.path("message").asString(""), null, List.of(), at, clock.instant(), null);
    }

    private record Fetched(JsonNode body, Integer remainingPercent) {
    }

    private static Instant time(JsonNode node) {
        String value = node.asString("");
        if (value.isEmpty()) {
            return Instant.EPOCH;
        }
        return OffsetDateTime.parse(value, GRAPH_TIME).toInstant();
    }
}
