package io.dmdesk.intake.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Topics;
import io.dmdesk.intake.IntakeHarness;
import io.dmdesk.testsupport.TestKafka;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of mutated webhook deliveries per platform (X Account Activity, Meta Messenger/Instagram/page,
 * Telegram secret token) against intake over the real broker and store. Without a valid signature: never a 5xx
 * and not one record on social.inbound. With a valid signature over odd bodies: never a 5xx, and every record
 * published parses as an InboundMessage with its identity fields.
 *
 * <p>Seeded: the seed is printed; rerun with {@code -Dfuzz.seed=<seed>}. {@code -Dfuzz.cases=<n>} sets the
 * number of unsigned cases per platform (signed cases are half of it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    static final int CASES = Integer.getInteger("fuzz.cases", 1000);
    static final int MAX_BODY = 65536;

    static final String X_SECRET = "sandbox-x-consumer-secret";
    static final String X_ACCOUNT = "1500000000000000001";
    static final String META_SECRET = "sandbox-meta-app-secret";
    static final String PAGE = "610000000000001";
    static final String IG = "17841400000000001";
    static final String TG_TOKEN = "fuzz-webhook-secret-0123456789";
    static final String TG_PATH = "/webhooks/telegram/telegram-pcjones";

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A platform's webhook: where it is, which header proves origin, and how a real delivery looks. */
    record Platform(
            String name,
            String path,
            String header,
            Function<byte[], String> sign,
            Function<Random, String> delivery) {}

    /** One request: path, headers (a header may repeat), body. */
    record Fuzz(String platform, String kind, String path, List<String[]> headers, byte[] body) {}

    IntakeHarness harness;
    HttpClient http;
    ExecutorService pool;
    final AtomicLong ids = new AtomicLong();
    final Map<String, Long> statuses = new ConcurrentHashMap<>();
    List<Platform> platforms;

    @BeforeAll
    void start() {
        System.out.println("WebhookFuzzTest seed=" + SEED + " cases=" + CASES + " (rerun: -Dfuzz.seed=" + SEED + ")");
        harness = IntakeHarness.start(
                List.of(),
                "--intake.poll-interval=PT1H",
                "--intake.webhooks.max-body-bytes=" + MAX_BODY,
                "--intake.telegram.webhook-secret-tokens.telegram-pcjones=" + TG_TOKEN);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        pool = Executors.newFixedThreadPool(6);
        platforms = List.of(
                new Platform(
                        "x",
                        "/webhooks/x",
                        "x-twitter-webhooks-signature",
                        b -> Hmac.base64Signature(X_SECRET, b),
                        this::xDelivery),
                new Platform(
                        "meta",
                        "/webhooks/meta",
                        "X-Hub-Signature-256",
                        b -> Hmac.hexSignature(META_SECRET, b),
                        this::metaDelivery),
                new Platform(
                        "telegram", TG_PATH, "X-Telegram-Bot-Api-Secret-Token", b -> TG_TOKEN, this::telegramDelivery));
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
        harness.close();
        System.out.println("WebhookFuzzTest seed=" + SEED + " statuses=" + new TreeMap<>(statuses));
    }

    @Test
    @Order(1)
    void withoutAValidSignatureNothingIsPublishedAndNothingIs5xx() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();
        Random random = new Random(SEED);
        List<Fuzz> cases = new ArrayList<>();
        for (Platform p : platforms) {
            for (int i = 0; i < CASES; i++) {
                cases.add(unsigned(p, random));
            }
        }
        List<String> failures = send(cases);

        assertThat(failures).as("seed %d", SEED).isEmpty();
        // Every rejection was answered after its handling finished, so anything published is on the topic now.
        assertThat(recordsSince(before))
                .as("records on social.inbound from unsigned deliveries, seed %d", SEED)
                .isEmpty();
    }

    @Test
    @Order(2)
    void withAValidSignatureOddBodiesPublishNothingMalformed() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();
        Random random = new Random(SEED + 1);
        List<Fuzz> cases = new ArrayList<>();
        for (Platform p : platforms) {
            for (int i = 0; i < CASES / 2; i++) {
                cases.add(signed(p, random));
            }
        }
        List<String> failures = send(cases);
        assertThat(failures).as("seed %d", SEED).isEmpty();

        List<ConsumerRecord<byte[], byte[]>> published = recordsSince(before);
        System.out.println("WebhookFuzzTest signed phase published " + published.size() + " records");
        assertThat(published)
                .as("some odd but well-formed deliveries are still real messages")
                .isNotEmpty();
        Map<String, Long> blankIds = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : published) {
            InboundMessage m = EventJson.fromBytes(r.value(), InboundMessage.class);
            assertThat(m.schemaVersion()).isEqualTo(InboundMessage.SCHEMA_VERSION);
            assertThat(m.kind()).isNotNull();
            assertThat(m.platform()).isNotNull();
            assertThat(m.account()).isNotNull();
            assertThat(m.account().id()).isNotBlank();
            assertThat(m.channel()).isNotNull();
            assertThat(m.conversationId()).isNotNull();
            assertThat(m.nativeMessageId()).isNotNull();
            assertThat(m.messageId()).isEqualTo(InboundMessage.idFor(m.platform(), m.nativeMessageId()));
            assertThat(m.platformTimestamp()).isNotNull();
            assertThat(m.receivedAt()).isNotNull();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(m.conversationKey());
            // An empty id from a signed delivery would collapse into one message/conversation: intake skips such
            // messages (dmdesk.intake.messages.unusable), so none may reach the topic.
            if (m.nativeMessageId().isBlank()) {
                blankIds.merge(m.platform().code() + " blank nativeMessageId", 1L, Long::sum);
            }
            if (m.conversationId().isBlank()) {
                blankIds.merge(m.platform().code() + " blank conversationId", 1L, Long::sum);
            }
        }
        assertThat(blankIds)
                .as("records published with blank ids, seed %d", SEED)
                .isEmpty();
    }

    // ---- sending

    private List<String> send(List<Fuzz> cases) throws Exception {
        List<Future<String>> results = new ArrayList<>();
        for (Fuzz f : cases) {
            results.add(pool.submit(() -> one(f)));
        }
        List<String> failures = new ArrayList<>();
        for (Future<String> r : results) {
            String failure = r.get();
            if (failure != null) {
                failures.add(failure);
            }
        }
        return failures;
    }

    /** @return null when the answer is fine, else what went wrong (without the body) */
    private String one(Fuzz f) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.intakeUrl() + f.path()))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(f.body()));
        for (String[] h : f.headers()) {
            request.header(h[0], h[1]);
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            statuses.merge(f.platform() + " " + f.kind() + " " + status, 1L, Long::sum);
            return status >= 500
                    ? f.platform() + " " + f.kind() + " -> " + status + " (" + f.body().length + " bytes)"
                    : null;
        } catch (IOException e) {
            // Refusing an oversized upload may close the connection before the client finished sending.
            if (f.body().length > MAX_BODY) {
                statuses.merge(f.platform() + " " + f.kind() + " closed", 1L, Long::sum);
                return null;
            }
            return f.platform() + " " + f.kind() + " -> " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    // ---- cases

    /** A request whose proof of origin is wrong, missing or for other bytes; the body may be anything. */
    private Fuzz unsigned(Platform p, Random r) {
        byte[] real = p.delivery().apply(r).getBytes(StandardCharsets.UTF_8);
        byte[] body = r.nextInt(3) == 0 ? real : mutateBytes(real, r);
        String valid = p.sign().apply(body);
        List<String[]> headers = new ArrayList<>();
        contentType(headers, r);
        String path = p.path();
        String kind;
        switch (r.nextInt(9)) {
            case 0 -> kind = "missing";
            case 1 -> {
                kind = "empty";
                headers.add(new String[] {p.header(), r.nextBoolean() ? "sha256=" : "-"});
            }
            case 2 -> {
                kind = "garbled";
                headers.add(new String[] {p.header(), garble(valid, r)});
            }
            case 3 -> {
                kind = "duplicated";
                String other = garble(valid, r);
                headers.add(new String[] {p.header(), r.nextBoolean() ? valid : other});
                headers.add(new String[] {p.header(), headers.get(headers.size() - 1)[1].equals(valid) ? other : valid
                });
            }
            case 4 -> {
                kind = "other-body";
                // Valid signature, but over different bytes than those sent.
                byte[] signedBody = p.delivery().apply(r).getBytes(StandardCharsets.UTF_8);
                headers.add(new String[] {p.header(), p.sign().apply(signedBody)});
                if (p.name().equals("telegram")) {
                    // The token signs no body: the right token on the wrong bot is Telegram's "other body".
                    path = r.nextBoolean() ? "/webhooks/telegram/telegram-demopolice" : "/webhooks/telegram/" + word(r);
                }
            }
            case 5 -> {
                kind = "wrong-secret";
                headers.add(new String[] {
                    p.header(),
                    p.name().equals("x")
                            ? Hmac.base64Signature("not-" + X_SECRET, body)
                            : p.name().equals("meta") ? Hmac.hexSignature("not-" + META_SECRET, body) : TG_TOKEN + "x"
                });
            }
            case 6 -> {
                kind = "wrong-format";
                // The right MAC in the other platform's encoding, or without its prefix.
                String v = p.name().equals("x")
                        ? Hmac.hexSignature(X_SECRET, body)
                        : p.name().equals("meta") ? Hmac.base64Signature(META_SECRET, body) : TG_TOKEN.substring(1);
                headers.add(new String[] {p.header(), r.nextBoolean() ? v : v.replace("sha256=", "")});
            }
            case 7 -> {
                kind = "wrong-header";
                headers.add(new String[] {p.header() + "-x", valid});
                headers.add(new String[] {"X-Signature", valid});
            }
            default -> {
                kind = "unicode-header";
                headers.add(new String[] {p.header(), unicodeHeader(valid, r)});
            }
        }
        return new Fuzz(p.name(), kind, path, headers, body);
    }

    /** A correctly signed request whose body is odd: broken bytes, odd structure, odd text. */
    private Fuzz signed(Platform p, Random r) {
        String real = p.delivery().apply(r);
        byte[] body;
        String kind;
        switch (r.nextInt(6)) {
            case 0 -> {
                kind = "bytes";
                body = mutateBytes(real.getBytes(StandardCharsets.UTF_8), r);
            }
            case 1, 2 -> {
                kind = "structure";
                body = mutateTree(real, r).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                kind = "unicode";
                body = unicodeBody(real, r);
            }
            case 4 -> {
                kind = "deep";
                body = deep(real, r);
            }
            default -> {
                kind = "real";
                body = real.getBytes(StandardCharsets.UTF_8);
            }
        }
        List<String[]> headers = new ArrayList<>();
        contentType(headers, r);
        String signature = p.sign().apply(body);
        if (p.name().equals("meta") && r.nextInt(4) == 0) {
            signature = signature.toUpperCase(Locale.ROOT); // hex is case-insensitive
        }
        headers.add(new String[] {p.header(), signature});
        return new Fuzz(p.name(), "signed-" + kind, p.path(), headers, body);
    }

    private static void contentType(List<String[]> headers, Random r) {
        String[] types = {
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/octet-stream",
            "application/json; charset=utf-16",
            "garbage/;;;",
            null
        };
        String type = types[r.nextInt(types.length)];
        if (type != null) {
            headers.add(new String[] {"Content-Type", type});
        }
    }

    // ---- mutations

    private static byte[] mutateBytes(byte[] real, Random r) {
        switch (r.nextInt(7)) {
            case 0 -> { // bit flips
                byte[] b = real.clone();
                for (int i = 1 + r.nextInt(8); i > 0; i--) {
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 1 -> { // truncation
                byte[] b = new byte[r.nextInt(real.length)];
                System.arraycopy(real, 0, b, 0, b.length);
                return b;
            }
            case 2 -> { // empty
                return new byte[0];
            }
            case 3 -> { // random bytes
                byte[] b = new byte[r.nextInt(2048)];
                r.nextBytes(b);
                return b;
            }
            case 4 -> { // huge: under or over the limit
                int size = r.nextBoolean() ? MAX_BODY - 100 - r.nextInt(1000) : MAX_BODY + 1 + r.nextInt(4 * MAX_BODY);
                String pad = "x".repeat(Math.max(0, size - real.length - 20));
                String s = new String(real, StandardCharsets.UTF_8);
                int brace = s.lastIndexOf('}');
                return brace < 0
                        ? pad.getBytes(StandardCharsets.UTF_8)
                        : (s.substring(0, brace) + ",\"pad\":\"" + pad + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> { // splice a piece somewhere else
                byte[] b = real.clone();
                int from = r.nextInt(b.length);
                int to = r.nextInt(b.length);
                int len = Math.min(r.nextInt(32), Math.min(b.length - from, b.length - to));
                System.arraycopy(real, from, b, to, len);
                return b;
            }
            default -> { // not JSON at all
                String[] others = {
                    "<xml/>",
                    "a=b&c=d",
                    "null",
                    "[]",
                    "\"string\"",
                    "1e999999",
                    "{}",
                    "{\"entry\":{}}",
                    "{\"object\":\"page\",\"entry\":null}",
                    "{\"update_id\":\"x\"}",
                    "\uFEFF{}",
                    "{,}",
                    "[[[",
                    "\u0000"
                };
                return others[r.nextInt(others.length)].getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** Replaces, removes or retypes one node of a real delivery, or adds odd siblings. */
    private static String mutateTree(String real, Random r) {
        JsonNode root = JSON.readTree(real);
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode c = containers.get(r.nextInt(containers.size()));
            if (c instanceof ObjectNode o && !o.isEmpty()) {
                List<String> names = new ArrayList<>(o.propertyNames());
                String name = names.get(r.nextInt(names.size()));
                if (r.nextInt(5) == 0) {
                    o.remove(name);
                } else {
                    o.set(name, oddValue(r));
                }
                if (r.nextInt(4) == 0) {
                    o.set(word(r), oddValue(r));
                }
            } else if (c instanceof ArrayNode a && !a.isEmpty()) {
                int i = r.nextInt(a.size());
                switch (r.nextInt(3)) {
                    case 0 -> a.remove(i);
                    case 1 -> a.set(i, oddValue(r));
                    default -> a.add(a.get(i).deepCopy()); // the same event twice in one delivery
                }
            }
        }
        String out = JSON.writeValueAsString(root);
        if (r.nextInt(6) == 0 && out.startsWith("{")) {
            // A duplicate key: JSON allows it, parsers disagree on which one wins.
            out = "{\"update_id\":1,\"for_user_id\":\"1\",\"object\":\"user\"," + out.substring(1);
        }
        return out;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainer()) {
            into.add(node);
            for (JsonNode child : node) {
                collect(child, into);
            }
        }
    }

    private static JsonNode oddValue(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(r.nextLong());
            case 2 -> NODES.numberNode(new BigInteger(200, r));
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.numberNode(r.nextDouble() * 1e300);
            case 5 -> NODES.stringNode("");
            case 6 -> NODES.stringNode(word(r));
            case 7 -> NODES.stringNode(unicodeText(r));
            case 8 -> NODES.booleanNode(r.nextBoolean());
            case 9 -> NODES.arrayNode();
            case 10 -> NODES.objectNode();
            case 11 -> NODES.arrayNode().add(NODES.objectNode()).add(NODES.nullNode());
            case 12 -> NODES.stringNode("x".repeat(r.nextInt(20000)));
            default -> NODES.stringNode("2020-13-45T99:99:99Z");
        };
    }

    private static byte[] unicodeBody(String real, Random r) {
        String text = unicodeText(r);
        String body = real.replace("FUZZTEXT", text);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(3) == 0) {
            // Raw bytes that are not UTF-8 where the text was: overlong NUL, lone continuation, 0xFF, a cut sequence.
            byte[][] bad = {
                {(byte) 0xC0, (byte) 0x80},
                {(byte) 0x80},
                {(byte) 0xFF},
                {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}
            };
            String marker = "FUZZTEXT";
            int at = real.indexOf(marker);
            if (at >= 0) {
                byte[] head = real.substring(0, at).getBytes(StandardCharsets.UTF_8);
                byte[] tail = real.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
                byte[] mid = bad[r.nextInt(bad.length)];
                byte[] out = new byte[head.length + mid.length + tail.length];
                System.arraycopy(head, 0, out, 0, head.length);
                System.arraycopy(mid, 0, out, head.length, mid.length);
                System.arraycopy(tail, 0, out, head.length + mid.length, tail.length);
                return out;
            }
        }
        if (r.nextInt(5) == 0) {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] out = new byte[bom.length + bytes.length];
            System.arraycopy(bom, 0, out, 0, bom.length);
            System.arraycopy(bytes, 0, out, bom.length, bytes.length);
            return out;
        }
        return bytes;
    }

    /** JSON-escaped text with the edge cases of Unicode: escapes of lone surrogates, NUL, RTL override, ZWJ. */
    private static String unicodeText(Random r) {
        String[] pieces = {
            "\\ud800",
            "\\udfff",
            "\\u0000",
            "\u202Eevil",
            "\u200B",
            "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "e\u0301\u0301\u0301",
            "\uFFFF",
            "\uFEFF",
            "\\\"",
            "\\\\",
            "\\n\\r\\t",
            "\u0130\u0131",
            "\uD800\uDC00",
            "ø æ å",
            "\u0000".replace("\u0000", "\\u0000"),
            "\\uD83D\\uDE00",
            "\u0085",
            "\u2028\u2029"
        };
        StringBuilder b = new StringBuilder();
        for (int i = 1 + r.nextInt(6); i > 0; i--) {
            b.append(pieces[r.nextInt(pieces.length)]);
        }
        return b.toString();
    }

    private static byte[] deep(String real, Random r) {
        int depth = r.nextBoolean() ? 50 + r.nextInt(400) : 2000 + r.nextInt(20000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        int brace = real.lastIndexOf('}');
        String s = r.nextBoolean() ? nested : real.substring(0, brace) + ",\"deep\":" + nested + "}";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String garble(String valid, Random r) {
        char[] c = valid.toCharArray();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            int at = r.nextInt(c.length);
            char was = c[at];
            do {
                c[at] = (char) ('!' + r.nextInt(94));
            } while (c[at] == was || Character.toLowerCase(c[at]) == Character.toLowerCase(was));
        }
        String s = new String(c);
        return switch (r.nextInt(4)) {
            case 0 -> s.substring(0, Math.max(1, r.nextInt(s.length())));
            case 1 -> s + s;
            default -> s;
        };
    }

    /** Header values are ISO-8859-1 on the wire; a UTF-8 lookalike of the valid value is not the valid value. */
    private static String unicodeHeader(String valid, Random r) {
        String[] swaps = {"\u00e9", "\u00ff", "\u00a0", "\u00ad"};
        int at = r.nextInt(valid.length());
        return valid.substring(0, at) + swaps[r.nextInt(swaps.length)] + valid.substring(at + 1);
    }

    private static String word(Random r) {
        return Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
    }

    // ---- real deliveries (shapes as in the platform webhook references and the webhook tests)

    private String xDelivery(Random r) {
        String id = Long.toString(ids.incrementAndGet() + (1L << 60) + (r.nextLong() & 0xFFFFFFFFFFL));
        return """
                {"for_user_id":"%s","direct_message_events":[{"type":"message_create","id":"%s",
                 "created_timestamp":"%d","message_create":{"target":{"recipient_id":"%s"},
                 "sender_id":"8123456789012345678","message_data":{"text":"FUZZTEXT","entities":{}}}}],
                 "users":{"8123456789012345678":{"id":"8123456789012345678","name":"Test","screen_name":"tester"}}}
                """.formatted(X_ACCOUNT, id, System.currentTimeMillis(), X_ACCOUNT);
    }

    private String metaDelivery(Random r) {
        long now = System.currentTimeMillis();
        String mid = "m_fuzz" + ids.incrementAndGet() + "_" + word(r);
        if (r.nextBoolean()) {
            return """
                    {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[
                     {"sender":{"id":"2401%d"},"recipient":{"id":"%s"},"timestamp":%d,"message":{"mid":"%s","text":"FUZZTEXT"}}]}]}
                    """.formatted(PAGE, now, r.nextInt(1000), PAGE, now, mid);
        }
        return """
                {"object":"instagram","entry":[{"id":"%s","time":%d,"changes":[{"field":"comments","value":{
                 "from":{"id":"2323%d","username":"citizen_ig"},"media":{"id":"123123","media_product_type":"FEED"},
                 "id":"%d","text":"FUZZTEXT"}}]}]}
                """.formatted(IG, now, r.nextInt(1000), ids.incrementAndGet() + (r.nextLong() & 0xFFFFFFFFFL));
    }

    private String telegramDelivery(Random r) {
        long n = ids.incrementAndGet() + (r.nextLong() & 0xFFFFFFFL);
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"F"},
                 "chat":{"id":%d,"type":"private"},"date":%d,"text":"FUZZTEXT"}}
                """.formatted(n, n, 1000 + r.nextInt(1000), 1000 + r.nextInt(1000), System.currentTimeMillis() / 1000);
    }

    // ---- the topic

    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            return partitions.isEmpty() ? Map.of() : new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /** Records on social.inbound after the given end offsets, as raw bytes. */
    private static List<ConsumerRecord<byte[], byte[]>> recordsSince(Map<TopicPartition, Long> before) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, before.getOrDefault(tp, 0L));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            await("read social.inbound to its end")
                    .atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        if (partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                            return true;
                        }
                        consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                        return false;
                    });
            return Collections.unmodifiableList(all);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        String topic = Topics.SOCIAL_INBOUND.name();
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "fuzz-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
