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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Step test on the running system (./deploy/local/up.sh): citizens write DMs through the sandbox at 20, 50, 100 and
 * 200 DMs/s, 60 s each (configurable); every tenth DM is an emergency. Per step: offered, acknowledged, lost,
 * duplicate acknowledgements, DM-to-acknowledgement percentiles (sandbox timestamps: DM created -> acknowledgement
 * sent), emergencies apart, and the machine's load; then the knee, the first step with p99 over 1 s or
 * acknowledgements below 95% of the offered rate. In the same run, raw Kafka produce and consume on the same broker
 * with records the size of the pipeline's {@code social.inbound} records. Loopback only, bounded in count and time.
 *
 * <pre>
 * java -cp "load-harness/target/load-harness-0.1.0-SNAPSHOT.jar:load-harness/target/lib/*" io.dmdesk.load.StepTest \
 *      [--steps 20,50,100,200] [--step-seconds 60] [--drain-seconds 120] [--final-drain-seconds 300]
 *      [--steps-past-knee 1] [--emergency-every 10] [--chart docs/load-step-test.svg]
 *      [--sandbox http://localhost:8090] [--kafka localhost:9092] [--out load-harness/target/results]
 * </pre>
 * The sandbox's X send limit (1,500 per 15 min by default) must be raised for the run:
 * {@code SANDBOX_X_RATELIMIT_SENDMESSAGES=1000000} in the environment of up.sh.
 */
public final class StepTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** In every acknowledgement, routine or emergency (notifier-service.yml, en). */
    static final String ACK_TEXT = "Thank you, we have received your message";
    /** The emergency advice, which opens an emergency's acknowledgement. */
    static final String ADVICE_PREFIX = "If you or someone else is in danger right now";

    static final String ROUTINE_TEXT = "Load test: my bike was stolen from outside the station last week";
    static final String EMERGENCY_TEXT =
            "Please come now, a man is breaking into my house right now and I am hiding upstairs";

    record Dm(String handle, Instant created, boolean emergency) {}

    record Ack(Instant sent, boolean advisedFirst) {}

    public static void main(String[] argv) throws Exception {
        // The Kafka clients' INFO lines would bury the table; set before the first logger exists.
        System.setProperty(
                "org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Map<String, String> args = LoadHarness.args(argv);
        String sandbox = args.getOrDefault("sandbox", "http://localhost:8090");
        String kafka = args.getOrDefault("kafka", "localhost:9092");
        double[] rates = Arrays.stream(
                        args.getOrDefault("steps", "20,50,100,200").split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        int stepSeconds = Integer.parseInt(args.getOrDefault("step-seconds", "60"));
        Duration drain = Duration.ofSeconds(Long.parseLong(args.getOrDefault("drain-seconds", "120")));
        Duration finalDrain = Duration.ofSeconds(Long.parseLong(args.getOrDefault("final-drain-seconds", "300")));
        int stepsPastKnee = Integer.parseInt(args.getOrDefault("steps-past-knee", "1"));
        int emergencyEvery = Integer.parseInt(args.getOrDefault("emergency-every", "10"));
        Path out = Path.of(args.getOrDefault("out", "load-harness/target/results"));
        String run = Long.toString(Math.abs(new Random().nextLong()), 36).substring(0, 5);
        Path chart = Path.of(
                args.getOrDefault("chart", out.resolve("step-" + run + ".svg").toString()));
        if (!URI.create(sandbox).getHost().matches("localhost|127\\..*")
                || stepSeconds < 1
                || stepSeconds > 600
                || rates.length > 9
                || Arrays.stream(rates).anyMatch(r -> r <= 0 || r > 1000)) {
            throw new IllegalArgumentException(
                    "sandbox on loopback, --step-seconds 1..600, up to 9 --steps of 0..1000/s");
        }
        Files.createDirectories(out);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf(
                "DM Desk step test %s: %s DMs/s, %d s each, to %s%n",
                run, args.getOrDefault("steps", "20,50,100,200"), stepSeconds, sandbox);

        List<List<Dm>> sent = new ArrayList<>();
        List<double[]> loads = new ArrayList<>();
        int afterKnee = -1; // steps run since the knee; -1 before it
        for (int s = 0; s < rates.length; s++) {
            double loadStart = loadAverage();
            List<Dm> dms = send(http, sandbox, "s" + run + s, rates[s], stepSeconds, emergencyEvery);
            double loadEnd = loadAverage();
            sent.add(dms);
            loads.add(new double[] {loadStart, loadEnd});
            Map<String, List<Ack>> acks = await(http, sandbox, dms, drain);
            StepResult r = result(rates[s], dms, acks, loadStart, loadEnd);
            System.out.printf(
                    "step %.0f/s: offered %d, acked %d within %d s of the last send, p99 %d ms, load %.1f%s%n",
                    rates[s],
                    r.offered(),
                    r.acked(),
                    drain.toSeconds(),
                    r.all().p99(),
                    loadEnd,
                    r.pastKnee() ? " (past the knee: " + r.kneeReason() + ")" : "");
            afterKnee = afterKnee >= 0 ? afterKnee + 1 : r.pastKnee() ? 0 : -1;
            if (afterKnee >= stepsPastKnee) {
                System.out.printf("stopping %d step(s) past the knee (--steps-past-knee)%n", afterKnee);
                break;
            }
        }
        List<Dm> everyDm = sent.stream().flatMap(List::stream).toList();
        Map<String, List<Ack>> acks = await(http, sandbox, everyDm, finalDrain);
        List<StepResult> steps = new ArrayList<>();
        for (int s = 0; s < sent.size(); s++) {
            steps.add(result(rates[s], sent.get(s), acks, loads.get(s)[0], loads.get(s)[1]));
        }

        int recordBytes = RawKafka.typicalValueSize(kafka, "social.inbound", 900);
        double rawLoadStart = loadAverage();
        RawKafka.Result raw = RawKafka.measure(kafka, 50_000, recordBytes, 12);
        double rawLoad = Math.max(rawLoadStart, loadAverage());

        String table = StepReport.markdown(steps, raw, rawLoad);
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("step-" + run + ".md"), table);
        Files.writeString(
                out.resolve("step-" + run + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(run, stepSeconds, steps, raw, rawLoad)));
        if (chart.getParent() != null) {
            Files.createDirectories(chart.getParent());
        }
        Files.writeString(
                chart,
                StepReport.svg(
                        steps,
                        String.format(
                                "DM Desk step test, %d s per step, %s",
                                stepSeconds, Instant.now().toString().substring(0, 10))));
        System.out.println("table: " + out.resolve("step-" + run + ".md"));
        System.out.println("JSON:  " + out.resolve("step-" + run + ".json"));
        System.out.println("chart: " + chart);
    }

    /** Posts DMs for the step's duration at its rate; every emergencyEvery-th is an emergency. */
    static List<Dm> send(HttpClient http, String sandbox, String prefix, double rate, int seconds, int emergencyEvery)
            throws Exception {
        int count = (int) Math.round(rate * seconds);
        Map<Integer, Dm> created = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String handle = prefix + i; // <= 15 characters: an X handle
            boolean emergency = emergencyEvery > 0 && i % emergencyEvery == emergencyEvery - 1;
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
                    emergency ? EMERGENCY_TEXT : ROUTINE_TEXT));
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox + "/control/messages"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            int n = i;
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenAccept(r -> {
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("sandbox refused a DM: " + r.statusCode() + " " + r.body());
                        }
                        Instant at = Instant.parse(
                                JSON.readTree(r.body()).get("createdAt").asString());
                        created.put(n, new Dm(handle.toLowerCase(), at, emergency));
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        return created.values().stream()
                .sorted((a, b) -> a.created().compareTo(b.created()))
                .toList();
    }

    /** Polls the sandbox's replies until every DM has an acknowledgement or the time is up. */
    static Map<String, List<Ack>> await(HttpClient http, String sandbox, List<Dm> dms, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, List<Ack>> acks = acknowledgements(http, sandbox);
            boolean all = dms.stream().allMatch(d -> acks.containsKey(d.handle()));
            if (all || System.nanoTime() > deadline) {
                return acks;
            }
            Thread.sleep(2_000); // latency comes from the sandbox's timestamps, not from when we look
        }
    }

    /** Every acknowledgement the sandbox sent on X, by citizen handle, oldest first. */
    static Map<String, List<Ack>> acknowledgements(HttpClient http, String sandbox) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(sandbox + "/control/replies?platform=x"))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, List<Ack>> acks = new HashMap<>();
        for (JsonNode reply : JSON.readTree(r.body())) {
            String text = reply.path("text").asString("");
            if (text.contains(ACK_TEXT)) {
                acks.computeIfAbsent(reply.path("recipient").asString("").toLowerCase(), k -> new ArrayList<>())
                        .add(new Ack(Instant.parse(reply.get("sentAt").asString()), text.startsWith(ADVICE_PREFIX)));
            }
        }
        return acks;
    }

    static StepResult result(double rate, List<Dm> dms, Map<String, List<Ack>> acks, double loadStart, double loadEnd) {
        Histogram all = Percentiles.histogram();
        Histogram emergency = Percentiles.histogram();
        int acked = 0, duplicates = 0, emergencies = 0, advised = 0;
        Instant firstAck = null, lastAck = null;
        for (Dm dm : dms) {
            emergencies += dm.emergency() ? 1 : 0;
            List<Ack> mine = acks.get(dm.handle());
            if (mine == null || mine.isEmpty()) {
                continue;
            }
            acked++;
            duplicates += mine.size() - 1;
            Ack first =
                    mine.stream().min((a, b) -> a.sent().compareTo(b.sent())).orElseThrow();
            long ms = Math.max(
                    0,
                    Math.min(
                            Percentiles.HIGHEST_MS,
                            Duration.between(dm.created(), first.sent()).toMillis()));
            all.recordValue(ms);
            if (dm.emergency()) {
                emergency.recordValue(ms);
                advised += first.advisedFirst() ? 1 : 0;
            }
            firstAck = firstAck == null || first.sent().isBefore(firstAck) ? first.sent() : firstAck;
            lastAck = lastAck == null || first.sent().isAfter(lastAck) ? first.sent() : lastAck;
        }
        double offeredPerSec = perSecond(
                dms.size(),
                dms.isEmpty() ? null : dms.get(0).created(),
                dms.isEmpty() ? null : dms.get(dms.size() - 1).created(),
                rate);
        double ackedPerSec = perSecond(acked, firstAck, lastAck, 0);
        return new StepResult(
                rate,
                dms.size(),
                offeredPerSec,
                acked,
                dms.size() - acked,
                duplicates,
                ackedPerSec,
                Percentiles.of(all),
                Percentiles.of(emergency),
                emergencies,
                advised,
                loadStart,
                loadEnd);
    }

    /** (n - 1) events over the time from the first to the last; the fallback when there are fewer than two. */
    static double perSecond(int n, Instant first, Instant last, double fallback) {
        if (n < 2 || first == null || last == null || !last.isAfter(first)) {
            return fallback;
        }
        return (n - 1) / (Duration.between(first, last).toMillis() / 1000.0);
    }

    /** The 1-minute load average, or -1 where /proc/loadavg does not exist. */
    static double loadAverage() {
        try {
            return Double.parseDouble(
                    Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<String, Object> json(
            String run, int stepSeconds, List<StepResult> steps, RawKafka.Result raw, double rawLoad) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StepResult s : steps) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rate", s.rate());
            row.put("offered", s.offered());
            row.put("offeredPerSecond", s.offeredPerSec());
            row.put("acked", s.acked());
            row.put("lost", s.lost());
            row.put("duplicateAcks", s.duplicateAcks());
            row.put("ackedPerSecond", s.ackedPerSec());
            row.put(
                    "latencyMs",
                    Map.of(
                            "p50",
                            s.all().p50(),
                            "p90",
                            s.all().p90(),
                            "p99",
                            s.all().p99(),
                            "max",
                            s.all().max()));
            row.put(
                    "emergency",
                    Map.of(
                            "offered",
                            s.emergencies(),
                            "advisedFirst",
                            s.advisedFirst(),
                            "p99Ms",
                            s.emergency().p99()));
            row.put("load1m", List.of(s.loadStart(), s.loadEnd()));
            row.put("pastKnee", s.pastKnee());
            rows.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run", run);
        result.put("stepSeconds", stepSeconds);
        result.put("steps", rows);
        result.put(
                "knee",
                StepReport.knee(steps) == null ? null : StepReport.knee(steps).rate());
        result.put(
                "rawKafka",
                Map.of(
                        "records",
                        raw.records(),
                        "recordBytes",
                        raw.recordBytes(),
                        "producePerSecond",
                        raw.producePerSecond(),
                        "consumePerSecond",
                        raw.consumePerSecond(),
                        "load1m",
                        rawLoad));
        return result;
    }

    private StepTest() {}
}
