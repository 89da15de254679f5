package io.dmdesk.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Topics;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestMongo;
import io.dmdesk.testsupport.TestUsers;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;

/**
 * Console sessions live in the store, not in one instance's memory: two triage instances on one database (as two
 * replicas behind a load balancer), one of them restarted. Instance A keeps sessions 10 minutes idle, instance B 3
 * seconds, so one test can watch a session B created expire while A is the one asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriageSessionStoreTest {

    private final String database = ServiceArgs.freshDatabase("triage");
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private MongoClient mongo;

    @BeforeAll
    void start() {
        a = instance("10m");
        b = instance("3s");
        mongo = MongoClients.create(TestMongo.connectionString());
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
        mongo.close();
    }

    private ConfigurableApplicationContext instance(String idleTimeout) {
        return TriageApplication.builder()
                .run(ServiceArgs.of(
                        database,
                        "--server.reactive.session.timeout=" + idleTimeout,
                        "--dmdesk.session.sweep-every=1s"));
    }

    @Test
    void aSignedInSessionWorksOnTheOtherReplicaAndAfterARestart() throws Exception {
        Browser browser = new Browser();
        browser.signIn(a, TestUsers.OPERATOR);
        assertThat(browser.get(a, "/api/queue").statusCode()).isEqualTo(200);
        assertThat(browser.get(b, "/api/queue").statusCode())
                .as("on the other replica")
                .isEqualTo(200);

        a.close();
        a = instance("10m");
        assertThat(browser.get(a, "/api/queue").statusCode())
                .as("after a restart")
                .isEqualTo(200);
        assertThat(browser.post(a, "/api/triage/classify", "{\"text\":\"my bike was stolen\",\"channel\":\"dm\"}")
                        .statusCode())
                .as("a session POST with its CSRF token, after the restart")
                .isEqualTo(200);
    }

    @Test
    void theStoreHoldsADigestOfTheSessionIdAndTypedSignInNeverTheIdOrPassword() throws Exception {
        Browser browser = new Browser();
        browser.signIn(a, TestUsers.SUPERVISOR);
        String session = browser.cookie("SESSION");
        Document stored = Flux.from(mongo.getDatabase(database)
                        .getCollection("web_sessions")
                        .find(new Document("_id", sha256(session))))
                .blockFirst(Duration.ofSeconds(10));
        assertThat(stored).as("named by the digest of its id").isNotNull();
        assertThat(stored.get("signedIn", Document.class))
                .containsEntry("method", "form")
                .containsEntry("name", "supervisor")
                .containsEntry("authorities", List.of("ROLE_SUPERVISOR"));
        assertThat(stored.toJson()).doesNotContain(session, TestUsers.SUPERVISOR.password, "$2a$");
    }

    @Test
    void logoutOnOneReplicaEndsTheSessionOnBoth() throws Exception {
        Browser browser = new Browser();
        browser.signIn(a, TestUsers.OPERATOR);
        String session = browser.cookie("SESSION");
        assertThat(browser.get(b, "/api/queue").statusCode()).isEqualTo(200);

        HttpResponse<String> logout = browser.post(b, "/logout", "");
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValue("/login?logout");
        Browser stale = new Browser();
        stale.keep("SESSION", session);
        assertThat(stale.get(a, "/api/queue").statusCode())
                .as("the old cookie on the other replica")
                .isEqualTo(401);
        assertThat(stale.get(b, "/api/queue").statusCode())
                .as("the old cookie where it logged out")
                .isEqualTo(401);
        assertThat(browser.get(a, "/api/queue").statusCode()).isEqualTo(401);
        assertThat(Flux.from(mongo.getDatabase(database)
                                .getCollection("web_sessions")
                                .find(new Document("_id", sha256(session))))
                        .collectList()
                        .block(Duration.ofSeconds(10)))
                .isEmpty();
    }

    /** B's session (3 s idle) is refused by A too once idle, removed by the sweep and audited as SESSION_EXPIRED. */
    @Test
    void anIdleSessionExpiresEverywhereAndItsExpiryIsAudited() throws Exception {
        Instant start = Instant.now();
        Browser browser = new Browser();
        browser.signIn(b, TestUsers.SUPERVISOR);
        String session = browser.cookie("SESSION");
        assertThat(browser.get(a, "/api/queue").statusCode()).isEqualTo(200);

        AuditEvent expired = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                                .map(r -> EventJson.fromJson(r.value(), AuditEvent.class))
                                .filter(e -> e.action() == AuditEvent.Action.SESSION_EXPIRED
                                        && !e.occurredAt().isBefore(start)
                                        && e.actor().id().equals("supervisor"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(expired.category()).isEqualTo(AuditEvent.LogCategory.ACCESS);
        assertThat(expired.actor().type()).isEqualTo(AuditEvent.ActorType.PERSON);
        assertThat(expired.details())
                .containsEntry("reason", "idle-timeout")
                .containsEntry("method", "form")
                .containsEntry("session", sha256(session).substring(0, 16));
        assertThat(expired.details().values()).doesNotContain(session);
        assertThat(browser.get(a, "/api/queue").statusCode())
                .as("expired, on the replica that keeps 10 min")
                .isEqualTo(401);
        assertThat(TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                        .map(r -> EventJson.fromJson(r.value(), AuditEvent.class))
                        .filter(e -> e.action() == AuditEvent.Action.SESSION_EXPIRED
                                && e.actor().id().equals("supervisor")
                                && !e.occurredAt().isBefore(start))
                        .count())
                .as("audited once, though two instances sweep")
                .isEqualTo(1);
    }

    private static String sha256(String id) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    }

    private static String base(ConfigurableApplicationContext instance) {
        return "http://localhost:" + instance.getEnvironment().getProperty("local.server.port");
    }

    /** One browser in front of both instances: its cookies go to whichever one answers (same host). */
    private static final class Browser {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        void signIn(ConfigurableApplicationContext instance, TestUsers user) throws Exception {
            get(instance, "/login");
            String body = "username=" + user.username + "&password="
                    + URLEncoder.encode(user.password, StandardCharsets.UTF_8) + "&_csrf=" + cookie("XSRF-TOKEN");
            HttpResponse<String> login = http.send(
                    HttpRequest.newBuilder(URI.create(base(instance) + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().firstValue("Location")).hasValue("/console/");
            get(instance, "/api/queue"); // the session's CSRF token
        }

        HttpResponse<String> get(ConfigurableApplicationContext instance, String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base(instance) + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(ConfigurableApplicationContext instance, String path, String json) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base(instance) + path))
                            .header("Content-Type", "application/json")
                            .header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        void keep(String name, String value) {
            HttpCookie cookie = new HttpCookie(name, value);
            cookie.setPath("/");
            cookie.setVersion(0);
            cookies.getCookieStore().add(URI.create("http://localhost/"), cookie);
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue)
                    .filter(v -> !v.isEmpty())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no cookie " + name));
        }
    }
}
