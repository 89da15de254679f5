package io.dmdesk.support.platform;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's usage headers, all in percent of the allowance: {@code X-App-Usage} and {@code X-Page-Usage}
 * {@code {"call_count":n,"total_time":n,"total_cputime":n}}, and {@code X-Business-Use-Case-Usage}
 * {@code {"<id>":[{... same, "estimated_time_to_regain_access":minutes}]}}. The highest figure of any header
 * counts, and the longest regain time.
 *
 * @param percent  the highest usage figure, -1 when no header was readable
 * @param regainIn the announced time to regain access, at least a minute (Meta often announces none)
 */
public record MetaUsage(int percent, Duration regainIn) {

    public static final MetaUsage NONE = new MetaUsage(-1, Duration.ofMinutes(1));
    /** Above this, stop calling: Meta starts refusing at 100. */
    public static final int STOP_AT = 95;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] FLAT = {"X-App-Usage", "X-Page-Usage"};

    public static MetaUsage of(HttpHeaders headers) {
        int percent = -1;
        long regainMinutes = 0;
        try {
            for (String name : FLAT) {
                String value = headers.getFirst(name);
                if (value != null) {
                    JsonNode usage = JSON.readTree(value);
                    percent = Math.max(percent, max(usage));
                    regainMinutes = Math.max(
                            regainMinutes,
                            usage.path("estimated_time_to_regain_access").asLong(0));
                }
            }
            String buc = headers.getFirst("X-Business-Use-Case-Usage");
            if (buc != null) {
                for (JsonNode perId : JSON.readTree(buc)) {
                    for (JsonNode usage : perId) {
                        percent = Math.max(percent, max(usage));
                        regainMinutes = Math.max(
                                regainMinutes,
                                usage.path("estimated_time_to_regain_access").asLong(0));
                    }
                }
            }
        } catch (RuntimeException unreadable) {
            return NONE;
        }
        return new MetaUsage(percent, Duration.ofMinutes(Math.max(1, regainMinutes)));
    }

    /** At or above {@link #STOP_AT}: the next calls would be refused. */
    public boolean exhausted() {
        return percent >= STOP_AT;
    }

    /** What is left of the allowance in percent, or null when no header said. */
    public Integer remainingPercent() {
        return percent < 0 ? null : Math.max(0, 100 - percent);
    }

    private static int max(JsonNode usage) {
        return Math.max(
                usage.path("call_count").asInt(0),
                Math.max(
                        usage.path("total_time").asInt(0),
                        usage.path("total_cputime").asInt(0)));
    }
}
