package io.dmdesk.intake.meta;

import io.dmdesk.contracts.Platform;
import io.dmdesk.intake.IntakeProperties;
import io.dmdesk.intake.connector.PlatformApiException;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import io.dmdesk.support.credentials.AccessTokens;
import io.dmdesk.support.platform.AccountState;
import io.dmdesk.support.platform.MetaUsage;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Graph API reads for the Meta pulls: page token as bearer, usage headers read (stops at 95 %), Graph error
 * codes turned into connector states (190 credentials, 4/17/32/613/80001 throttling, paused for the
 * {@code estimated_time_to_regain_access} the throttled answer's usage headers announce).
 */
@Component
class MetaGraph {

    static final String GRAPH_VERSION = "v21.0";
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final AccountsProperties accounts;
    private final IntakeProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final WebClient http = WebClient.builder().build();
    /**
     * Page-level throttling holds every account read with the page's token (Messenger, Facebook comments and the
     * linked Instagram account) until the announced regain time, not only the stream that was answered.
     */
    private final Map<String, Instant> throttledUntil = new ConcurrentHashMap<>();

    /** The page's current token: renewed ones from the credential store, else the configured one. */
    private final Function<Account, String> tokens;

    MetaGraph(AccountsProperties accounts, IntakeProperties properties, JsonMapper json, Clock clock) {
        this(accounts, properties, json, clock, Account::token);
    }

    @Autowired
    MetaGraph(
            AccountsProperties accounts,
            IntakeProperties properties,
            JsonMapper json,
            Clock clock,
            AccessTokens tokens) {
        this(accounts, properties, json, clock, (Function<Account, String>) tokens::current);
    }

    private MetaGraph(
            AccountsProperties accounts,
            IntakeProperties properties,
            JsonMapper json,
            Clock clock,
            Function<Account, String> tokens) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    record Fetched(JsonNode body, Integer remainingPercent) {}

    /** {@code GET /{version}/{node}/{edge}} with these query parameters; {@code fields} may hold Graph braces. */
    Fetched get(Account account, String node, String edge, Map<String, String> query) {
        Instant until = throttledUntil.get(account.token());
        if (until != null && clock.instant().isBefore(until)) {
            throw new PlatformApiException(AccountState.RATE_LIMITED, "Graph API throttling of the page", until);
        }
        UriComponentsBuilder b = UriComponentsBuilder.fromUri(accounts.baseUrl(account.platform()))
                .path("/" + GRAPH_VERSION + "/{node}/" + edge);
        query.keySet().forEach(k -> b.queryParam(k, "{" + k + "}"));
        Map<String, Object> vars = new HashMap<>(query);
        vars.put("node", node);
        // Graph field expansion uses braces: passed as variables so they are encoded, not expanded.
        String uri = b.encode().buildAndExpand(vars).toUri().toString();
        try {
            ResponseEntity<String> response = http.get()
                    .uri(URI.create(uri))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.apply(account))
                    .retrieve()
                    .toEntity(String.class)
                    .block(properties.requestTimeout());
            JsonNode body = json.readTree(response == null || response.getBody() == null ? "{}" : response.getBody());
            MetaUsage usage = response == null ? MetaUsage.NONE : MetaUsage.of(response.getHeaders());
            if (usage.exhausted()) {
                // Meta throttles at 100 %: stop before it, for as long as Meta says access is regained in.
                throw throttled(
                        account,
                        new PlatformApiException(
                                AccountState.RATE_LIMITED,
                                "Meta usage at " + usage.percent() + " %",
                                clock.instant().plus(usage.regainIn())));
            }
            return new Fetched(body, usage.remainingPercent());
        } catch (WebClientResponseException e) {
            throw throttled(account, translate(e));
        }
    }

    private PlatformApiException throttled(Account account, PlatformApiException e) {
        if (e.state() == AccountState.RATE_LIMITED && e.retryAfter() != null) {
            throttledUntil.merge(account.token(), e.retryAfter(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return e;
    }

    /** Instagram conversations are listed under the linked Facebook page: the Messenger account with the same token. */
    String pageId(Account account) {
        if (account.platform() == Platform.MESSENGER || account.platform() == Platform.FACEBOOK) {
            return account.platformUserId();
        }
        return accounts.accounts().stream()
                .filter(a -> a.platform() == Platform.MESSENGER && a.token().equals(account.token()))
                .map(Account::platformUserId)
                .findFirst()
                .orElse(account.platformUserId());
    }

    /**
     * Graph errors carry a code: 190 is an invalid or expired token; 4, 17, 32, 613 and 80001 (page-level, Pages and
     * Messenger) are throttling, paused for the regain time of the answer's usage headers (at least a minute).
     */
    private PlatformApiException translate(WebClientResponseException e) {
        int code;
        try {
            code = json.readTree(e.getResponseBodyAsString())
                    .path("error")
                    .path("code")
                    .asInt(0);
        } catch (RuntimeException notJson) {
            code = 0;
        }
        if (code == 190 || e.getStatusCode().value() == 401) {
            return new PlatformApiException(
                    AccountState.CREDENTIALS_INVALID,
                    "Graph API answered OAuthException 190: page token expired or revoked",
                    null);
        }
        if (code == 4
                || code == 17
                || code == 32
                || code == 613
                || code == 80001
                || e.getStatusCode().value() == 429) {
            // MetaUsage: the announced estimated_time_to_regain_access in whole minutes, a minute when absent.
            MetaUsage usage = MetaUsage.of(e.getHeaders());
            return new PlatformApiException(
                    AccountState.RATE_LIMITED,
                    "Graph API throttling code " + code,
                    clock.instant().plus(usage.regainIn()));
        }
        return new PlatformApiException(
                AccountState.DEGRADED, "Graph API answered " + e.getStatusCode().value(), null);
    }

    /** Graph timestamps: {@code 2026-11-24T23:00:00+0000}; missing = the epoch. */
    static Instant time(JsonNode node) {
        String value = node.asString("");
        if (value.isEmpty()) {
            return Instant.EPOCH;
        }
        return OffsetDateTime.parse(value, GRAPH_TIME).toInstant();
    }
}
