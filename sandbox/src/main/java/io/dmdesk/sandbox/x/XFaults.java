package io.dmdesk.sandbox.x;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults switched on through the control API: an account's token expired (every call 401 until switched off),
 * webhooks missed (recorded but never delivered) or delivered twice. Not persisted: a restart heals.
 */
@org.springframework.stereotype.Component
class XFaults {

  static final String EXPIRED_TOKEN = "expired-token";
  static final String MISSED_WEBHOOK = "missed-webhook";
  static final String DUPLICATE_WEBHOOK = "duplicate-webhook";

  private final Set<String> expiredHandles = ConcurrentHashMap.newKeySet();
  private volatile boolean missedWebhooks;
  private volatile boolean duplicateWebhooks;

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

  void clear() {
    expiredHandles.clear();
    missedWebhooks = false;
    duplicateWebhooks = false;
  }
}
