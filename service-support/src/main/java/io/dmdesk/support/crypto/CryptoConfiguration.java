package io.dmdesk.support.crypto;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The key store and the sealer, for every service on Kafka. A service that seals (the default) does not start
 * without a master key; one that only opens starts without, and fails on the first sealed record instead.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "spring.cloud.stream.kafka.binder.brokers")
@EnableConfigurationProperties(CryptoProperties.class)
public class CryptoConfiguration {

    /** A client of its own: the key store may live elsewhere than the service's data, and never in its database. */
    @Bean(destroyMethod = "close")
    KeyStoreClient keyStoreClient(
            CryptoProperties crypto,
            @Value("${dmdesk.mongodb.uri:}") String serviceUri,
            @Value("${dmdesk.mongodb.timeout:PT10S}") Duration timeout) {
        String uri = crypto.keysUri() == null || crypto.keysUri().isBlank() ? serviceUri : crypto.keysUri();
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException("dmdesk.crypto.keys-uri (DMDESK_KEYS_URI) or MONGODB_URI is required: "
                    + "the key store of the data keys");
        }
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .build());
        return new KeyStoreClient(client);
    }

    @Bean
    DataKeyStore dataKeyStore(
            KeyStoreClient client,
            CryptoProperties crypto,
            Clock clock,
            @Value("${dmdesk.mongodb.timeout:PT10S}") Duration timeout) {
        MasterKeys master = crypto.sealEvents()
                        || (crypto.masterKeys() != null && !crypto.masterKeys().isBlank())
                ? MasterKeys.parse(crypto.masterKeys(), crypto.currentMasterKey())
                : MasterKeys.absent();
        return new DataKeyStore(
                client.client().getDatabase(crypto.keysDatabase()),
                master,
                timeout,
                clock,
                crypto.cacheTtl(),
                crypto.cacheSize());
    }

    @Bean
    EventSealer eventSealer(DataKeyStore keys) {
        return new EventSealer(keys);
    }

    @Bean
    WireKeys wireKeys(DataKeyStore keys, CryptoProperties crypto) {
        return new WireKeys(keys, crypto.sealEvents());
    }

    /** The key store's client, as its own type so it never stands in for the service's own MongoClient. */
    public record KeyStoreClient(MongoClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }
}
