package io.dmdesk.sandbox.x;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /2/oauth2/token}, refresh-token grant only: form {@code grant_type=refresh_token}, {@code refresh_token},
 * {@code client_id}; a confidential client authenticates with HTTP Basic {@code client_id:client_secret}. Answers a
 * new access token with {@code expires_in} and a new refresh token; the one sent is spent.
 */
@RestController
class OAuthTokenController {

    private final XTokens tokens;
    private final XOAuthProperties oauth;

    OAuthTokenController(XTokens tokens, XOAuthProperties oauth) {
        this.tokens = tokens;
        this.oauth = oauth;
    }

    @PostMapping(path = "/x/2/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> token(
            ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return exchange.getFormData().map(form -> answer(form, authorization));
    }

    private ResponseEntity<Map<String, Object>> answer(MultiValueMap<String, String> form, String authorization) {
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (oauth.clientId() + ":" + oauth.clientSecret()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization) || !oauth.clientId().equals(form.getFirst("client_id"))) {
            return ResponseEntity.status(401)
                    .body(Map.of(
                            "error", "unauthorized_client", "error_description", "Missing valid authorization header"));
        }
        if (!"refresh_token".equals(form.getFirst("grant_type"))) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error",
                            "unsupported_grant_type",
                            "error_description",
                            "grant_type must be refresh_token in the sandbox"));
        }
        return tokens.refresh(form.getFirst("refresh_token"))
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.badRequest()
                        .body(Map.of(
                                "error",
                                "invalid_request",
                                "error_description",
                                "Value passed for the token was invalid.")));
    }
}
