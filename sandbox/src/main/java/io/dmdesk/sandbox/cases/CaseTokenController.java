package io.dmdesk.sandbox.cases;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * OAuth2 token endpoint of the simulated case system (RFC 6749 section 4.4): client credentials by HTTP Basic
 * authentication, {@code grant_type=client_credentials}, answered with a bearer token and its lifetime.
 */
@RestController
class CaseTokenController {

    private final CaseTokens tokens;

    CaseTokenController(CaseTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping(path = "/case-api/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> token(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> answer(authorization, form));
    }

    private ResponseEntity<Map<String, Object>> answer(String authorization, MultiValueMap<String, String> form) {
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type"));
        }
        String[] client = basic(authorization);
        if (client == null || !tokens.clientValid(client[0], client[1])) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"case-api\"")
                    .body(Map.of("error", "invalid_client"));
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(Map.of(
                        "access_token",
                        tokens.issue(),
                        "token_type",
                        "Bearer",
                        "expires_in",
                        CaseTokens.LIFETIME.toSeconds()));
    }

    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
