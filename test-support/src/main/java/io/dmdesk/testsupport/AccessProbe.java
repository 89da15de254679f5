package io.dmdesk.testsupport;

import io.dmdesk.support.security.Role;
import io.dmdesk.support.security.RouteRule;
import io.dmdesk.support.security.RouteRules;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Checks a running service's access control against its own route rules, endpoint by endpoint: every
 * {@code @RequestMapping} of the service must be covered by a rule (so a new route without one fails), every
 * closed endpoint answers 401 without credentials and 403 to each test user whose role the rule does not
 * name, and a user whose role it names gets past security (GET endpoints; non-GET ones only where a test
 * says it is safe to call them). Open endpoints must be answered by the handler, not by the security chain.
 */
public final class AccessProbe {

    /** The challenge the security chain sends with its own 401s; handlers (e.g. webhooks) send none. */
    public static final String CHALLENGE = "Basic realm=\"dmdesk\"";

    private final ApplicationContext context;
    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public AccessProbe(ApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** One concrete request: a mapping's method with its path variables filled in. */
    public record Endpoint(HttpMethod method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What a probe of one endpoint found, for the test's report. */
    public record Finding(Endpoint endpoint, String problem) {
        @Override
        public String toString() {
            return endpoint + ": " + problem;
        }
    }

    /** The rules in force: the common ones, then the service's, as the security chain evaluates them. */
    public List<RouteRule> rules() {
        List<RouteRule> rules = new ArrayList<>(RouteRules.COMMON);
        context.getBeanProvider(RouteRules.class).orderedStream().forEach(r -> rules.addAll(r.rules()));
        return rules;
    }

    /** Every annotated endpoint of the service (not actuator, which has its own mapping). */
    public List<Endpoint> endpoints() {
        RequestMappingHandlerMapping mapping =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<Endpoint> endpoints = new TreeSet<>(Comparator.comparing(Endpoint::toString));
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<HttpMethod> methods = new LinkedHashSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.asHttpMethod()));
            if (methods.isEmpty()) {
                methods.add(HttpMethod.GET);
            }
            for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                String path = concrete(pattern.getPatternString());
                methods.forEach(m -> endpoints.add(new Endpoint(m, path)));
            }
        }
        return List.copyOf(endpoints);
    }

    /** The first rule that matches, as in the security chain. */
    public Optional<RouteRule> ruleFor(Endpoint endpoint) {
        PathContainer path = PathContainer.parsePath(endpoint.path());
        return rules().stream()
                .filter(r -> r.method() == null || r.method().equals(endpoint.method()))
                .filter(r ->
                        PathPatternParser.defaultInstance.parse(r.pattern()).matches(path))
                .findFirst();
    }

    /**
     * Probes every endpoint plus {@code extra} ones (e.g. static console pages that have no mapping). Allowed
     * users are tried on GET endpoints and on {@code safeToCall} ones; returns every problem found.
     */
    public List<Finding> probe(List<Endpoint> extra, Set<Endpoint> safeToCall)
            throws IOException, InterruptedException {
        List<Endpoint> all = new ArrayList<>(endpoints());
        all.addAll(extra);
        List<Finding> findings = new ArrayList<>();
        for (Endpoint endpoint : all) {
            Optional<RouteRule> rule = ruleFor(endpoint);
            if (rule.isEmpty()) {
                findings.add(new Finding(endpoint, "no route rule covers it (add one to the service's RouteRules)"));
                continue;
            }
            if (rule.get().open()) {
                HttpResponse<String> response = send(endpoint, null);
                if (response.headers()
                        .firstValue("WWW-Authenticate")
                        .filter(CHALLENGE::equals)
                        .isPresent()) {
                    findings.add(new Finding(
                            endpoint, "open by rule but the security chain answered " + response.statusCode()));
                }
                continue;
            }
            int anonymous = send(endpoint, null).statusCode();
            if (anonymous != 401) {
                findings.add(new Finding(endpoint, "without credentials: " + anonymous + ", expected 401"));
            }
            boolean tryAllowed = endpoint.method() == HttpMethod.GET || safeToCall.contains(endpoint);
            for (TestUsers user : TestUsers.values()) {
                boolean allowed = rule.get().roles().contains(Role.valueOf(user.role()));
                if (allowed && !tryAllowed) {
                    continue;
                }
                int status = send(endpoint, user).statusCode();
                if (!allowed && status != 403) {
                    findings.add(new Finding(
                            endpoint, "as " + user.username + " (" + user.role() + "): " + status + ", expected 403"));
                }
                if (allowed && (status == 401 || status == 403)) {
                    findings.add(new Finding(
                            endpoint,
                            "as " + user.username + " (" + user.role() + "): " + status
                                    + ", expected to get past security"));
                }
            }
        }
        return findings;
    }

    /**
     * Actuator: health (and its groups) and Prometheus open, everything else ADMIN only; and a path no handler
     * and no rule knows is 401 without credentials and 403 even for ADMIN (deny by default).
     */
    public List<Finding> actuatorAndDefaults() throws IOException, InterruptedException {
        List<Finding> findings = new ArrayList<>();
        for (String open : List.of(
                "/actuator/health",
                "/actuator/health/liveness",
                "/actuator/health/readiness",
                "/actuator/prometheus")) {
            Endpoint endpoint = new Endpoint(HttpMethod.GET, open);
            expect(findings, endpoint, null, 200);
        }
        for (String closed : List.of("/actuator", "/actuator/info")) {
            Endpoint endpoint = new Endpoint(HttpMethod.GET, closed);
            expect(findings, endpoint, null, 401);
            for (TestUsers user : TestUsers.values()) {
                expect(findings, endpoint, user, user == TestUsers.ADMIN ? 200 : 403);
            }
        }
        Endpoint unknown = new Endpoint(HttpMethod.GET, "/no-rule-for-this");
        expect(findings, unknown, null, 401);
        expect(findings, unknown, TestUsers.ADMIN, 403);
        return findings;
    }

    /** Security headers on a page (the login form) and on a refusal. */
    public List<Finding> securityHeaders() throws IOException, InterruptedException {
        List<Finding> findings = new ArrayList<>();
        for (Endpoint endpoint :
                List.of(new Endpoint(HttpMethod.GET, "/login"), new Endpoint(HttpMethod.GET, "/no-rule-for-this"))) {
            HttpResponse<String> response = send(endpoint, null);
            header(
                    findings,
                    endpoint,
                    response,
                    "Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                            + "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                            + "frame-ancestors 'none'");
            header(findings, endpoint, response, "X-Frame-Options", "DENY");
            header(findings, endpoint, response, "X-Content-Type-Options", "nosniff");
            header(findings, endpoint, response, "Referrer-Policy", "same-origin");
            header(findings, endpoint, response, "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        }
        return findings;
    }

    private void header(
            List<Finding> findings, Endpoint endpoint, HttpResponse<String> response, String name, String expected) {
        String actual = response.headers().firstValue(name).orElse(null);
        if (!expected.equals(actual)) {
            findings.add(new Finding(endpoint, name + ": " + actual + ", expected " + expected));
        }
    }

    private void expect(List<Finding> findings, Endpoint endpoint, TestUsers user, int expected)
            throws IOException, InterruptedException {
        int status = send(endpoint, user).statusCode();
        if (status != expected) {
            findings.add(new Finding(
                    endpoint,
                    (user == null ? "without credentials" : "as " + user.username) + ": " + status + ", expected "
                            + expected));
        }
    }

    public HttpResponse<String> send(Endpoint endpoint, TestUsers user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + endpoint.path()))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(
                        endpoint.method().name(),
                        endpoint.method() == HttpMethod.GET
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"));
        if (user != null) {
            request.header("Authorization", user.basic());
        }
        return http.send(request.build(), AccessProbe::bodyUnlessStream);
    }

    /**
     * The body as a string, except for a server-sent event stream (the console's live queue), which never ends:
     * its status and headers are the answer, and the stream is closed at once instead of read.
     */
    private static HttpResponse.BodySubscriber<String> bodyUnlessStream(HttpResponse.ResponseInfo info) {
        boolean stream = info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
        if (!stream) {
            return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        }
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), in -> {
            try {
                in.close();
            } catch (IOException e) {
                // closing only cancels the stream
            }
            return "";
        });
    }

    /** Path variables become "probe" ({@code /api/reports/{id}} -> {@code /api/reports/probe}). */
    static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*?[^}]+}", "probe")
                .replace("/**", "/probe")
                .replace("/*", "/probe");
    }
}
