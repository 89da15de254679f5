package io.dmdesk.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.Topics;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestKafka;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The production profile {@code oidc} as compose and Kubernetes run it, against a stand-in provider (a JDK HTTP
 * server on this machine): the console's login goes to the provider's authorization endpoint with the dmdesk
 * client, and {@code serviceAuthFilter} fetches a client-credentials token and sends it as a bearer token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriageOidcTest {

    private ConfigurableApplicationContext triage;
    private HttpServer provider;
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> seenAuthorization = new CopyOnWriteArrayList<>();
    private String issuer;
    private RSAKey signingKey;
    /** The ID token the provider's token endpoint hands out for the next code. */
    private volatile String idToken = "";

    @BeforeAll
    void start() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/dmdesk";
        signingKey = new RSAKeyGenerator(2048).keyID("idp-key").generate();
        provider.createContext("/realms/dmdesk/protocol/openid-connect/token", exchange -> {
            String body = URLDecoder.decode(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            if (body.contains("grant_type=authorization_code")) { // a person's login: the console's code flow
                respond(
                        exchange,
                        "{\"access_token\":\"person-token-1\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                                + "\"scope\":\"openid profile email\",\"id_token\":\"" + idToken + "\"}");
                return;
            }
            tokenRequests.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            respond(exchange, "{\"access_token\":\"service-token-1\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        });
        provider.createContext(
                "/realms/dmdesk/protocol/openid-connect/certs",
                exchange -> respond(exchange, new JWKSet(signingKey.toPublicJWK()).toString()));
        provider.createContext(
                "/realms/dmdesk/protocol/openid-connect/userinfo",
                exchange -> respond(
                        exchange,
                        "{\"sub\":\"user-1\",\"preferred_username\":\"jane.operator\",\"realm_access\":{\"roles\":[\"OPERATOR\"]}}"));
        provider.createContext("/peer", exchange -> {
            seenAuthorization.add(exchange.getRequestHeaders().getFirst("Authorization"));
            respond(exchange, "{}");
        });
        provider.start();
        triage = TriageApplication.builder()
                .run(ServiceArgs.of(
                        ServiceArgs.freshDatabase("triage"),
                        "--spring.profiles.active=oidc",
                        "--OIDC_ISSUER_URI=" + issuer,
                        "--OIDC_CLIENT_SECRET=console-secret",
                        "--OIDC_SERVICE_CLIENT_SECRET=service-secret"));
    }

    @AfterAll
    void stop() {
        triage.close();
        provider.stop(0);
    }

    @Test
    void theLoginPageOffersSingleSignOnWhichGoesToTheProviderWithTheDmdeskClient() throws Exception {
        String base = "http://localhost:" + triage.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String page = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(page).contains("<a href=\"/oauth2/authorization/dmdesk\">Sign in with DM Desk single sign-on</a>");

        HttpResponse<String> start = http.send(
                HttpRequest.newBuilder(URI.create(base + "/oauth2/authorization/dmdesk"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(302);
        String location =
                URLDecoder.decode(start.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(location)
                .startsWith(issuer + "/protocol/openid-connect/auth?")
                .contains(
                        "response_type=code",
                        "client_id=dmdesk",
                        "scope=openid profile email",
                        "redirect_uri=" + base + "/login/oauth2/code/dmdesk",
                        "state=",
                        "nonce=");
    }

    /** A callback the provider never sent (no authorization request of ours): refused, and audited as ACCESS. */
    @Test
    void aForgedProviderCallbackIsRefusedAndAuditedAsAFailedSignIn() throws Exception {
        String base = "http://localhost:" + triage.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Instant before = Instant.now();
        HttpResponse<String> callback = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login/oauth2/code/dmdesk?code=forged&state=forged"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).hasValue("/login?error");

        AuditEvent failed = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                                .map(r -> EventJson.fromJson(r.value(), AuditEvent.class))
                                .filter(e -> e.action() == AuditEvent.Action.SIGN_IN_FAILED
                                        && !e.occurredAt().isBefore(before)
                                        && "oidc".equals(e.details().get("method")))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(failed.category()).isEqualTo(AuditEvent.LogCategory.ACCESS);
        assertThat(failed.actor().id()).isEqualTo("unknown");
        assertThat(failed.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        assertThat(failed.details().get("reason")).startsWith("oidc-");
    }

    /**
     * A person signs in through the provider (the code flow, its ID token signed by the provider's key and bound to
     * our nonce), the session is kept in the store, and logout sends the browser to the provider's end-session
     * endpoint with the ID token as id_token_hint, so the provider's session ends too (RP-initiated logout).
     */
    @Test
    void logoutEndsTheProvidersSessionWithTheIdTokenAsHint() throws Exception {
        String base = "http://localhost:" + triage.getEnvironment().getProperty("local.server.port");
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String authorize = browser.send(
                        HttpRequest.newBuilder(URI.create(base + "/oauth2/authorization/dmdesk"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .headers()
                .firstValue("Location")
                .orElseThrow();
        String state = parameter(authorize, "state");
        idToken = idToken(parameter(authorize, "nonce"));

        HttpResponse<String> callback = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/login/oauth2/code/dmdesk?code=good&state="
                                + URLEncoder.encode(state, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(callback.headers().firstValue("Location")).as("signed in").hasValue("/console/");
        assertThat(browser.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/queue"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("the stored OIDC session")
                .isEqualTo(200);

        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .filter(v -> !v.isEmpty())
                .findFirst()
                .orElseThrow();
        HttpResponse<String> logout = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/logout"))
                        .header("X-XSRF-TOKEN", csrf)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isEqualTo(302);
        String endSession = logout.headers().firstValue("Location").orElseThrow();
        assertThat(endSession).startsWith(issuer + "/protocol/openid-connect/logout?");
        assertThat(parameter(endSession, "id_token_hint")).isEqualTo(idToken);
        assertThat(parameter(endSession, "post_logout_redirect_uri")).isEqualTo(base + "/login?logout");
        assertThat(browser.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/queue"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("signed out here too")
                .isEqualTo(401);
    }

    /** A Keycloak-shaped ID token for the console client, bound to the login's nonce. */
    private String idToken(String nonce) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("user-1")
                .audience("dmdesk")
                .claim("nonce", nonce)
                .claim("preferred_username", "jane.operator")
                .claim("realm_access", Map.of("roles", List.of("OPERATOR")))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    /** A query parameter's decoded value, from a URI as sent (parameters encoded). */
    private static String parameter(String uri, String name) {
        for (String part : uri.substring(uri.indexOf('?') + 1).split("&")) {
            if (part.startsWith(name + "=")) {
                return URLDecoder.decode(part.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    @Test
    void serviceCallsCarryAClientCredentialsToken() {
        ExchangeFilterFunction filter = triage.getBean("serviceAuthFilter", ExchangeFilterFunction.class);
        WebClient peer = WebClient.builder()
                .baseUrl("http://127.0.0.1:" + provider.getAddress().getPort())
                .filter(filter)
                .build();
        peer.get().uri("/peer").retrieve().toBodilessEntity().block(Duration.ofSeconds(20));
        peer.get().uri("/peer").retrieve().toBodilessEntity().block(Duration.ofSeconds(20));

        assertThat(seenAuthorization).containsExactly("Bearer service-token-1", "Bearer service-token-1");
        assertThat(tokenRequests).as("one token, reused until it expires").hasSize(1);
        assertThat(tokenRequests.get(0))
                .startsWith("Basic "
                        + Base64.getEncoder()
                                .encodeToString("dmdesk-services:service-secret".getBytes(StandardCharsets.UTF_8)))
                .contains("grant_type=client_credentials");
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
