package io.dmdesk.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox recorded about one account's requests ({@code GET /control/requests}): each request's time,
 * the limit's scope (an X endpoint, or the whole account), its status, and for a 429 the reset it announced.
 */
public record RequestWindows(String platform, String account, List<Entry> entries) {

    public record Entry(Instant at, String scope, int status, Instant resetAt) {}

    static RequestWindows of(String platform, String account, List<Map<String, Object>> raw) {
        List<Entry> entries = raw.stream()
                .map(m -> new Entry(
                        instant(m.get("at")),
                        (String) m.get("scope"),
                        ((Number) m.get("status")).intValue(),
                        instant(m.get("resetAt"))))
                .toList();
        return new RequestWindows(platform, account, entries);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) { // epoch seconds with a fraction
            return Instant.ofEpochSecond(
                    0, new BigDecimal(n.toString()).movePointRight(9).longValue());
        }
        return Instant.parse((String) value);
    }

    public List<Entry> rateLimited() {
        return entries.stream().filter(e -> e.status() == 429).toList();
    }

    /** Requests the platform admitted between these two instants. */
    public long admittedBetween(Instant from, Instant to) {
        return entries.stream()
                .filter(e -> e.status() == 200 && e.at().isAfter(from) && e.at().isBefore(to))
                .count();
    }

    /**
     * No request of a limit's scope arrived after a 429 of that scope and before the reset that 429 announced
     * (allowing {@code inFlight} requests per 429: those other streams of the account had already sent).
     */
    public void assertNoRequestBeforeAnnouncedReset(int inFlight) {
        List<String> violations = new ArrayList<>();
        for (Entry limited : rateLimited()) {
            List<Entry> early = entries.stream()
                    .filter(e -> e.scope().equals(limited.scope())
                            && e.at().isAfter(limited.at())
                            && e.at().isBefore(limited.resetAt()))
                    .toList();
            if (early.size() > inFlight) {
                violations.add("429 at " + limited.at() + " announced reset " + limited.resetAt()
                        + ", then requests at " + early.stream().map(Entry::at).toList());
            }
        }
        assertThat(violations)
                .as(platform + " " + account + " asked before the announced reset")
                .isEmpty();
    }
}
