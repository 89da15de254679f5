package io.dmdesk.sandbox.x;

import io.dmdesk.sandbox.faults.RequestLog;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** What every X endpoint does first: authenticate the bearer token, then count the request against its limit. */
@Component
class XRequestGuard {

  private final XAccounts accounts;
  private final XRateLimiter rateLimiter;
  private final XFaults faults;
  private final RequestLog requests;

  XRequestGuard(XAccounts accounts, XRateLimiter rateLimiter, XFaults faults, RequestLog requests) {
    this.accounts = accounts;
    this.rateLimiter = rateLimiter;
    this.faults = faults;
    this.requests = requests;
  }

  Caller admit(String authorization, XRateLimiter.Endpoint endpoint) {
    XProperties.Account account = accounts.byAuthorization(authorization).orElseThrow(XApiException::unauthorized);
    String scope = endpoint.name().toLowerCase(java.util.Locale.ROOT);
    if (faults.tokenExpired(account.handle())) {
      requests.rejected("x", account.handle(), scope);
      throw XApiException.unauthorized();
    }
    XRateLimiter.Decision decision = rateLimiter.acquire(endpoint, account.token());
    if (!decision.allowed()) {
      // X limits each endpoint separately: the announced window is this endpoint's.
      requests.rateLimited("x", account.handle(), scope, java.time.Instant.ofEpochSecond(decision.resetEpochSeconds()));
      throw XApiException.tooManyRequests(decision.headers());
    }
    requests.admitted("x", account.handle(), scope);
    return new Caller(account, decision.headers());
  }

  record Caller(XProperties.Account account, HttpHeaders rateLimitHeaders) {}
}
