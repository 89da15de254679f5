package io.dmdesk.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Every call the harness makes to a dmdesk service (not the sandbox, which has no login) goes through here, with
 * HTTP Basic credentials from {@code DMDESK_ADMIN_USER} / {@code DMDESK_ADMIN_PASSWORD} when they are set. The
 * fault suite's verdict never depends on these calls: dead letters are read from Kafka directly.
 */
final class ServiceApi {

    /** Services with dead-letter queues, by local-stack port. */
    static final Map<String, Integer> DLQ_SERVICES =
            Map.of("triage-service", 8082, "case-bridge-service", 8083, "notifier-service", 8084);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceApi() {}

    /** GET on a local service; the body, or null with a note on stderr when it cannot be had. */
    static String get(int port, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        String user = System.getenv("DMDESK_ADMIN_USER");
        String password = System.getenv("DMDESK_ADMIN_PASSWORD");
        if (user != null && !user.isBlank() && password != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.err.println("GET :" + port + path + " answered " + r.statusCode()
                        + (r.statusCode() == 401 ? " (set DMDESK_ADMIN_USER / DMDESK_ADMIN_PASSWORD)" : ""));
                return null;
            }
            return r.body();
        } catch (Exception e) {
            System.err.println(
                    "GET :" + port + path + " failed: " + e.getClass().getSimpleName());
            return null;
        }
    }

    /** For the operator: what each service's {@code GET /admin/dlq} lists (informational). */
    static void printDlqListings() {
        DLQ_SERVICES.forEach((name, port) -> {
            String body = get(port, "/admin/dlq");
            if (body != null) {
                System.out.println("GET " + name + " /admin/dlq: "
                        + (body.length() > 400 ? body.substring(0, 400) + "..." : body));
            }
        });
    }
}
