package io.dmdesk.sandbox.meta;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's token endpoints: {@code GET /debug_token} (app token {@code app-id|app-secret}),
 * {@code GET /oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token}, and
 * {@code GET /{page-id}?fields=access_token} with a user token.
 */
@RestController
class TokenController {

    private final MetaTokens tokens;
    private final MetaTokenProperties properties;
    private final MetaProperties pages;

    TokenController(MetaTokens tokens, MetaTokenProperties properties, MetaProperties pages) {
        this.tokens = tokens;
        this.properties = properties;
        this.pages = pages;
    }

    @GetMapping("/meta/{version}/debug_token")
    ResponseEntity<Map<String, Object>> debug(
            @PathVariable String version,
            @RequestParam(name = "input_token", required = false) String inputToken,
            @RequestParam(name = "access_token", required = false) String accessToken) {
        if (!tokens.appToken(accessToken)) {
            return oauthError("Invalid OAuth access token - Cannot parse access token");
        }
        return ResponseEntity.ok(Map.of("data", tokens.debug(inputToken)));
    }

    @GetMapping("/meta/{version}/oauth/access_token")
    ResponseEntity<Map<String, Object>> exchange(
            @PathVariable String version,
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret,
            @RequestParam(name = "fb_exchange_token", required = false) String token) {
        if (!properties.appId().equals(clientId) || !pages.appSecret().equals(clientSecret)) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error",
                            Map.of(
                                    "message",
                                    "Error validating client secret.",
                                    "type",
                                    "OAuthException",
                                    "code",
                                    1,
                                    "fbtrace_id",
                                    "sandbox")));
        }
        if (!"fb_exchange_token".equals(grantType)) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error",
                            Map.of(
                                    "message",
                                    "Unsupported grant_type",
                                    "type",
                                    "OAuthException",
                                    "code",
                                    100,
                                    "fbtrace_id",
                                    "sandbox")));
        }
        return tokens.exchange(token)
                .map(ResponseEntity::ok)
                .orElseGet(() -> oauthError("Error validating access token: Session has expired"));
    }

    @GetMapping("/meta/{version}/{pageId:[0-9]+}")
    ResponseEntity<Map<String, Object>> page(
            @PathVariable String version,
            @PathVariable String pageId,
            @RequestParam(defaultValue = "") String fields,
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        String token = accessToken != null
                ? accessToken
                : authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        if (!fields.contains("access_token")) {
            return ResponseEntity.ok(Map.of("id", pageId));
        }
        return tokens.pageToken(pageId, token)
                .map(t -> ResponseEntity.ok(Map.<String, Object>of("access_token", t, "id", pageId)))
                .orElseGet(() -> oauthError("Error validating access token: Session has expired"));
    }

    private static ResponseEntity<Map<String, Object>> oauthError(String message) {
        return ResponseEntity.badRequest()
                .body(Map.of(
                        "error",
                        Map.of(
                                "message",
                                message,
                                "type",
                                "OAuthException",
                                "code",
                                190,
                                "error_subcode",
                                463,
                                "fbtrace_id",
                                "sandbox")));
    }
}
