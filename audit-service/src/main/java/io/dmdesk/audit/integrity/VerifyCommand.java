package io.dmdesk.audit.integrity;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.support.mongo.MongoStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a stored trail from the command line, without starting the service (no Kafka, no HTTP):
 * <pre>
 * java -cp audit-service.jar -Dloader.main=io.dmdesk.audit.integrity.VerifyCommand \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   --uri=mongodb://host:27017 --database=dmdesk-audit --public-key=audit-signing-public.pem
 * </pre>
 * Prints the verification as JSON. Exit code 0: intact; 1: broken (the first break is named); 2: could not run.
 */
public final class VerifyCommand {

    public static void main(String[] args) {
        // Outside Spring Boot nothing configures logging: keep the driver's chatter out of the JSON on stdout.
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        String uri =
                options.getOrDefault("uri", System.getenv().getOrDefault("MONGODB_URI", "mongodb://localhost:27017"));
        String database =
                options.getOrDefault("database", System.getenv().getOrDefault("MONGODB_DATABASE", "dmdesk-audit"));
        String publicKey = options.get("public-key");
        if (publicKey == null) {
            err.println(
                    "usage: --public-key=<PEM file>[,<PEM file of a retired key>...] [--uri=<mongodb uri>] [--database=<name>]");
            return 2;
        }
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoStore store = new MongoStore(client.getDatabase(database), Duration.ofSeconds(30));
            var keys = new LinkedHashMap<String, PublicKey>();
            for (String file : publicKey.split(",")) {
                var key = SigningKey.readPublic(Path.of(file.trim()));
                keys.put(SigningKey.keyId(key), key);
            }
            TrailVerifier.Verification result = new TrailVerifier(store, keys).verify();
            out.println(EventJson.toJson(result));
            return result.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("verification could not run: " + e.getMessage());
            return 2;
        }
    }

    private VerifyCommand() {}
}
