package io.dmdesk.intake.meta;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's usage headers: {@code X-App-Usage} {@code {"call_count":n,"total_time":n,"total_cputime":n}} and
 * {@code X-Business-Use-Case-Usage} {@code {"<id>":[{... same, "estimated_time_to_regain_access":minutes}]}},
 * all in percent of the allowance. The highest figure counts.
 */
record MetaUsage(int percent, Duration regainIn) {

    static final MetaUsage NONE = new MetaUsage(-1, Duration.ZERO);
    /** Above this, stop pulling: Meta starts refusing at 100. */
    static final int STOP_AT = 95;

    static MetaUsage of(HttpHeaders headers, JsonMapper json) {
        int percent = -1;
        long regainMinutes = 0;
        try {
            String app = headers.getFirst("X-App-Usage");
            if (app != null) {
                percent = Math.max(percent, max(json.readTree(app)));
            }
            String buc = headers.getFirst("X-Business-Use-Case-Usage");
            if (buc != null) {
                for (JsonNode perId : json.readTree(buc)) {
                    for (JsonNode usage : perId) {
                        percent = Math.max(percent, max(usage));
                        regainMinutes = Math.max(regainMinutes, usage.path("estimated_time_to_regain_access").asLong(0));
                    }
                }
            }
        } catch (RuntimeException unreadable) {
            return NONE;
        }
        return new MetaUsage(percent, Duration.ofMinutes(Math.max(1, regainMinutes)));
    }

    boolean exhausted() {
        return percent >= STOP_AT;
    }

    Integer remainingPercent() {
        return percent < 0 ? null : Math.max(0, 100 - percent);
    }

    private static int max(JsonNode usage) {
        return Math.max(usage.path("call_count").asInt(0),
                Math.max(usage.path("total_time").asInt(0), usage.path("total_cputime").asInt(0)));
    }
}
