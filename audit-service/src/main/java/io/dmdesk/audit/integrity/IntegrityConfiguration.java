package io.dmdesk.audit.integrity;

import io.dmdesk.support.mongo.MongoStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The signing key (loaded or generated once at start) and the verifier of the stored trail. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(AuditTrailProperties.class)
class IntegrityConfiguration {

    @Bean
    SigningKey signingKey(AuditTrailProperties properties) {
        return SigningKey.load(properties.signing());
    }

    @Bean
    TrailVerifier trailVerifier(MongoStore store, SigningKey key) {
        return new TrailVerifier(store, key.publicKey());
    }
}
