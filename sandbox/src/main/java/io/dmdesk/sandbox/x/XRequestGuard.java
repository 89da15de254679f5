package io.dmdesk.sandbox.x;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** What every X endpoint does first: authenticate the bearer token, then count the request against its limit. */
@Component
class XRequestGuard {

  private final XAccounts accounts;
  private final XRateLimiter rateLimiter;
  private final XFaults faults;

  XRequestGuard(XAccounts accounts, XRateLimiter rateLimiter, XFaults faults) {
    this.accounts = accounts;
    this.rateLimiter = rateLimiter;
    this.faults = faults;
  }

  Caller admit(String authorization, XRateLimiter.Endpoint endpoint) {
    XProperties.Account account = accounts.byAuthorization(authorization).orElseThrow(XApiException::unauthorized);
    if (faults.tokenExpired(account.handle())) {
      throw XApiException.unauthorized();
    }
    XRateLimiter.Decision decision = rateLimiter.acquire(endpoint, account.token());
    if (!decision.allowed()) {
      throw XApiException.tooManyRequests(decision.headers());
    }
    return new Caller(account, decision.headers());
  }

  record Caller(XProperties.Account account, HttpHeaders rateLimitHeaders) {}
}
