package io.dmdesk.sandbox.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The case system's credentials: the static bearer token, and OAuth2 access tokens issued to the configured
 * client by the token endpoint, valid for {@link #LIFETIME}.
 */
@Component
class CaseTokens {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final byte[] staticToken;
    private final CaseProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();

    CaseTokens(CaseProperties properties, Clock clock) {
        this.staticToken = properties.token().getBytes(StandardCharsets.UTF_8);
        this.properties = properties;
        this.clock = clock;
    }

    boolean clientValid(String clientId, String secret) {
        return clientId != null
                && secret != null
                && MessageDigest.isEqual(
                        properties.clientId().getBytes(StandardCharsets.UTF_8),
                        clientId.getBytes(StandardCharsets.UTF_8))
                && MessageDigest.isEqual(
                        properties.clientSecret().getBytes(StandardCharsets.UTF_8),
                        secret.getBytes(StandardCharsets.UTF_8));
    }

    String issue() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, clock.instant().plus(LIFETIME));
        return token;
    }

    /** @param bearer the token without the "Bearer " prefix */
    boolean valid(String bearer) {
        if (bearer == null) {
            return false;
        }
        if (MessageDigest.isEqual(staticToken, bearer.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        Instant expires = issued.get(bearer);
        return expires != null && clock.instant().isBefore(expires);
    }
}
