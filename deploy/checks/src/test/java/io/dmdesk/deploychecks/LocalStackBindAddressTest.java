package io.dmdesk.deploychecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The local stack's HTTP ports listen on loopback unless asked otherwise: its local users' passwords are published.
 * Runs {@code deploy/local/up.sh --dry-run}, which prints every command the stack would start with its environment
 * and starts nothing, and reads the {@code SERVER_ADDRESS} (Spring's {@code server.address}) each app would get.
 */
class LocalStackBindAddressTest {

    static final List<String> APPS = List.of(
            "sandbox", "intake-service", "triage-service", "case-bridge-service", "notifier-service", "audit-service");

    record Run(int exit, String output) {}

    @Test
    void everyHttpPortBindsLoopbackByDefault() throws Exception {
        Run run = dryRun(null);
        assertEquals(0, run.exit(), run.output());
        Map<String, String> addresses = serverAddresses(run.output());
        assertEquals(APPS.size(), addresses.size(), "one start command per app:\n" + run.output());
        addresses.forEach((app, address) -> assertEquals("127.0.0.1", address, app));
        // Kafka and the store listen on localhost, their launchers' default; nothing widens it.
        for (String line : run.output()
                .lines()
                .filter(l -> l.startsWith("kafka: ") || l.startsWith("mongo: "))
                .toList()) {
            assertFalse(line.contains("--host"), line);
        }
    }

    @Test
    void dmdeskBindAddressOpensThemToEveryInterface() throws Exception {
        Run run = dryRun("0.0.0.0");
        assertEquals(0, run.exit(), run.output());
        Map<String, String> addresses = serverAddresses(run.output());
        assertEquals(APPS.size(), addresses.size(), run.output());
        addresses.forEach((app, address) -> assertEquals("0.0.0.0", address, app));
    }

    @Test
    void anAddressTheAppsCouldNotReachEachOtherOnIsRefused() throws Exception {
        Run run = dryRun("192.168.1.20");
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("DMDESK_BIND_ADDRESS must be 127.0.0.1"), run.output());
        assertFalse(run.output().contains("SERVER_ADDRESS="), "nothing is started: " + run.output());
    }

    /** app name to the SERVER_ADDRESS in its start command; a command without one maps to "(none)". */
    private static Map<String, String> serverAddresses(String output) {
        Map<String, String> addresses = new TreeMap<>();
        for (String line : output.lines().toList()) {
            for (String app : APPS) {
                if (line.startsWith(app + ": ")) {
                    String address = "(none)";
                    for (String word : line.split(" ")) {
                        if (word.startsWith("SERVER_ADDRESS=")) {
                            address = word.substring("SERVER_ADDRESS=".length());
                        }
                    }
                    addresses.put(app, address);
                }
            }
        }
        return addresses;
    }

    private static Run dryRun(String bindAddress) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", Repo.path("deploy/local/up.sh").toString(), "--dry-run")
                .directory(Repo.root().toFile())
                .redirectErrorStream(true);
        // As on a developer's machine: nothing of the stack's own settings inherited from this JVM's environment.
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("DMDESK_")
                        || k.startsWith("SERVER_")
                        || k.equals("MONGODB_URI")
                        || k.equals("KAFKA_BOOTSTRAP_SERVERS"));
        if (bindAddress != null) {
            builder.environment().put("DMDESK_BIND_ADDRESS", bindAddress);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("up.sh --dry-run did not finish:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }
}
