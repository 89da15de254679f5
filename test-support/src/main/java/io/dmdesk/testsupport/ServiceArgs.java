package io.dmdesk.testsupport;

import io.dmdesk.support.crypto.MasterKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Command-line arguments that point a service at the shared test broker and store, with a fresh database, and
 * give it the fixed {@link TestUsers} (extra arguments come later, so a test can override any of them).
 */
public final class ServiceArgs {

    /** One master key per test JVM, shared by every service a test starts (they share the key store too). */
    public static final String MASTER_KEYS = MasterKeys.generateEntry("test-jvm");

    /**
     * Sealing on the wire is off by default in tests, so tests that read raw records see plain events; the
     * crypto-shredding tests turn it on ({@link #SEALING}). Opening is always on.
     */
    public static final String SEALING = "--dmdesk.crypto.seal-events=true";

    public static String freshDatabase(String service) {
        return "test-" + service + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String[] of(String database, String... extra) {
        return against(TestKafka.bootstrapServers(), TestMongo.connectionString(), database, extra);
    }

    /** The same against any broker and store, e.g. the real images in Testcontainers. */
    public static String[] against(String kafka, String mongo, String database, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka,
                "--dmdesk.mongodb.uri=" + mongo,
                "--dmdesk.mongodb.database=" + database,
                // Each service's own credential store unless a test shares one (--dmdesk.credentials.database=...).
                "--DMDESK_CREDENTIALS_DATABASE=" + database + "-credentials",
                "--logging.structured.format.console=",
                "--dmdesk.crypto.master-keys=" + MASTER_KEYS,
                "--dmdesk.crypto.seal-events=false"));
        args.addAll(TestUsers.serviceArgs());
        // An extra argument replaces a default of the same name (Spring would join both into "a,b").
        List<String> overridden = Arrays.stream(extra)
                .filter(a -> a.contains("="))
                .map(a -> a.substring(0, a.indexOf('=')))
                .toList();
        args.removeIf(a -> a.contains("=") && overridden.contains(a.substring(0, a.indexOf('='))));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    private ServiceArgs() {}
}
