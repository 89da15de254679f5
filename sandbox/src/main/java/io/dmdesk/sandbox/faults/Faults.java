package io.dmdesk.sandbox.faults;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Faults switched on through the control API, per target: {@code cases} (the case system), {@code x},
 * {@code telegram}, {@code mastodon}, {@code meta} (Messenger, Instagram, Facebook) and {@code bluesky}. Targets map to the path prefixes their simulated APIs are served under.
 */
@Component
public class Faults {

    /** target -> path prefix of its simulated API */
    static final Map<String, String> TARGETS = Map.of(
            "cases",
            "/case-api/",
            "x",
            "/x/",
            "telegram",
            "/telegram/",
            "mastodon",
            "/mastodon/",
            "meta",
            "/meta/",
            "bluesky",
            "/bluesky/");

    private final Map<String, Fault> active = new ConcurrentHashMap<>();
    private final Clock clock;

    Faults(Clock clock) {
        this.clock = clock;
    }

    public void set(String target, Fault fault) {
        requireTarget(target);
        active.put(target, fault);
        answered.remove(target);
    }

    public void clear(String target) {
        requireTarget(target);
        active.remove(target);
        answered.remove(target);
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

    private final Map<String, List<Instant>> answered = new ConcurrentHashMap<>();

    /** Counts an injected answer for the target serving {@code path}. */
    void answered(String path) {
        TARGETS.entrySet().stream()
                .filter(e -> path.startsWith(e.getValue()))
                .findFirst()
                .ifPresent(e -> answered.computeIfAbsent(e.getKey(), k -> new CopyOnWriteArrayList<>())
                        .add(clock.instant()));
    }

    /** When each injected answer was given, per target, since start-up (or the last clear of that target). */
    public List<Instant> answered(String target, boolean ignored) {
        requireTarget(target);
        return List.copyOf(answered.getOrDefault(target, List.of()));
    }

    Instant now() {
        return clock.instant();
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
