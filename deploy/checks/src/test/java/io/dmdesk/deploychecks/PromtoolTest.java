package io.dmdesk.deploychecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs promtool over deploy/prometheus: both scrape configs, the rules, and the rule unit tests.
 * Skipped (with the reason) when promtool is not installed; .ci/run installs it (Debian package prometheus).
 */
@RequiresTool(
        anyOf = "promtool",
        reason =
                "promtool not installed (Debian package prometheus; .ci/run installs it): Prometheus config, rules and rule unit tests not checked")
class PromtoolTest {
    private static Path promtool;
    private static final Path DIR = Repo.path("deploy/prometheus");

    @BeforeAll
    static void findPromtool() {
        promtool = Repo.which("promtool");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prometheus.yml", "prometheus-local.yml"})
    void scrapeConfigIsValid(String file) {
        Repo.Result r = Repo.run(DIR, List.of(promtool.toString(), "check", "config", file));
        System.out.println(r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void rulesAreValid() {
        Repo.Result r = Repo.run(DIR, List.of(promtool.toString(), "check", "rules", "rules/dmdesk-alerts.yml"));
        System.out.println(r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void ruleUnitTestsPass() {
        Repo.Result r = Repo.run(DIR, List.of(promtool.toString(), "test", "rules", "tests/dmdesk-alerts.test.yml"));
        System.out.println(r.output());
        assertEquals(0, r.exitCode(), r.output());
    }
}
