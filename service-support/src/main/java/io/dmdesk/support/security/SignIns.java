package io.dmdesk.support.security;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.AuditEvent.Action;
import io.dmdesk.contracts.AuditEvent.Actor;
import io.dmdesk.contracts.AuditEvent.ActorType;
import io.dmdesk.contracts.AuditEvent.LogCategory;
import io.dmdesk.contracts.AuditEvent.Outcome;
import io.dmdesk.support.audit.Auditor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Audits people signing in (form or OIDC), signing out, and failing to sign in, as ACCESS events with the person as
 * actor. Never the password. A failed attempt names the account only when it exists: a username nobody has may be a
 * password typed into the wrong field, or someone else's name, so it is recorded as {@code unknown}. The session is
 * named by a digest of its id (enough to pair a sign-in with its sign-out, useless to take the session over). Clients
 * authenticating each request (HTTP Basic, bearer tokens) are audited too: their failures every time, their
 * sign-ins once an hour per client.
 */
final class SignIns {

    static final String UNKNOWN = "unknown";
    static final Duration MACHINE_SIGN_IN_EVERY = Duration.ofHours(1);

    private final Auditor auditor;
    private final ReactiveUserDetailsService users;
    private final Clock clock;
    private final String service;
    private final Map<String, Instant> machineSignIns = new ConcurrentHashMap<>();

    /** @param auditor null in a service without Kafka publishing: nothing is audited then */
    SignIns(Auditor auditor, ReactiveUserDetailsService users, Clock clock, String service) {
        this.auditor = auditor;
        this.users = users;
        this.clock = clock;
        this.service = service;
    }

    /** After the session id was renewed; an error here must end the sign-in (the caller drops the session). */
    Mono<Void> signedIn(ServerWebExchange exchange, Authentication authentication) {
        return exchange.getSession()
                .flatMap(session -> record(
                        Action.SIGNED_IN,
                        Outcome.SUCCESS,
                        authentication.getName(),
                        details(method(authentication), session, null)));
    }

    Mono<Void> signedOut(ServerWebExchange exchange, Authentication authentication) {
        if (authentication == null) {
            return Mono.empty();
        }
        return exchange.getSession()
                .filter(WebSession::isStarted)
                .flatMap(session -> record(
                        Action.SIGNED_OUT,
                        Outcome.SUCCESS,
                        authentication.getName(),
                        details(method(authentication), session, null)));
    }

    /** A refused form login or OIDC callback; the attempted username comes from the form, if it was one. */
    Mono<Void> failed(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth) {
            return exchange.getSession()
                    .flatMap(session -> record(
                            Action.SIGN_IN_FAILED,
                            Outcome.FAILURE,
                            UNKNOWN,
                            details("oidc", session, "oidc-" + oauth.getError().getErrorCode())));
        }
        return exchange.getFormData()
                .flatMap(form -> Mono.justOrEmpty(form.getFirst("username")))
                .flatMap(users::findByUsername)
                .map(UserDetails::getUsername)
                .defaultIfEmpty(UNKNOWN)
                .zipWith(exchange.getSession())
                .flatMap(t -> record(
                        Action.SIGN_IN_FAILED,
                        Outcome.FAILURE,
                        t.getT1(),
                        details("form", t.getT2(), t.getT1().equals(UNKNOWN) ? "unknown-user" : reason(failure))));
    }

    /**
     * A client authenticated with HTTP Basic or a bearer token, on every request: audited the first time per client
     * and method within {@link #MACHINE_SIGN_IN_EVERY} (each request is a sign-in; one entry per client and hour says
     * who got in without flooding the trail). A service account is the actor as a service.
     */
    Mono<Void> machineSignedIn(String method, Authentication authentication) {
        String key = method + "|" + authentication.getName();
        Instant now = clock.instant();
        Instant last = machineSignIns.get(key);
        if (last != null && last.plus(MACHINE_SIGN_IN_EVERY).isAfter(now)) {
            return Mono.empty();
        }
        boolean service = authentication.getAuthorities().stream()
                .anyMatch(a -> Role.SERVICE.authority().equals(a.getAuthority()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("service", this.service);
        details.put("method", method);
        return record(
                        Action.SIGNED_IN,
                        Outcome.SUCCESS,
                        service ? ActorType.SERVICE : ActorType.PERSON,
                        authentication.getName(),
                        details)
                .doOnSuccess(v -> machineSignIns.put(key, now));
    }

    /**
     * A refused HTTP Basic or bearer authentication, every time. Basic names the account only when it exists (as the
     * form does); a refused token names nobody (its claims cannot be trusted) and never its content.
     */
    Mono<Void> machineFailed(String method, Authentication attempt, AuthenticationException failure) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("service", service);
        details.put("method", method);
        if (!"basic".equals(method)) {
            details.put(
                    "reason",
                    failure instanceof OAuth2AuthenticationException oauth
                            ? "token-" + oauth.getError().getErrorCode()
                            : "invalid-token");
            return record(Action.SIGN_IN_FAILED, Outcome.FAILURE, ActorType.PERSON, UNKNOWN, details);
        }
        return Mono.justOrEmpty(attempt.getName())
                .flatMap(users::findByUsername)
                .map(UserDetails::getUsername)
                .defaultIfEmpty(UNKNOWN)
                .flatMap(name -> {
                    details.put("reason", name.equals(UNKNOWN) ? "unknown-user" : reason(failure));
                    return record(Action.SIGN_IN_FAILED, Outcome.FAILURE, ActorType.PERSON, name, details);
                });
    }

    private Mono<Void> record(Action action, Outcome outcome, String person, Map<String, String> details) {
        return record(action, outcome, ActorType.PERSON, person, details);
    }

    private Mono<Void> record(
            Action action, Outcome outcome, ActorType actorType, String person, Map<String, String> details) {
        if (auditor == null) {
            return Mono.empty();
        }
        AuditEvent event = new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                clock.instant(),
                new Actor(actorType, person),
                action,
                LogCategory.ACCESS,
                "account:" + person,
                null,
                outcome,
                null,
                null,
                details);
        // The publish waits for the broker: off the event loop.
        return Mono.fromRunnable(() -> auditor.record(event))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    private Map<String, String> details(String method, WebSession session, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("service", service);
        details.put("method", method);
        if (session.isStarted()) { // before sign-in there may be no session: a fresh id would name nothing
            details.put("session", sessionRef(session.getId()));
        }
        if (reason != null) {
            details.put("reason", reason);
        }
        return details;
    }

    private static String method(Authentication authentication) {
        return authentication instanceof OAuth2AuthenticationToken ? "oidc" : "form";
    }

    private static String reason(AuthenticationException failure) {
        if (failure instanceof BadCredentialsException) {
            return "bad-credentials";
        }
        if (failure instanceof LockedException) {
            return "locked";
        }
        if (failure instanceof DisabledException) {
            return "disabled";
        }
        if (failure instanceof AccountExpiredException || failure instanceof CredentialsExpiredException) {
            return "expired";
        }
        return "refused";
    }

    /** The first 16 hex digits of the SHA-256 of the session id. */
    static String sessionRef(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
