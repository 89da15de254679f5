package io.dmdesk.sandbox.x;

import io.dmdesk.sandbox.faults.RequestLog;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** What every X endpoint does first: authenticate the bearer token (an expired one is 401, logged as rejected), then count the request against its limit. */
@Component
class XRequestGuard {

    private final XTokens tokens;
    private final XRateLimiter rateLimiter;
    private final XFaults faults;
    private final RequestLog requests;

    XRequestGuard(XTokens tokens, XRateLimiter rateLimiter, XFaults faults, RequestLog requests) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.requests = requests;
    }

    Caller admit(String authorization, XRateLimiter.Endpoint endpoint) {
        XTokens.Bearer bearer = tokens.authenticate(authorization).orElseThrow(XApiException::unauthorized);
        XProperties.Account account = bearer.account();
        String scope = endpoint.name().toLowerCase(Locale.ROOT);
        if (bearer.expired() || faults.tokenExpired(account.handle())) {
            requests.rejected("x", account.handle(), scope);
            throw XApiException.unauthorized();
        }
        XRateLimiter.Decision decision = rateLimiter.acquire(endpoint, account.token());
        if (!decision.allowed()) {
            // X limits each endpoint separately: the announced window is this endpoint's.
            requests.rateLimited("x", account.handle(), scope, Instant.ofEpochSecond(decision.resetEpochSeconds()));
            throw XApiException.tooManyRequests(decision.headers());
        }
        requests.admitted("x", account.handle(), scope);
        return new Caller(account, decision.headers());
    }

    record Caller(XProperties.Account account, HttpHeaders rateLimitHeaders) {}
}
