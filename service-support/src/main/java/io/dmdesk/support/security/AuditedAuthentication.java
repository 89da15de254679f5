package io.dmdesk.support.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import reactor.core.publisher.Mono;

/**
 * An authentication manager for per-request credentials (HTTP Basic, bearer tokens) whose outcomes are audited by
 * {@link SignIns}. An audit that fails does not change the outcome: the request is let in or refused as it would
 * have been, and the failure is logged without the name (a missed sign-in entry is retried on the next request).
 */
final class AuditedAuthentication implements ReactiveAuthenticationManager {

    private static final Logger log = LoggerFactory.getLogger(AuditedAuthentication.class);

    private final ReactiveAuthenticationManager delegate;
    private final SignIns signIns;
    private final String method;

    AuditedAuthentication(ReactiveAuthenticationManager delegate, SignIns signIns, String method) {
        this.delegate = delegate;
        this.signIns = signIns;
        this.method = method;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        return delegate.authenticate(attempt)
                .flatMap(authenticated -> signIns.machineSignedIn(method, authenticated)
                        .onErrorResume(this::notAudited)
                        .thenReturn(authenticated))
                .onErrorResume(
                        AuthenticationException.class,
                        failure -> signIns.machineFailed(method, attempt, failure)
                                .onErrorResume(this::notAudited)
                                .then(Mono.error(failure)));
    }

    private Mono<Void> notAudited(Throwable e) {
        log.warn(
                "A {} authentication could not be audited ({}); its outcome stands",
                method,
                e.getClass().getSimpleName());
        return Mono.empty();
    }
}
