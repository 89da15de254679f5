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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
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
 * named by a digest of its id (enough to pair a sign-in with its sign-out, useless to take the session over).
 */
final class SignIns {

    static final String UNKNOWN = "unknown";

    private final Auditor auditor;
    private final ReactiveUserDetailsService users;
    private final Clock clock;
    private final String service;

    /** @param auditor null in a service without Kafka publishing: nothing is audited then */
    SignIns(Auditor auditor, ReactiveUserDetailsService users, Clock clock, String service) {
        this.auditor = auditor;
        this.users = users;
        this.clock = clock;
        this.service = service;
    }

    /** After the session id was renewed; an error here must end the sign-in (the caller drops the session). */
    Mono<Void> signedIn(ServerWebExchange exchange, Authentication authentication) {
        return exchange.getSession().flatMap(session -> record(Action.SIGNED_IN, Outcome.SUCCESS,
                authentication.getName(), details(method(authentication), session, null)));
    }

    Mono<Void> signedOut(ServerWebExchange exchange, Authentication authentication) {
        if (authentication == null) {
            return Mono.empty();
        }
        return exchange.getSession().filter(WebSession::isStarted).flatMap(session -> record(Action.SIGNED_OUT,
                Outcome.SUCCESS, authentication.getName(), details(method(authentication), session, null)));
    }

    /** A refused form login or OIDC callback; the attempted username comes from the form, if it was one. */
    Mono<Void> failed(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth) {
            return exchange.getSession().flatMap(session -> record(Action.SIGN_IN_FAILED, Outcome.FAILURE, UNKNOWN,
                    details("oidc", session, "oidc-" + oauth.getError().getErrorCode())));
        }
        return exchange.getFormData().flatMap(form -> Mono.justOrEmpty(form.getFirst("username")))
                .flatMap(users::findByUsername).map(UserDetails::getUsername).defaultIfEmpty(UNKNOWN)
                .zipWith(exchange.getSession())
                .flatMap(t -> record(Action.SIGN_IN_FAILED, Outcome.FAILURE, t.getT1(),
                        details("form", t.getT2(), t.getT1().equals(UNKNOWN) ? "unknown-user" : reason(failure))));
    }

    private Mono<Void> record(Action action, Outcome outcome, String person, Map<String, String> details) {
        if (auditor == null) {
            return Mono.empty();
        }
        AuditEvent event = new AuditEvent(AuditEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), clock.instant(),
                new Actor(ActorType.PERSON, person), action, LogCategory.ACCESS, "account:" + person, null, outcome,
                null, null, details);
        // The publish waits for the broker: off the event loop.
        return Mono.fromRunnable(() -> auditor.record(event)).subscribeOn(Schedulers.boundedElastic()).then();
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
