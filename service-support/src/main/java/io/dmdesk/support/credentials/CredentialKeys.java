package io.dmdesk.support.credentials;

import io.dmdesk.contracts.Platform;
import io.dmdesk.support.accounts.AccountsProperties;
import io.dmdesk.support.accounts.AccountsProperties.Account;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which stored credential an account calls with: an X account its own (when it has a refresh token), every Meta
 * account of a page (Messenger, Facebook comments, the linked Instagram account) the page's (when the page has a
 * user token). Accounts without renewal configuration keep calling with their configured token.
 */
public final class CredentialKeys {

    static final String META_PAGE = "meta-page:";

    private final AccountsProperties accounts;
    private final CredentialProperties properties;

    public CredentialKeys(AccountsProperties accounts, CredentialProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    /** The stored credential's key for this account, null when its token is not renewed. */
    public String key(Account account) {
        if (account.platform() == Platform.X) {
            return properties.x().refreshTokens().containsKey(account.id()) ? account.id() : null;
        }
        if (isMeta(account.platform())) {
            String page = pageId(account);
            return properties.meta().userTokens().containsKey(page) ? META_PAGE + page : null;
        }
        return null;
    }

    /** Every renewed credential with the accounts that use it, in configuration order. */
    Map<String, List<Account>> byKey() {
        Map<String, List<Account>> keys = new LinkedHashMap<>();
        for (Account a : accounts.accounts()) {
            String key = key(a);
            if (key != null) {
                keys.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
            }
        }
        return keys;
    }

    /** The Facebook page an account's token belongs to (Instagram: the linked page, same configured token). */
    public String pageId(Account account) {
        if (account.platform() == Platform.MESSENGER || account.platform() == Platform.FACEBOOK) {
            return account.platformUserId();
        }
        return accounts.accounts().stream()
                .filter(a -> (a.platform() == Platform.MESSENGER || a.platform() == Platform.FACEBOOK)
                        && a.token().equals(account.token()))
                .map(Account::platformUserId)
                .findFirst()
                .orElse(account.platformUserId());
    }

    /** The configured token that renews this key: X refresh token or Meta user token. */
    String configuredRenewalToken(String key, Account account) {
        return key.startsWith(META_PAGE)
                ? properties.meta().userTokens().get(key.substring(META_PAGE.length()))
                : properties.x().refreshTokens().get(key);
    }

    /**
     * A fingerprint (SHA-256) of the configured tokens of a key: when a person re-connects an account and sets new
     * tokens, the fingerprint changes and the chain renewed from the old ones is no longer used.
     */
    String bootstrap(String key, Account account) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((account.token() + "\n" + configuredRenewalToken(key, account))
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isMeta(Platform platform) {
        return platform == Platform.MESSENGER || platform == Platform.FACEBOOK || platform == Platform.INSTAGRAM;
    }
}
