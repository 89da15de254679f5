package io.dmdesk.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Command-line arguments that point a service at the shared test broker and store, with a fresh database. */
public final class ServiceArgs {

    public static String freshDatabase(String service) {
        return "test-" + service + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String[] of(String database, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.cloud.stream.kafka.binder.brokers=" + TestKafka.bootstrapServers(),
                "--dmdesk.mongodb.uri=" + TestMongo.connectionString(),
                "--dmdesk.mongodb.database=" + database,
                "--logging.structured.format.console="));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    private ServiceArgs() {
    }
}
