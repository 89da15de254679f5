package io.dmdesk.sandbox.x;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param accounts the monitored accounts whose DMs the product reads, each with its user-context bearer token
 * @param rateLimit per-token request budgets, shaped like X's 15-minute windows
 * @param webhook where and how the Account Activity API deliveries go
 */
@ConfigurationProperties("sandbox.x")
public record XProperties(
        List<Account> accounts,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Webhook webhook) {

    public XProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        Set<String> handles = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (Account account : accounts) {
            if (!handles.add(account.handle().toLowerCase(Locale.ROOT))
                    || !ids.add(account.id())
                    || !tokens.add(account.token())) {
                throw new IllegalArgumentException(
                        "sandbox.x.accounts: handle, id and token must be unique, repeated in " + account.handle());
            }
        }
    }

    /**
     * @param handle screen name without @, as citizens see it
     * @param id numeric X user id (fits a signed 64-bit long, like real ids)
     * @param name display name
     * @param token bearer token that stands for this account's OAuth 2.0 user token
     */
    public record Account(String handle, String id, String name, String token) {

        public Account {
            require(handle != null && handle.matches("[A-Za-z0-9_]{1,15}"), "handle must be 1-15 letters, digits or _");
            require(
                    id != null && id.matches("[1-9][0-9]{0,18}") && fitsLong(id),
                    "id must be a positive 64-bit number");
            require(token != null && !token.isBlank(), "token is required");
            name = name == null || name.isBlank() ? handle : name;
        }

        private static boolean fitsLong(String id) {
            try {
                Long.parseLong(id);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException("sandbox.x.accounts: " + message);
            }
        }
    }

    /**
     * @param dmEvents GET /2/dm_events requests allowed per token and window
     * @param sendMessages DM sends allowed per token and window
     * @param mentions GET /2/users/:id/mentions requests allowed per token and window
     * @param window length of one rate-limit window
     */
    public record RateLimit(
            @DefaultValue("1500") int dmEvents,
            @DefaultValue("1500") int sendMessages,
            @DefaultValue("1500") int mentions,
            @DefaultValue("15m") Duration window) {

        public RateLimit {
            if (dmEvents < 1 || sendMessages < 1 || mentions < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("sandbox.x.rate-limit: limits must be >= 1 and window positive");
            }
        }
    }

    /**
     * @param url the intake's webhook URL; unset = no deliveries until one is registered through the control API
     * @param consumerSecret the app's consumer secret: key of the CRC answer and of every delivery's signature
     */
    public record Webhook(
            String url,
            @DefaultValue("sandbox-x-consumer-secret") String consumerSecret) {}
}
