package io.dmdesk.triage.classify;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a force keeps its own rule files.
 *
 * @param rulesDir directory whose {@code rules-<lang>.yml} files replace the bundled ones of the same name (and add
 *                 new languages); unset means the bundled rules only
 */
@ConfigurationProperties("triage")
public record TriageRulesProperties(Path rulesDir) {
}
