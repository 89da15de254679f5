package io.dmdesk.sandbox.x;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The configured monitored accounts, looked up by bearer token, handle or id. */
@Component
class XAccounts {

    private static final String BEARER = "Bearer ";

    private final List<XProperties.Account> accounts;
    private final Map<String, XProperties.Account> byToken;
    private final Map<String, XProperties.Account> byHandle;
    private final Map<String, XProperties.Account> byId;

    XAccounts(XProperties properties) {
        this.accounts = properties.accounts();
        this.byToken = index(XProperties.Account::token);
        this.byHandle = index(account -> account.handle().toLowerCase(Locale.ROOT));
        this.byId = index(XProperties.Account::id);
    }

    List<XProperties.Account> all() {
        return accounts;
    }

    /** The account whose token is in an {@code Authorization: Bearer ...} header, if any. */
    Optional<XProperties.Account> byAuthorization(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                byToken.get(authorization.substring(BEARER.length()).trim()));
    }

    Optional<XProperties.Account> byHandle(String handle) {
        return handle == null ? Optional.empty() : Optional.ofNullable(byHandle.get(handle.toLowerCase(Locale.ROOT)));
    }

    boolean isMonitored(String userId) {
        return byId.containsKey(userId);
    }

    private Map<String, XProperties.Account> index(Function<XProperties.Account, String> key) {
        return accounts.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }
}
