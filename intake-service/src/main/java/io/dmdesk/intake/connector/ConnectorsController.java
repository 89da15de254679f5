package io.dmdesk.intake.connector;

import io.dmdesk.support.accounts.AccountsProperties;
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

    ConnectorsController(ConnectorHealth health, ObjectProvider<AccountsProperties> accounts) {
        this.health = health;
        this.accounts = accounts;
    }

    @GetMapping("/api/connectors")
    List<Connector> connectors() {
        AccountsProperties configured = accounts.getIfAvailable();
        return health.snapshot().stream().map(s -> {
            var account = configured == null ? null : configured.byId(s.accountId()).orElse(null);
            return new Connector(s.platform(), s.accountId(), account == null ? null : account.handle(),
                    account == null ? null : account.team(), account == null ? null : account.district(),
                    s.state().name(), s.lastSuccess(), s.rateLimitRemaining(), s.problem(),
                    s.state() == ConnectorState.CREDENTIALS_INVALID);
        }).toList();
    }

    /**
     * @param lastSuccess        last successful pull, null when never
     * @param rateLimitRemaining requests left in the platform's window, -1 when unknown
     * @param credentialProblem  true when the platform rejects the account's credential (a person must renew it)
     */
    record Connector(String platform, String account, String handle, String team, String district, String state,
                     Instant lastSuccess, long rateLimitRemaining, String problem, boolean credentialProblem) {
    }
}
