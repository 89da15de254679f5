package io.dmdesk.sandbox.x;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Faults switched on through the control API: an account's token expired (every call 401 until switched off),
 * webhooks missed (recorded but never delivered) or delivered twice. Not persisted: a restart heals.
 */
@Component
class XFaults {

    static final String EXPIRED_TOKEN = "expired-token";
    static final String MISSED_WEBHOOK = "missed-webhook";
    static final String DUPLICATE_WEBHOOK = "duplicate-webhook";
    /**
     * Pull pages list their items oldest first (against X's newest-first order) with the newest repeated at
     * the end; webhook deliveries are held back and, when switched off, delivered newest first, each twice.
     */
    static final String OUT_OF_ORDER = "out-of-order";

    private final Set<String> expiredHandles = ConcurrentHashMap.newKeySet();
    private volatile boolean missedWebhooks;
    private volatile boolean duplicateWebhooks;
    private volatile boolean outOfOrder;

    void set(String fault, String handle, boolean enabled) {
        switch (fault) {
            case EXPIRED_TOKEN -> {
                String key = handle.toLowerCase(Locale.ROOT);
                if (enabled) {
                    expiredHandles.add(key);
                } else {
                    expiredHandles.remove(key);
                }
            }
            case MISSED_WEBHOOK -> missedWebhooks = enabled;
            case DUPLICATE_WEBHOOK -> duplicateWebhooks = enabled;
            case OUT_OF_ORDER -> outOfOrder = enabled;
            default -> throw new IllegalArgumentException(fault);
        }
    }

    boolean tokenExpired(String handle) {
        return expiredHandles.contains(handle.toLowerCase(Locale.ROOT));
    }

    boolean missedWebhooks() {
        return missedWebhooks;
    }

    boolean duplicateWebhooks() {
        return duplicateWebhooks;
    }

    boolean outOfOrder() {
        return outOfOrder;
    }

    /** A page as the fault serves it: reversed, its first (newest) item repeated last. */
    static <T> List<T> shuffled(List<T> newestFirst) {
        List<T> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        if (!newestFirst.isEmpty()) {
            out.add(newestFirst.get(0));
        }
        return out;
    }

    void clear() {
        expiredHandles.clear();
        missedWebhooks = false;
        duplicateWebhooks = false;
        outOfOrder = false;
    }
}
