package io.dmdesk.support.mongo;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where this service keeps its state.
 *
 * @param uri      connection string; a real replica set in production, the embedded store locally
 * @param database this service's own database (services never share collections)
 * @param timeout  how long a handler waits for a store write before failing into retry and DLQ
 */
@Validated
@ConfigurationProperties("dmdesk.mongodb")
public record MongoProperties(
        @NotBlank String uri, @NotBlank String database, Duration timeout) {

    public MongoProperties {
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }
}
