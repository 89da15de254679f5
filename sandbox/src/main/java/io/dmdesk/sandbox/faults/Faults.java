package io.dmdesk.sandbox.faults;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Faults switched on through the control API, per target: {@code cases} (the case system), {@code x},
 * {@code telegram}, {@code mastodon}, {@code meta} (Messenger, Instagram, Facebook) and {@code bluesky}. Targets map to the path prefixes their simulated APIs are served under.
 */
@Component
public class Faults {

    /** target -> path prefix of its simulated API */
    static final Map<String, String> TARGETS = Map.of("cases", "/case-api/", "x", "/x/", "telegram", "/telegram/",
            "mastodon", "/mastodon/", "meta", "/meta/", "bluesky", "/bluesky/");

    private final Map<String, Fault> active = new ConcurrentHashMap<>();
    private final Clock clock;

    Faults(Clock clock) {
        this.clock = clock;
    }

    public void set(String target, Fault fault) {
        requireTarget(target);
        active.put(target, fault);
    }

    public void clear(String target) {
        requireTarget(target);
        active.remove(target);
    }

    public Map<String, Fault> active() {
        Map<String, Fault> now = new TreeMap<>();
        active.forEach((target, fault) -> {
            if (fault.activeAt(clock.instant())) {
                now.put(target, fault);
            }
        });
        return now;
    }

    Optional<Fault> forPath(String path) {
        return TARGETS.entrySet().stream()
                .filter(e -> path.startsWith(e.getValue()))
                .map(e -> active.get(e.getKey()))
                .filter(f -> f != null && f.activeAt(clock.instant()))
                .findFirst();
    }

    static void requireTarget(String target) {
        if (!TARGETS.containsKey(target)) {
            throw new IllegalArgumentException("unknown fault target '" + target + "', known: " + TARGETS.keySet());
        }
    }
}
