package io.dmdesk.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Command-line arguments that point a service at the shared test broker and store, with a fresh database, and
 * give it the fixed {@link TestUsers} (extra arguments come later, so a test can override any of them).
 */
public final class ServiceArgs {

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
                "--logging.structured.format.console="));
        args.addAll(TestUsers.serviceArgs());
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    private ServiceArgs() {
    }
}
