package io.dmdesk.sandbox.state;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dataDir where the JSON snapshot lives; unset keeps state in memory only
 * @param persistDebounce how long changes are gathered before one snapshot write
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(
        Path dataDir, @DefaultValue("100ms") Duration persistDebounce) {

    public SandboxProperties {
        // sandbox.yml maps an unset SANDBOX_DATA_DIR to "", which must mean "in memory", not the working directory.
        if (dataDir != null && dataDir.toString().isBlank()) {
            dataDir = null;
        }
        if (persistDebounce.isNegative() || persistDebounce.compareTo(Duration.ofMillis(200)) > 0) {
            throw new IllegalArgumentException(
                    "sandbox.persist-debounce must be between 0 and 200ms, was " + persistDebounce);
        }
    }
}
