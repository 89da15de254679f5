package io.dmdesk.support.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.testsupport.TestMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The session store against the embedded store, with a clock the test moves: absolute and idle timeouts, the sweep
 * auditing each expiry once, a new id on login dropping the old one, a logged-out session not revived by a request
 * still in flight, and the typed attributes (security context, OIDC login in progress) read back as they went in.
 */
class MongoWebSessionStoreTest {

    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration ABSOLUTE = Duration.ofHours(12);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T08:00:00Z"));
    private final List<String> expiries = new CopyOnWriteArrayList<>();
    private MongoClient client;
    private MongoWebSessionStore store;

    @BeforeEach
    void start() {
        client = MongoClients.create(TestMongo.connectionString());
        MongoStore mongo = new MongoStore(client.getDatabase("test-sessions-" + UUID.randomUUID()), WAIT);
        store = new MongoWebSessionStore(mongo, IDLE, ABSOLUTE, clock, new SessionExpiries(null, clock, "test") {
            @Override
            Mono<Void> expired(StoredSession session, String reason) {
                expiries.add(session.signedIn().name() + " " + reason);
                return Mono.empty();
            }
        });
        store.createIndexes();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void anActiveSessionStillEndsAtTheAbsoluteTimeoutAndIsAuditedOnce() {
        String id = signedIn("operator");
        for (int step = 0; step < 24; step++) { // every 29 minutes, inside the 30-minute idle timeout, for 11.6 h
            clock.advance(Duration.ofMinutes(29));
            WebSession session = store.retrieveSession(id).block(WAIT);
            assertTrue(session != null, "active at " + clock.instant());
            session.save().block(WAIT);
        }
        clock.advance(Duration.ofMinutes(29));
        assertNull(store.retrieveSession(id).block(WAIT), "12 h after sign-in, however active");
        assertEquals(List.of("operator absolute-timeout"), expiries);
        assertEquals(0L, store.sweep().block(WAIT), "already gone: not audited again");
    }

    @Test
    void theSweepRemovesIdleSessionsOnlyAndAuditsThemOnce() {
        String idle = signedIn("supervisor");
        clock.advance(Duration.ofMinutes(20));
        String active = signedIn("operator");
        clock.advance(Duration.ofMinutes(11));
        assertEquals(1L, store.sweep().block(WAIT));
        assertEquals(0L, store.sweep().block(WAIT));
        assertEquals(List.of("supervisor idle-timeout"), expiries);
        assertNull(store.retrieveSession(idle).block(WAIT));
        assertTrue(store.retrieveSession(active).block(WAIT) != null);
    }

    @Test
    void aNewIdOnLoginDropsTheOldOne() {
        WebSession session = store.createWebSession().block(WAIT);
        session.getAttributes().put("SPRING_SECURITY_SAVED_REQUEST", "/console/");
        session.save().block(WAIT);
        String planted = session.getId();

        WebSession again = store.retrieveSession(planted).block(WAIT);
        again.changeSessionId().block(WAIT);
        again.getAttributes().put(SessionAttributes.SECURITY_CONTEXT, context("operator"));
        again.save().block(WAIT);

        assertNotEquals(planted, again.getId());
        assertNull(store.retrieveSession(planted).block(WAIT), "the planted id names nothing");
        WebSession renewed = store.retrieveSession(again.getId()).block(WAIT);
        assertEquals("/console/", renewed.getAttribute("SPRING_SECURITY_SAVED_REQUEST"));
        SecurityContext context = renewed.getAttribute(SessionAttributes.SECURITY_CONTEXT);
        assertEquals("operator", context.getAuthentication().getName());
        assertEquals(
                Set.of("ROLE_OPERATOR"),
                Set.copyOf(context.getAuthentication().getAuthorities().stream()
                        .map(a -> a.getAuthority())
                        .toList()));
        assertInstanceOf(UsernamePasswordAuthenticationToken.class, context.getAuthentication());
    }

    @Test
    void aRequestInFlightDoesNotReviveASessionLoggedOutElsewhere() {
        String id = signedIn("operator");
        WebSession inFlight = store.retrieveSession(id).block(WAIT);
        store.retrieveSession(id).block(WAIT).invalidate().block(WAIT);
        inFlight.save().block(WAIT);
        assertNull(store.retrieveSession(id).block(WAIT));
    }

    @Test
    void anOidcLoginInProgressIsReadBackWithItsStateNonceAndVerifier() {
        String attribute = "org.springframework.security.oauth2.client.web.server."
                + "WebSessionOAuth2ServerAuthorizationRequestRepository.AUTHORIZATION_REQUEST";
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("https://idp.test/auth")
                .clientId("dmdesk")
                .redirectUri("http://localhost/cb")
                .scopes(Set.of("openid", "profile"))
                .state("state-1")
                .additionalParameters(Map.of("nonce", "hashed-nonce", "code_challenge", "challenge"))
                .attributes(Map.of("registration_id", "dmdesk", "nonce", "raw-nonce", "code_verifier", "verifier"))
                .authorizationRequestUri("https://idp.test/auth?state=state-1")
                .build();
        WebSession session = store.createWebSession().block(WAIT);
        session.getAttributes().put(attribute, request);
        session.save().block(WAIT);

        OAuth2AuthorizationRequest back =
                store.retrieveSession(session.getId()).block(WAIT).getAttribute(attribute);
        assertEquals(request.getState(), back.getState());
        assertEquals(request.getScopes(), back.getScopes());
        assertEquals(request.getAttributes(), back.getAttributes());
        assertEquals(request.getAdditionalParameters(), back.getAdditionalParameters());
        assertEquals(request.getAuthorizationRequestUri(), back.getAuthorizationRequestUri());
        assertEquals(request.getRedirectUri(), back.getRedirectUri());
    }

    private String signedIn(String name) {
        WebSession session = store.createWebSession().block(WAIT);
        session.getAttributes().put(SessionAttributes.SECURITY_CONTEXT, context(name));
        session.save().block(WAIT);
        return session.getId();
    }

    private static SecurityContext context(String name) {
        var authorities = List.of(new SimpleGrantedAuthority("ROLE_" + name.toUpperCase()));
        return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(name, null, authorities));
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
