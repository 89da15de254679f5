package io.dmdesk.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Topics;
import io.dmdesk.support.security.OnBehalfOf;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import io.dmdesk.testsupport.TestUsers;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * How people and clients get in, against a running triage service: the login form with its CSRF token, session
 * requests that need X-XSRF-TOKEN, logout, the idle session timeout, browser redirects versus API 401s, JWT
 * bearer tokens signed by a locally generated RSA key served as a JWKS, and the On-Behalf-Of rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriageSecurityTest {

    private static final String ISSUER = "https://idp.test/realms/dmdesk";
    private static final String CLASSIFY = "{\"text\":\"my bike was stolen\",\"channel\":\"dm\"}";

    private ConfigurableApplicationContext triage;
    private HttpServer jwks;
    private RSAKey key;
    private String base;

    @BeforeAll
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        triage = TriageApplication.builder()
                .run(ServiceArgs.of(
                        ServiceArgs.freshDatabase("triage"),
                        "--dmdesk.security.jwt.issuer-uri=" + ISSUER,
                        "--dmdesk.security.jwt.jwk-set-uri=http://127.0.0.1:"
                                + jwks.getAddress().getPort() + "/jwks",
                        "--server.reactive.session.timeout=5s"));
        base = "http://localhost:" + triage.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    void stop() {
        triage.close();
        jwks.stop(0);
    }

    @Test
    void loginFormSessionAndCsrf() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        String token = browser.cookie("XSRF-TOKEN");
        assertThat(page.body())
                .contains("name=\"username\"", "name=\"password\"", "name=\"_csrf\" value=\"" + token + "\"")
                .doesNotContain("<script", "style=", "onclick");

        assertThat(browser.form("/login", Map.of("username", "operator", "password", TestUsers.OPERATOR.password))
                        .statusCode())
                .as("login without the CSRF field")
                .isEqualTo(403);
        HttpResponse<String> wrong =
                browser.form("/login", Map.of("username", "operator", "password", "nope", "_csrf", token));
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location")).hasValue("/login?error");

        // A browser sent to the login page gets a session (the saved request) before it is authenticated.
        browser.page("/console/");
        String anonymousSession = browser.cookie("SESSION");
        HttpResponse<String> login = browser.form(
                "/login", Map.of("username", "operator", "password", TestUsers.OPERATOR.password, "_csrf", token));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValue("/console/");
        assertThat(browser.cookie("SESSION")).as("a new session id on login").isNotEqualTo(anonymousSession);
        assertThat(browser.cookieOrNull("XSRF-TOKEN"))
                .as("the pre-login CSRF token is dropped")
                .isNull();
        browser.get("/api/queue");
        assertThat(browser.cookie("XSRF-TOKEN"))
                .as("a fresh token for the session")
                .isNotEqualTo(token);
        assertThat(browser.get("/api/queue").statusCode())
                .as("the session authenticates")
                .isEqualTo(200);

        assertThat(browser.post("/api/triage/classify", CLASSIFY, Map.of()).statusCode())
                .as("a session POST without X-XSRF-TOKEN")
                .isEqualTo(403);
        assertThat(browser.post("/api/triage/classify", CLASSIFY, Map.of("X-XSRF-TOKEN", "forged"))
                        .statusCode())
                .as("a session POST with a wrong token")
                .isEqualTo(403);
        assertThat(browser.post("/api/triage/classify", CLASSIFY, Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")))
                        .statusCode())
                .as("with the cookie's token")
                .isEqualTo(200);

        HttpResponse<String> logout = browser.post("/logout", "", Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValue("/login?logout");
        assertThat(browser.get("/api/queue").statusCode()).as("after logout").isEqualTo(401);
    }

    /**
     * A real form sign-in, a wrong password, an unknown username and a sign-out, against the running service: four
     * ACCESS audit events on the real broker with the person as actor, the session named by a digest; no password
     * (right or wrong) and no unknown username anywhere on the audit topic.
     */
    @Test
    void signInSignOutAndFailedSignInAreAuditedAsAccessWithoutThePassword() throws Exception {
        Instant start = Instant.now();
        String wrongPassword = "wrong-" + UUID.randomUUID();
        String strangerName = "stranger-" + UUID.randomUUID();
        String strangerPassword = "secret-" + UUID.randomUUID();
        Browser browser = new Browser();
        browser.get("/login");
        String token = browser.cookie("XSRF-TOKEN");
        assertThat(browser.form("/login", Map.of("username", "auditor", "password", wrongPassword, "_csrf", token))
                        .headers()
                        .firstValue("Location"))
                .hasValue("/login?error");
        assertThat(browser.form(
                                "/login",
                                Map.of("username", strangerName, "password", strangerPassword, "_csrf", token))
                        .headers()
                        .firstValue("Location"))
                .hasValue("/login?error");
        HttpResponse<String> login = browser.form(
                "/login", Map.of("username", "auditor", "password", TestUsers.AUDITOR.password, "_csrf", token));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValue("/console/");
        String sessionId = browser.cookie("SESSION");
        browser.get("/api/queue"); // a fresh CSRF token for the session
        assertThat(browser.post("/logout", "", Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")))
                        .headers()
                        .firstValue("Location"))
                .hasValue("/login?logout");

        List<AuditEvent> access = await().atMost(Duration.ofSeconds(30))
                .until(() -> accessEventsSince(start), events -> events.size() >= 4);
        assertThat(access)
                .extracting(e -> e.action() + " " + e.actor().id() + " " + e.outcome())
                .containsExactly(
                        "SIGN_IN_FAILED auditor FAILURE", "SIGN_IN_FAILED unknown FAILURE",
                        "SIGNED_IN auditor SUCCESS", "SIGNED_OUT auditor SUCCESS");
        assertThat(access).allSatisfy(e -> {
            assertThat(e.category()).isEqualTo(AuditEvent.LogCategory.ACCESS);
            assertThat(e.actor().type()).isEqualTo(AuditEvent.ActorType.PERSON);
            assertThat(e.details()).containsEntry("service", "triage-service").containsEntry("method", "form");
        });
        assertThat(access.get(0).details()).containsEntry("reason", "bad-credentials");
        assertThat(access.get(0).subjectId()).isEqualTo("account:auditor");
        assertThat(access.get(1).details()).containsEntry("reason", "unknown-user");
        assertThat(access.get(1).subjectId()).isEqualTo("account:unknown");
        String session = access.get(2).details().get("session");
        assertThat(session)
                .as("a digest of the session id, not the id")
                .isEqualTo(sha256Prefix(sessionId))
                .doesNotContain(sessionId);
        assertThat(access.get(3).details())
                .as("sign-out pairs with its sign-in")
                .containsEntry("session", session);

        String topic = TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                .map(r -> r.value())
                .reduce("", String::concat);
        assertThat(topic).doesNotContain(wrongPassword, strangerPassword, strangerName, TestUsers.AUDITOR.password);
    }

    /**
     * Clients that authenticate every request: HTTP Basic and bearer sign-ins are audited once per client (three
     * requests, one entry), their failures every time; a refused token names nobody; no password or token on the
     * audit topic.
     */
    @Test
    void basicAndBearerSignInsAndFailuresAreAuditedAsAccessWithoutSecrets() throws Exception {
        Instant start = Instant.now();
        HttpClient http = HttpClient.newHttpClient();
        String wrongPassword = "wrong-" + UUID.randomUUID();
        String strangerName = "stranger-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/api/queue"))
                                            .header("Authorization", TestUsers.ADMIN.basic())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isNotEqualTo(401);
        }
        for (String credentials : List.of("admin:" + wrongPassword, strangerName + ":" + wrongPassword)) {
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/api/queue"))
                                            .header(
                                                    "Authorization",
                                                    "Basic "
                                                            + Base64.getEncoder()
                                                                    .encodeToString(credentials.getBytes(
                                                                            StandardCharsets.UTF_8)))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(401);
        }
        String good = token(key, ISSUER, "bearer-client-7", List.of("OPERATOR"), 300);
        assertThat(bearer("/api/queue", good).statusCode()).isEqualTo(200);
        assertThat(bearer("/api/queue", good).statusCode()).isEqualTo(200);
        String forged = token(
                new RSAKeyGenerator(2048).keyID("test-key").generate(),
                ISSUER,
                "bearer-client-7",
                List.of("OPERATOR"),
                300);
        assertThat(bearer("/api/queue", forged).statusCode()).isEqualTo(401);

        List<AuditEvent> machine = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                                .map(r -> EventJson.fromJson(r.value(), AuditEvent.class))
                                .filter(e -> e.category() == AuditEvent.LogCategory.ACCESS
                                        && !e.occurredAt().isBefore(start)
                                        && List.of("basic", "bearer")
                                                .contains(e.details().get("method")))
                                .filter(e -> List.of("admin", "unknown", "bearer-client-7")
                                        .contains(e.actor().id()))
                                .sorted(Comparator.comparing(AuditEvent::occurredAt))
                                .toList(),
                        events -> events.size() >= 5);
        assertThat(machine)
                .extracting(e -> e.action() + " " + e.details().get("method") + " "
                        + e.actor().id() + " " + e.details().get("reason"))
                .containsExactly(
                        "SIGNED_IN basic admin null",
                        "SIGN_IN_FAILED basic admin bad-credentials",
                        "SIGN_IN_FAILED basic unknown unknown-user",
                        "SIGNED_IN bearer bearer-client-7 null",
                        "SIGN_IN_FAILED bearer unknown token-invalid_token");
        assertThat(machine)
                .allSatisfy(e -> assertThat(e.details())
                        .containsEntry("service", "triage-service")
                        .doesNotContainKey("session"));
        String topic = TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                .map(r -> r.value())
                .reduce("", String::concat);
        assertThat(topic).doesNotContain(wrongPassword, strangerName, TestUsers.ADMIN.password, good, forged);
    }

    private static String sha256Prefix(String id) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    private static List<AuditEvent> accessEventsSince(Instant start) {
        return TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                .map(r -> EventJson.fromJson(r.value(), AuditEvent.class))
                .filter(e -> e.category() == AuditEvent.LogCategory.ACCESS
                        && !e.occurredAt().isBefore(start)
                        && (e.actor().id().equals("auditor") || e.actor().id().equals("unknown")))
                .sorted(Comparator.comparing(AuditEvent::occurredAt))
                .toList();
    }

    @Test
    void idleSessionsExpire() throws Exception {
        Browser browser = new Browser();
        browser.get("/login");
        browser.form(
                "/login",
                Map.of(
                        "username",
                        "supervisor",
                        "password",
                        TestUsers.SUPERVISOR.password,
                        "_csrf",
                        browser.cookie("XSRF-TOKEN")));
        assertThat(browser.get("/api/queue").statusCode()).isEqualTo(200);
        // Any request before the timeout would renew the session, so the first look is after it: 5 s idle + slack.
        await("the 5 s idle timeout")
                .pollDelay(Duration.ofMillis(6500))
                .pollInterval(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(browser.get("/api/queue").statusCode())
                        .as("after the 5 s idle timeout")
                        .isEqualTo(401));
    }

    @Test
    void browsersAreSentToTheLoginPageScriptsGetA401WithoutChallenge() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(base + "/console/"))
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");

        HttpResponse<String> api = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/queue")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"dmdesk\"");

        HttpResponse<String> xhr = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/queue"))
                        .header("X-Requested-With", "XMLHttpRequest")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(xhr.statusCode()).isEqualTo(401);
        assertThat(xhr.headers().firstValue("WWW-Authenticate"))
                .as("no browser password dialog")
                .isEmpty();
    }

    @Test
    void bearerTokensFromTheIssuerCarryTheirRoles() throws Exception {
        assertThat(bearer("/api/queue", token(key, ISSUER, List.of("OPERATOR"), 300))
                        .statusCode())
                .isEqualTo(200);
        assertThat(bearer("/api/queue", token(key, ISSUER, List.of("offline_access", "AUDITOR"), 300))
                        .statusCode())
                .as("a role without access to the queue")
                .isEqualTo(403);
        HttpResponse<String> classify = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/triage/classify"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token(key, ISSUER, List.of("SERVICE"), 300))
                                .POST(HttpRequest.BodyPublishers.ofString(CLASSIFY))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(classify.statusCode())
                .as("bearer requests need no CSRF token")
                .isEqualTo(200);

        RSAKey stranger = new RSAKeyGenerator(2048).keyID("test-key").generate();
        assertThat(bearer("/api/queue", token(stranger, ISSUER, List.of("OPERATOR"), 300))
                        .statusCode())
                .as("signed by another key")
                .isEqualTo(401);
        assertThat(bearer("/api/queue", token(key, "https://other.test/realms/x", List.of("OPERATOR"), 300))
                        .statusCode())
                .as("another issuer")
                .isEqualTo(401);
        assertThat(bearer("/api/queue", token(key, ISSUER, List.of("OPERATOR"), -120))
                        .statusCode())
                .as("expired")
                .isEqualTo(401);
    }

    @Test
    void onlyServicesMayActOnBehalfOfAPerson() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> asService = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/queue"))
                        .header("Authorization", TestUsers.SERVICE.basic())
                        .header(OnBehalfOf.HEADER, "operator")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asService.statusCode()).isEqualTo(200);
        HttpResponse<String> asPerson = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/queue"))
                        .header("Authorization", TestUsers.OPERATOR.basic())
                        .header(OnBehalfOf.HEADER, "supervisor")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asPerson.statusCode()).isEqualTo(403);
    }

    @Test
    void theServiceAuthFilterLogsInAsTheServiceAccount() {
        WebClient self = WebClient.builder()
                .baseUrl(base)
                .filter(triage.getBean("serviceAuthFilter", ExchangeFilterFunction.class))
                .build();
        assertThat(self.get()
                        .uri("/api/queue")
                        .header(OnBehalfOf.HEADER, "operator")
                        .retrieve()
                        .toBodilessEntity()
                        .block(Duration.ofSeconds(20))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(WebClient.create(base)
                        .get()
                        .uri("/api/queue")
                        .exchangeToMono(r -> Mono.just(r.statusCode().value()))
                        .block(Duration.ofSeconds(20)))
                .as("the same call without the filter")
                .isEqualTo(401);
    }

    private HttpResponse<String> bearer(String path, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** A Keycloak-shaped access token: realm roles under realm_access.roles, the name in preferred_username. */
    private static String token(RSAKey signer, String issuer, List<String> roles, long validSeconds) throws Exception {
        return token(signer, issuer, "jane.operator", roles, validSeconds);
    }

    private static String token(RSAKey signer, String issuer, String name, List<String> roles, long validSeconds)
            throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("user-1")
                .claim("preferred_username", name)
                .claim("realm_access", Map.of("roles", roles))
                .issueTime(Date.from(now.minusSeconds(Math.max(0, -validSeconds) + 10)))
                .expirationTime(Date.from(now.plusSeconds(validSeconds)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signer.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    /** A cookie-keeping client that does not follow redirects, as a browser's network layer would see it. */
    private final class Browser {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
            StringBuilder body = new StringBuilder();
            fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                    .append(k)
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> page(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String cookieOrNull(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue)
                    .filter(v -> !v.isEmpty())
                    .findFirst()
                    .orElse(null);
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no cookie " + name));
        }
    }
}
