package io.dmdesk.intake.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.contracts.AuditEvent;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.intake.IntakeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Malformed, unsigned, forged and oversized webhook deliveries whose text carries a unique marker, on every
 * webhook (X, Meta, Telegram), over the real broker and store: no answer (status line, headers, body), no log line
 * and no audit entry repeats any of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookErrorsLeakNothingTest {

    static final String X_SECRET = "sandbox-x-consumer-secret";
    static final String X_ACCOUNT = "1500000000000000001";
    static final String META_SECRET = "sandbox-meta-app-secret";
    static final String PAGE = "610000000000001";
    static final String TG_TOKEN = "leak-test-webhook-secret-0123456789";
    static final String TG_PATH = "/webhooks/telegram/telegram-pcjones";
    static final int MAX_BODY = 8192;

    /** A platform's webhook and a real delivery shape with TEXT where the citizen's text goes. */
    record Hook(String platform, String path, String header, Function<byte[], String> sign, String delivery) {}

    IntakeHarness harness;
    HttpClient http;
    final AtomicLong ids = new AtomicLong(System.nanoTime() & 0xFFFFFFFFFFL);
    final String marker = "LeakMarker" + UUID.randomUUID().toString().replace("-", "");

    @BeforeAll
    void start() {
        harness = IntakeHarness.start(
                List.of(),
                "--intake.poll-interval=PT1H",
                "--intake.webhooks.max-body-bytes=" + MAX_BODY,
                "--intake.telegram.webhook-secret-tokens.telegram-pcjones=" + TG_TOKEN);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void noAnswerLogLineOrAuditEntryRepeatsWhatADeliveryCarried(CapturedOutput output) throws Exception {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        List<String> leaks = new ArrayList<>();
        for (Hook hook : hooks()) {
            String text = "someone broke into my car " + marker;
            String valid = hook.delivery().replace("TEXT", text);
            Map<String, String> bodies = new LinkedHashMap<>();
            // Unparseable: the text as a bare token, which JSON readers quote in their errors.
            bodies.put("unparseable", hook.delivery().replace("\"TEXT\"", marker));
            bodies.put("truncated", valid.substring(0, valid.indexOf(marker) + marker.length()));
            // Well-formed but with values of the wrong type or form, each carrying the marker.
            bodies.put("text-as-object", hook.delivery().replace("\"TEXT\"", "{\"" + marker + "\":[1]}"));
            bodies.put(
                    "ids-as-text",
                    valid.replaceAll(
                            "(\"(?:id|sender_id|message_id|update_id|mid)\":)\"?[0-9a-z_]+\"?",
                            "$1\"" + marker + "\""));
            bodies.put(
                    "numbers-as-text",
                    valid.replaceAll(
                            "(\"(?:time|timestamp|date|created_timestamp)\":)\"?[0-9]+\"?", "$1\"" + marker + "\""));
            bodies.put("valid", valid);
            for (var body : bodies.entrySet()) {
                byte[] bytes = body.getValue().getBytes(StandardCharsets.UTF_8);
                send(hook, "signed " + body.getKey(), bytes, hook.sign().apply(bytes), statuses, leaks);
            }
            byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
            send(hook, "unsigned", bytes, null, statuses, leaks);
            send(
                    hook,
                    "forged",
                    bytes,
                    hook.platform().equals("telegram")
                            ? TG_TOKEN + "x"
                            : hook.sign().apply((valid + " ").getBytes(StandardCharsets.UTF_8)),
                    statuses,
                    leaks);
            byte[] large = valid.replace(text, (text + " ").repeat(MAX_BODY / text.length() + 1))
                    .getBytes(StandardCharsets.UTF_8);
            send(hook, "too large", large, hook.sign().apply(large), statuses, leaks);
        }
        System.out.println("WebhookErrorsLeakNothingTest statuses " + statuses);

        assertThat(statuses)
                .as("every delivery was answered, none with a 5xx")
                .allSatisfy((kind, status) -> assertThat(status).as(kind).isBetween(200, 499));
        assertThat(statuses)
                .as("the malformed ones were refused as such")
                .containsEntry("x signed unparseable", 400)
                .containsEntry("meta signed unparseable", 400)
                .containsEntry("telegram signed unparseable", 400)
                .containsEntry("x unsigned", 401)
                .containsEntry("meta forged", 403)
                .containsEntry("telegram too large", 413);
        assertThat(leaks).as("answers that repeat the delivery").isEmpty();
        for (String platform : List.of("x", "meta", "telegram")) {
            List<AuditEvent> audit = IntakeHarness.audited("webhook:" + platform);
            assertThat(audit).as("rejections of %s are audited", platform).isNotEmpty();
            assertThat(audit).allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain(marker));
        }
        assertThat(output.getAll()).as("logs while the deliveries were handled").doesNotContain(marker);
    }

    private void send(
            Hook hook, String kind, byte[] body, String proof, Map<String, Integer> statuses, List<String> leaks)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.intakeUrl() + hook.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (proof != null) {
            request.header(hook.header(), proof);
        }
        String name = hook.platform() + " " + kind;
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        statuses.put(name, response.statusCode());
        if (response.body().contains(marker)) {
            leaks.add(name + ": body " + response.statusCode());
        }
        response.headers().map().forEach((header, values) -> {
            if (header.contains(marker) || values.stream().anyMatch(v -> v.contains(marker))) {
                leaks.add(name + ": header " + header);
            }
        });
    }

    private List<Hook> hooks() {
        long now = System.currentTimeMillis();
        return List.of(
                new Hook(
                        "x",
                        "/webhooks/x",
                        "x-twitter-webhooks-signature",
                        b -> Hmac.base64Signature(X_SECRET, b),
                        """
                        {"for_user_id":"%s","direct_message_events":[{"type":"message_create","id":"%d",
                         "created_timestamp":"%d","message_create":{"target":{"recipient_id":"%s"},
                         "sender_id":"8123456789012345678","message_data":{"text":"TEXT","entities":{}}}}],
                         "users":{"8123456789012345678":{"id":"8123456789012345678","name":"T","screen_name":"t"}}}
                        """.formatted(X_ACCOUNT, (1L << 60) + ids.incrementAndGet(), now, X_ACCOUNT)),
                new Hook(
                        "meta",
                        "/webhooks/meta",
                        "X-Hub-Signature-256",
                        b -> Hmac.hexSignature(META_SECRET, b),
                        """
                        {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[
                         {"sender":{"id":"2401%d"},"recipient":{"id":"%s"},"timestamp":%d,
                         "message":{"mid":"m_leak%d","text":"TEXT"}}]}]}
                        """.formatted(PAGE, now, ids.incrementAndGet() % 1000, PAGE, now, ids.incrementAndGet())),
                new Hook("telegram", TG_PATH, "X-Telegram-Bot-Api-Secret-Token", b -> TG_TOKEN, """
                        {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"F"},
                         "chat":{"id":%d,"type":"private"},"date":%d,"text":"TEXT"}}
                        """.formatted(
                                ids.incrementAndGet(),
                                ids.incrementAndGet(),
                                3000 + ids.get() % 1000,
                                3000 + ids.get() % 1000,
                                now / 1000)));
    }
}
