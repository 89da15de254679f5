package io.dmdesk.support.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The reactive MongoDB driver, configured from {@code dmdesk.mongodb.*}, for services that keep state. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "dmdesk.mongodb", name = "database")
@EnableConfigurationProperties(MongoProperties.class)
public class MongoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    MongoClient mongoClient(MongoProperties properties) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.uri()))
                .applyToClusterSettings(
                        c -> c.serverSelectionTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS))
                .build();
        return MongoClients.create(settings);
    }

    @Bean
    @ConditionalOnMissingBean
    MongoDatabase mongoDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.database());
    }

    @Bean
    MongoStore mongoStore(MongoDatabase database, MongoProperties properties) {
        return new MongoStore(database, properties.timeout());
    }

    @Bean(name = "mongoHealthIndicator")
    MongoHealthIndicator mongoHealthIndicator(MongoDatabase database) {
        return new MongoHealthIndicator(database);
    }
}
