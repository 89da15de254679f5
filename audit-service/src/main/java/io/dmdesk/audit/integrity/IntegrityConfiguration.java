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
    KeyRing keyRing(AuditTrailProperties properties) {
        return KeyRing.load(properties.signing());
    }

    @Bean
    SigningKey signingKey(KeyRing keys) {
        return keys.active();
    }

    @Bean
    TrailVerifier trailVerifier(MongoStore store, KeyRing keys) {
        return new TrailVerifier(store, keys.publicKeys());
    }
}
