package io.dmdesk.support.credentials;

import com.mongodb.reactivestreams.client.MongoClient;
import io.dmdesk.support.accounts.AccountsConfiguration;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.mongo.MongoConfiguration;
import io.dmdesk.support.mongo.MongoProperties;
import io.dmdesk.support.mongo.MongoStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Renewed platform credentials for the services that call platforms and keep state (intake, notifier): every
 * caller takes its token from {@link AccessTokens}; the service with {@code dmdesk.credentials.renew=true} renews.
 */
@AutoConfiguration(after = {MongoConfiguration.class, AccountsConfiguration.class})
@ConditionalOnBean({MongoClient.class, AccountsProperties.class})
@EnableConfigurationProperties(CredentialProperties.class)
public class CredentialsConfiguration {

    @Bean
    CredentialStore credentialStore(MongoClient client, CredentialProperties properties, MongoProperties mongo) {
        return new CredentialStore(new MongoStore(client.getDatabase(properties.database()), mongo.timeout()));
    }

    @Bean
    CredentialKeys credentialKeys(AccountsProperties accounts, CredentialProperties properties) {
        return new CredentialKeys(accounts, properties);
    }

    @Bean
    AccessTokens accessTokens(CredentialStore store, CredentialKeys keys, CredentialProperties properties) {
        return new AccessTokens(store, keys, properties);
    }

    @Bean
    CredentialMetrics credentialMetrics(
            MeterRegistry meters,
            CredentialProperties properties,
            ObjectProvider<Clock> clock,
            CredentialKeys keys,
            AccessTokens tokens) {
        return new CredentialMetrics(meters, properties, clock.getIfAvailable(Clock::systemUTC), keys, tokens);
    }

    @Bean
    @ConditionalOnProperty(prefix = "dmdesk.credentials", name = "renew", havingValue = "true")
    CredentialRenewal credentialRenewal(
            CredentialStore store,
            CredentialKeys keys,
            AccessTokens tokens,
            CredentialProperties properties,
            AccountsProperties accounts,
            CredentialMetrics metrics,
            ObjectProvider<Clock> clock) {
        metrics.register(accounts);
        return new CredentialRenewal(
                store,
                keys,
                tokens,
                properties,
                new XTokenEndpoint(properties, accounts),
                new MetaTokenEndpoint(properties, accounts),
                metrics,
                clock.getIfAvailable(Clock::systemUTC));
    }
}
