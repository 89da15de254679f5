package io.dmdesk.triage.classify;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a force keeps its own rule files and models.
 *
 * @param rulesDir directory whose {@code rules-<lang>.yml} files replace the bundled ones of the same name (and add
 *                 new languages); unset means the bundled rules only
 * @param modelDir directory with a force's own trained models ({@code urgency.tribuo}, {@code category.tribuo},
 *                 {@code model.properties}, written by the train command); unset means the models the build
 *                 trained. Rolling back is pointing it at the previous directory (or unsetting it).
 */
@ConfigurationProperties("triage")
public record TriageRulesProperties(Path rulesDir, Path modelDir) {}
