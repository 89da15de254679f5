package io.dmdesk.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java half of the fault suite ({@code deploy/local/chaos.sh} is the other half, which kills and restarts
 * processes while this drives load). Three steps, each a separate invocation sharing a run directory:
 *
 * <pre>
 * FaultSuite load   --dir D --rate 1 [--max-seconds 900]   DMs through the sandbox until D/stop exists
 * FaultSuite poison --dir D                                 malformed and wrong-shape records on two topics
 * FaultSuite verify --dir D [--timeout-seconds 600]         wait for drain, print the table, exit 1 on violation
 * </pre>
 * Common options: {@code --sandbox http://localhost:8090 --kafka localhost:9092}. Verify reads reports and
 * dead letters straight from Kafka and case records and acknowledgements from the sandbox's control API.
 */
public final class FaultSuite {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The start of the English acknowledgement and case-reference templates (notifier-service.yml). */
    private static final String ACK_PREFIX = "Thank you, we have received your message";

    private static final String FOLLOW_UP_PREFIX = "Your report ";

    /** Where each poison record must end up: every consumer group of its topic dead-letters it. */
    static final Map<String, List<String>> DLQS = Map.of(
            "social.inbound", List.of("social.inbound.triage-service.dlq"),
            "reports.triaged",
                    List.of("reports.triaged.case-bridge-service.dlq", "reports.triaged.notifier-service.dlq"));

    public static void main(String[] argv) throws Exception {
        if (argv.length < 1) {
            throw new IllegalArgumentException("usage: FaultSuite load|poison|verify --dir <run dir> [options]");
        }
        Map<String, String> args = args(Arrays.copyOfRange(argv, 1, argv.length));
        Path dir = Path.of(required(args, "dir"));
        Files.createDirectories(dir);
        String sandbox = args.getOrDefault("sandbox", "http://localhost:8090");
        String kafka = args.getOrDefault("kafka", "localhost:9092");
        if (!URI.create(sandbox).getHost().matches("localhost|127\\..*")) {
            throw new IllegalArgumentException("the sandbox must be on loopback");
        }
        switch (argv[0]) {
            case "load" ->
                load(
                        dir,
                        sandbox,
                        Double.parseDouble(args.getOrDefault("rate", "1")),
                        Long.parseLong(args.getOrDefault("max-seconds", "900")));
            case "poison" -> poison(dir, kafka);
            case "verify" ->
                System.exit(
                        verify(
                                        dir,
                                        sandbox,
                                        kafka,
                                        Duration.ofSeconds(Long.parseLong(args.getOrDefault("timeout-seconds", "600"))))
                                ? 0
                                : 1);
            default -> throw new IllegalArgumentException("unknown step " + argv[0]);
        }
    }

    // ---- load

    /** Sends DMs at a steady rate until {@code dir/stop} exists; every DM the sandbox took goes into sent.txt. */
    static void load(Path dir, String sandbox, double rate, long maxSeconds) throws Exception {
        if (rate <= 0 || rate > 50) {
            throw new IllegalArgumentException("--rate must be in (0, 50]");
        }
        String run = dir.getFileName().toString().replaceAll("[^a-z0-9]", "");
        run = run.substring(Math.max(0, run.length() - 6));
        Path sent = dir.resolve("sent.txt");
        Path stop = dir.resolve("stop");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        int refused = 0;
        int i = 0;
        System.out.printf("fault-suite load: %.1f DMs/s to %s until %s exists (run %s)%n", rate, sandbox, stop, run);
        while (!Files.exists(stop) && System.nanoTime() - start < maxSeconds * 1_000_000_000L) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String handle = "fs" + run + i; // <= 15 characters: an X handle
            i++;
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
                    "Fault suite " + run + ": my bike was stolen from the station"));
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(sandbox + "/control/messages"))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    Files.writeString(
                            sent, handle.toLowerCase() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } else {
                    refused++;
                }
            } catch (IOException e) {
                refused++; // the sandbox did not take it: not sent, so not counted as lost
            }
        }
        System.out.printf(
                "fault-suite load: %d DMs sent, %d refused by the sandbox%n",
                Files.exists(sent) ? Files.readAllLines(sent).size() : 0, refused);
    }

    // ---- poison

    /** Malformed JSON and valid JSON of the wrong shape on social.inbound and reports.triaged; listed in poison.txt. */
    static void poison(Path dir, String kafka) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : DLQS.keySet()) {
                String malformed = "{\"poison\":\"malformed-" + id + "\",\"schemaVersion\":1,\"messageId\":";
                String wrongShape = "{\"poison\":\"wrong-shape-" + id + "\",\"schemaVersion\":\"one\",\"kind\":[1,2],"
                        + "\"reportId\":{\"not\":\"a string\"},\"source\":42,\"revision\":\"x\"}";
                for (String value : List.of(malformed, wrongShape)) {
                    String key = "poison-" + id + "-" + lines.size();
                    producer.send(new ProducerRecord<>(
                                    topic,
                                    key.getBytes(StandardCharsets.UTF_8),
                                    value.getBytes(StandardCharsets.UTF_8)))
                            .get();
                    lines.add(topic + "\t" + key);
                }
            }
        }
        Files.write(dir.resolve("poison.txt"), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("fault-suite poison: " + lines.size() + " records on " + DLQS.keySet());
    }

    // ---- verify

    static boolean verify(Path dir, String sandbox, String kafka, Duration timeout) throws Exception {
        Set<String> sent = new HashSet<>(Files.readAllLines(dir.resolve("sent.txt")));
        List<String[]> poison = Files.exists(dir.resolve("poison.txt"))
                ? Files.readAllLines(dir.resolve("poison.txt")).stream()
                        .map(l -> l.split("\t"))
                        .toList()
                : List.of();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf(
                "fault-suite verify: %d DMs sent, %d poison records; waiting up to %d s for the drain%n",
                sent.size(), poison.size(), timeout.toSeconds());

        Map<String, Set<String>> reportsByHandle = new HashMap<>();
        Counts c = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> reports = fromBeginning(kafka, "reports.triaged")) {
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : reports.poll(Duration.ofMillis(500))) {
                    JsonNode report = tryParse(r.value());
                    String handle = report == null
                            ? null
                            : report.path("source")
                                    .path("author")
                                    .path("handle")
                                    .asString(null);
                    if (handle != null
                            && sent.contains(handle.toLowerCase())
                            && report.path("reportId").isString()) {
                        reportsByHandle
                                .computeIfAbsent(handle.toLowerCase(), h -> new HashSet<>())
                                .add(report.path("reportId").asString());
                    }
                }
                c = count(http, sandbox, sent, reportsByHandle);
                boolean drained = c.reports == sent.size() && c.cases == sent.size() && c.acks == sent.size();
                if (drained || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(2000);
            }
        }
        Map<String, Integer> poisonFound = new LinkedHashMap<>();
        int poisonMissing = 0;
        for (String[] p : poison) {
            for (String dlq : DLQS.get(p[0])) {
                boolean found = keys(kafka, dlq).contains(p[1]);
                poisonFound.merge(dlq, found ? 1 : 0, Integer::sum);
                if (!found) {
                    poisonMissing++;
                }
            }
        }

        int lost = sent.size() - c.acknowledgedWithReportAndCase;
        System.out.println();
        System.out.printf("| %-58s | count |%n", "fault suite");
        System.out.println("|" + "-".repeat(60) + "|-------|");
        row("messages sent", sent.size());
        row("reports created (triage, reports.triaged)", c.reports);
        row("case records (sandbox case system)", c.cases);
        row("acknowledgements (sandbox)", c.acks);
        row("case-reference follow-ups (sandbox)", c.followUps);
        row("lost (sent without report, case and ack)", lost);
        row("duplicate reports (same DM, 2nd report)", c.duplicateReports);
        row("duplicate case records", c.duplicateCases);
        row("duplicate acknowledgements", c.duplicateAcks);
        row("duplicate case-reference follow-ups", c.duplicateFollowUps);
        row("poison records injected", poison.size());
        for (var e : poisonFound.entrySet()) {
            row("  poison found in " + e.getKey(), e.getValue());
        }
        row("poison records missing from a DLQ", poisonMissing);
        System.out.println();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sent", sent.size());
        json.put("reports", c.reports);
        json.put("cases", c.cases);
        json.put("acknowledgements", c.acks);
        json.put("followUps", c.followUps);
        json.put("lost", lost);
        json.put("duplicateReports", c.duplicateReports);
        json.put("duplicateCases", c.duplicateCases);
        json.put("duplicateAcknowledgements", c.duplicateAcks);
        json.put("duplicateFollowUps", c.duplicateFollowUps);
        json.put("poison", poison.size());
        json.put("poisonFound", poisonFound);
        json.put("poisonMissing", poisonMissing);
        Files.writeString(
                dir.resolve("result.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        ServiceApi.printDlqListings();

        List<String> violations = new ArrayList<>();
        if (sent.isEmpty()) {
            violations.add("no DMs were sent");
        }
        if (lost > 0) {
            violations.add(lost + " lost");
        }
        if (c.duplicateReports + c.duplicateCases + c.duplicateAcks + c.duplicateFollowUps > 0) {
            violations.add("duplicates");
        }
        if (poisonMissing > 0) {
            violations.add(poisonMissing + " poison records not in their DLQ");
        }
        System.out.println(violations.isEmpty() ? "fault suite PASSED" : "fault suite FAILED: " + violations);
        return violations.isEmpty();
    }

    record Counts(
            int reports,
            int cases,
            int acks,
            int followUps,
            int duplicateReports,
            int duplicateCases,
            int duplicateAcks,
            int duplicateFollowUps,
            int acknowledgedWithReportAndCase) {}

    private static Counts count(
            HttpClient http, String sandbox, Set<String> sent, Map<String, Set<String>> reportsByHandle)
            throws Exception {
        Map<String, Integer> casesByReport = new HashMap<>();
        for (JsonNode record : getJson(http, sandbox + "/control/cases")) {
            casesByReport.merge(record.path("externalId").asString(""), 1, Integer::sum);
        }
        Map<String, Integer> acks = new HashMap<>();
        Map<String, Integer> followUps = new HashMap<>();
        for (JsonNode reply : getJson(http, sandbox + "/control/replies?platform=x")) {
            String recipient = reply.path("recipient").asString("").toLowerCase();
            if (!sent.contains(recipient)) {
                continue;
            }
            String text = reply.path("text").asString("");
            if (text.startsWith(ACK_PREFIX)) {
                acks.merge(recipient, 1, Integer::sum);
            } else if (text.startsWith(FOLLOW_UP_PREFIX)) {
                followUps.merge(recipient, 1, Integer::sum);
            }
        }
        int cases = 0;
        int duplicateCases = 0;
        int duplicateReports = 0;
        int complete = 0;
        for (String handle : sent) {
            Set<String> reportIds = reportsByHandle.getOrDefault(handle, Set.of());
            duplicateReports += Math.max(0, reportIds.size() - 1);
            int handleCases = 0;
            for (String reportId : reportIds) {
                int n = casesByReport.getOrDefault(reportId, 0);
                handleCases += Math.min(n, 1);
                duplicateCases += Math.max(0, n - 1);
            }
            cases += Math.min(handleCases, 1);
            if (!reportIds.isEmpty() && handleCases > 0 && acks.containsKey(handle)) {
                complete++;
            }
        }
        return new Counts(
                reportsByHandle.size(),
                cases,
                acks.size(),
                followUps.size(),
                duplicateReports,
                duplicateCases,
                acks.values().stream().mapToInt(n -> n - 1).sum(),
                followUps.values().stream().mapToInt(n -> n - 1).sum(),
                complete);
    }

    private static void row(String name, int value) {
        System.out.printf("| %-58s | %5d |%n", name, value);
    }

    private static JsonNode getJson(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    private static JsonNode tryParse(byte[] value) {
        try {
            return value == null ? null : JSON.readTree(value);
        } catch (RuntimeException e) {
            return null; // a poison record on the topic itself
        }
    }

    // ---- Kafka

    private static KafkaConsumer<byte[], byte[]> fromBeginning(String kafka, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(kafka);
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        List<TopicPartition> partitions = infos == null
                ? List.of()
                : infos.stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Keys of every record on a topic now (empty when the topic does not exist). */
    static Set<String> keys(String kafka, String topic) {
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            var infos = consumer.listTopics(Duration.ofSeconds(30)).get(topic);
            if (infos == null) {
                return keys;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null) {
                        keys.add(new String(r.key(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return keys;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-suite-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String required(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static Map<String, String> args(String[] argv) {
        Map<String, String> args = new TreeMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + argv[i]);
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        return args;
    }

    private FaultSuite() {}
}
