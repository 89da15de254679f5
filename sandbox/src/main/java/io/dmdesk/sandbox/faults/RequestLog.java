package io.dmdesk.sandbox.faults;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Every authenticated request a simulated platform API received, per platform and account, with the
 * rate-limit window it announced when it answered 429 (X {@code x-rate-limit-reset} epoch seconds, Mastodon
 * {@code X-RateLimit-Reset} ISO-8601, Telegram {@code retry_after} seconds, Bluesky {@code ratelimit-reset}
 * epoch seconds, Meta Graph reads per page id with the {@code estimated_time_to_regain_access} minutes). Lets tests prove a client never asked again before the announced reset. In memory, bounded.
 */
@Component
public class RequestLog {

    /** Entries kept per account; older ones are dropped. */
    static final int MAX_PER_ACCOUNT = 10_000;

    /**
     * @param scope  what the platform counts the limit against: an X endpoint, or {@code account} where the
     *               limit covers every request of the account
     * @param status 429 when refused for the rate limit, 401 for a rejected token, otherwise 200 (admitted)
     * @param resetAt the end of the announced window (429 only), else null
     */
    public record Entry(Instant at, String scope, int status, Instant resetAt) {}

    private final Map<String, List<Entry>> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    RequestLog(Clock clock) {
        this.clock = clock;
    }

    public void admitted(String platform, String account, String scope) {
        add(platform, account, new Entry(clock.instant(), scope, 200, null));
    }

    public void rejected(String platform, String account, String scope) {
        add(platform, account, new Entry(clock.instant(), scope, 401, null));
    }

    public void rateLimited(String platform, String account, String scope, Instant resetAt) {
        add(platform, account, new Entry(clock.instant(), scope, 429, resetAt));
    }

    /** Oldest first. */
    public List<Entry> of(String platform, String account) {
        List<Entry> list = entries.get(key(platform, account));
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    private void add(String platform, String account, Entry entry) {
        List<Entry> list = entries.computeIfAbsent(key(platform, account), k -> new ArrayList<>());
        synchronized (list) {
            list.add(entry);
            if (list.size() > MAX_PER_ACCOUNT) {
                list.remove(0);
            }
        }
    }

    private static String key(String platform, String account) {
        return platform + ":" + account.toLowerCase(Locale.ROOT);
    }
}
