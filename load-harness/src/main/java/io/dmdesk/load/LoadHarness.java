package io.dmdesk.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load on the running system (./deploy/local/up.sh): citizens write DMs through the sandbox at a fixed rate
 * (or as fast as the sandbox takes them), and the harness waits for each acknowledgement the sandbox records.
 * Latency is the sandbox's own two timestamps: DM created -> acknowledgement sent back. Then raw Kafka
 * throughput on the same broker, for the same record size. Bounded in count and time; loopback only.
 *
 * <pre>
 * java -cp "load-harness/target/load-harness-0.1.0-SNAPSHOT.jar:load-harness/target/lib/*" io.dmdesk.load.LoadHarness \
 *      --messages 300 --rate 20 [--sandbox http://localhost:8090] [--kafka localhost:9092] [--out load-harness/target/results]
 * </pre>
 * {@code --rate 0} sends as fast as possible.
 */
public final class LoadHarness {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = args(argv);
        String sandbox = args.getOrDefault("sandbox", "http://localhost:8090");
        String kafka = args.getOrDefault("kafka", "localhost:9092");
        int messages = Integer.parseInt(args.getOrDefault("messages", "200"));
        double rate = Double.parseDouble(args.getOrDefault("rate", "20"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(args.getOrDefault("timeout-seconds", "180")));
        Path out = Path.of(args.getOrDefault("out", "load-harness/target/results"));
        if (messages < 1
                || messages > 100_000
                || rate < 0
                || !URI.create(sandbox).getHost().matches("localhost|127\\..*")) {
            throw new IllegalArgumentException(
                    "--messages 1..100000, --rate >= 0, and the sandbox must be on loopback");
        }
        Files.createDirectories(out);
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        System.out.printf(
                "DM Desk load: %d DMs at %s to %s (run %s)%n",
                messages, rate == 0 ? "max rate" : rate + "/s", sandbox, run);
        Map<String, Instant> sent = send(http, sandbox, run, messages, rate);
        Map<String, Instant> acked = awaitAcknowledgements(http, sandbox, sent, timeout);

        Instant first = sent.values().stream().min(Instant::compareTo).orElseThrow();
        long[] latency = new long[acked.size()];
        long[] offset = new long[acked.size()];
        int i = 0;
        for (var e : acked.entrySet()) {
            latency[i] = Duration.between(sent.get(e.getKey()), e.getValue()).toMillis();
            offset[i++] = Duration.between(first, sent.get(e.getKey())).toMillis();
        }
        Percentiles p = Percentiles.of(latency);
        Instant lastAck = acked.values().stream().max(Instant::compareTo).orElse(first);
        double seconds = Math.max(0.001, Duration.between(first, lastAck).toMillis() / 1000.0);
        double throughput = acked.size() / seconds;

        int recordBytes = 900; // an InboundMessage of a short DM as JSON, the size the pipeline moves
        RawKafka.Result raw = RawKafka.measure(kafka, Math.max(20_000, messages * 50), recordBytes, 12);
        double ratio = throughput / raw.producePerSecond();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run", run);
        result.put("messages", messages);
        result.put("rate", rate == 0 ? "max" : rate);
        result.put("acknowledged", acked.size());
        result.put("lost", messages - acked.size());
        result.put(
                "latencyMs",
                Map.of("p50", p.p50(), "p95", p.p95(), "p99", p.p99(), "max", p.max(), "mean", Math.round(p.mean())));
        result.put("pipelineThroughputPerSecond", round(throughput));
        result.put(
                "rawKafka",
                Map.of(
                        "records",
                        raw.records(),
                        "recordBytes",
                        raw.recordBytes(),
                        "producePerSecond",
                        round(raw.producePerSecond()),
                        "consumePerSecond",
                        round(raw.consumePerSecond())));
        result.put("pipelineToRawKafkaRatio", ratio);
        Files.writeString(
                out.resolve("load-" + run + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        LatencyChart.write(
                out.resolve("load-" + run + ".png"),
                offset,
                latency,
                p,
                String.format(
                        "DM -> acknowledgement latency, %d DMs at %s", messages, rate == 0 ? "max rate" : rate + "/s"));

        System.out.println();
        System.out.println("| measure                              | value |");
        System.out.println("|--------------------------------------|-------|");
        System.out.printf(
                "| DMs sent / acknowledged / lost       | %d / %d / %d |%n",
                messages, acked.size(), messages - acked.size());
        System.out.printf(
                "| latency p50 / p95 / p99 / max (ms)   | %d / %d / %d / %d |%n", p.p50(), p.p95(), p.p99(), p.max());
        System.out.printf("| pipeline throughput (acks/s)         | %.1f |%n", throughput);
        System.out.printf(
                "| raw Kafka produce / consume (rec/s)  | %.0f / %.0f (%d B records) |%n",
                raw.producePerSecond(), raw.consumePerSecond(), recordBytes);
        System.out.printf("| pipeline / raw Kafka produce         | %.5f |%n", ratio);
        System.out.println();
        System.out.println("JSON:  " + out.resolve("load-" + run + ".json"));
        System.out.println("chart: " + out.resolve("load-" + run + ".png"));
        if (acked.size() < messages) {
            System.exit(1);
        }
    }

    /** Posts the DMs, paced; returns citizen handle -> the sandbox's creation time of the DM. */
    private static Map<String, Instant> send(HttpClient http, String sandbox, String run, int messages, double rate)
            throws Exception {
        Map<String, Instant> created = new HashMap<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            String handle = "lh" + run + i; // <= 15 characters: an X handle
            String body = JSON.writeValueAsString(Map.of(
                    "platform",
                    "x",
                    "channel",
                    "dm",
                    "account",
                    "DemoPolice",
                    "sender",
                    handle,
                    "text",
                    "Load test " + run + ": my bike was stolen from the station"));
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox + "/control/messages"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenAccept(r -> {
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("sandbox refused a DM: " + r.statusCode());
                        }
                        JsonNode json = JSON.readTree(r.body());
                        synchronized (created) {
                            created.put(
                                    handle.toLowerCase(),
                                    Instant.parse(json.get("createdAt").asString()));
                        }
                    }));
            if (rate == 0 && inFlight.size() % 32 == 0) {
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                        .join(); // bounded concurrency
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        return created;
    }

    /** Polls the sandbox's record of replies until every citizen has their first reply (the acknowledgement). */
    private static Map<String, Instant> awaitAcknowledgements(
            HttpClient http, String sandbox, Map<String, Instant> sent, Duration timeout) throws Exception {
        Map<String, Instant> acked = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acked.size() < sent.size() && System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(sandbox + "/control/replies?platform=x"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode reply : JSON.readTree(r.body())) {
                String recipient = reply.get("recipient").asString().toLowerCase();
                if (sent.containsKey(recipient)
                        && !acked.containsKey(recipient)
                        && reply.get("text").asString().contains("DMD-")) {
                    acked.put(recipient, Instant.parse(reply.get("sentAt").asString()));
                }
            }
            if (acked.size() < sent.size()) {
                Thread.sleep(500);
            }
        }
        return acked;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static Map<String, String> args(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + argv[i]);
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        return args;
    }

    private LoadHarness() {}
}
