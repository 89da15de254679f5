package io.dmdesk.support.mongo;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/** DOWN when the store does not answer a ping within two seconds. */
class MongoHealthIndicator extends AbstractReactiveHealthIndicator {

    private final MongoDatabase database;

    MongoHealthIndicator(MongoDatabase database) {
        this.database = database;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.from(database.runCommand(new Document("ping", 1)))
                .timeout(Duration.ofSeconds(2))
                .map(ok ->
                        builder.up().withDetail("database", database.getName()).build());
    }
}
