package io.dmdesk.intake.connector;

import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.credentials.CredentialMetrics;
import io.dmdesk.support.credentials.CredentialStatus;
import io.dmdesk.support.platform.AccountState;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/connectors}: each monitored account's connector state for the operator console's health
 * panel. Account ids, handles of the force's own accounts and teams only; no citizen data.
 */
@RestController
class ConnectorsController {

    private final ConnectorHealth health;
    private final ObjectProvider<AccountsProperties> accounts;
    private final ObjectProvider<CredentialMetrics> credentials;

    ConnectorsController(
            ConnectorHealth health,
            ObjectProvider<AccountsProperties> accounts,
            ObjectProvider<CredentialMetrics> credentials) {
        this.health = health;
        this.accounts = accounts;
        this.credentials = credentials;
    }

    @GetMapping("/api/connectors")
    List<Connector> connectors() {
        AccountsProperties configured = accounts.getIfAvailable();
        return health.snapshot().stream()
                .map(s -> {
                    var account = configured == null
                            ? null
                            : configured.byId(s.accountId()).orElse(null);
                    CredentialMetrics metrics = credentials.getIfAvailable();
                    CredentialStatus credential =
                            account == null || metrics == null ? CredentialStatus.NOT_RENEWED : metrics.status(account);
                    boolean invalid = s.state() == AccountState.CREDENTIALS_INVALID;
                    String step = credential.reconnectStep() != null
                            ? credential.reconnectStep()
                            : invalid && metrics != null && account != null ? metrics.reconnectStepOf(account) : null;
                    return new Connector(
                            s.platform(),
                            s.accountId(),
                            account == null ? null : account.handle(),
                            account == null ? null : account.team(),
                            account == null ? null : account.district(),
                            s.state().name(),
                            s.lastSuccess(),
                            s.rateLimitRemaining(),
                            s.problem(),
                            invalid,
                            credential.renewed(),
                            credential.expiresAt(),
                            credential.warning(),
                            step);
                })
                .toList();
    }

    /**
     * @param lastSuccess        last successful pull, null when never
     * @param rateLimitRemaining requests left in the platform's window, -1 when unknown
     * @param credentialProblem  true when the platform rejects the account's credential (a person must renew it)
     * @param credentialRenewed  the credential is renewed automatically (X refresh token, Meta user token)
     * @param credentialExpiresAt when access lapses unless renewed; null when it never does or is not known
     * @param credentialWarning  set a configurable time before the credential lapses unrenewed, or when renewal was
     *                           refused; null otherwise
     * @param reconnectStep      what a person does to re-connect the account, with a warning or a credential problem
     */
    record Connector(
            String platform,
            String account,
            String handle,
            String team,
            String district,
            String state,
            Instant lastSuccess,
            long rateLimitRemaining,
            String problem,
            boolean credentialProblem,
            boolean credentialRenewed,
            Instant credentialExpiresAt,
            String credentialWarning,
            String reconnectStep) {}
}
