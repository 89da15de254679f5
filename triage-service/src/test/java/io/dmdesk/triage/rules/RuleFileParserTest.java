package io.dmdesk.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileParserTest {

    private static RuleFile parse(String yaml) {
        return RuleFileParser.parse("rules-xx.yml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bundledFilesAreValid() {
        List<RuleFile> files = RulesLoader.bundled();
        assertThat(files).extracting(RuleFile::language).containsExactly("en", "nb", "nn");
        assertThat(files).allSatisfy(f -> assertThat(f.rules()).isNotEmpty());
    }

    @Test
    void anUnknownSignalNamesFileAndEntry() {
        assertThatThrownBy(() -> parse("language: en\nsignals:\n  danger_noww:\n    - {id: x, terms: [knife]}\n"))
                .isInstanceOf(RuleConfigException.class)
                .hasMessageContaining("rules-xx.yml")
                .hasMessageContaining("signals.danger_noww")
                .hasMessageContaining("unknown name");
    }

    @Test
    void anUnknownCategoryNamesFileAndEntry() {
        assertThatThrownBy(() -> parse("language: en\ncategories:\n  THEFTT:\n    - {id: x, terms: [stolen]}\n"))
                .hasMessageContaining("categories.THEFTT");
    }

    @Test
    void aRuleWithoutTermsOrWithABadPrefixOrWeightIsRejected() {
        assertThatThrownBy(() -> parse("language: en\nsignals:\n  now:\n    - {id: empty, terms: []}\n"))
                .hasMessageContaining("signals.now[0] (id empty)")
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> parse("language: en\nsignals:\n  now:\n    - {id: p, terms: [\"a*\"]}\n"))
                .hasMessageContaining("prefix");
        assertThatThrownBy(() -> parse("language: en\ncategories:\n  THEFT:\n    - {id: w, weight: 99, terms: [x]}\n"))
                .hasMessageContaining("weight");
        assertThatThrownBy(() ->
                        parse("language: en\nsignals:\n  now:\n    - {id: a, terms: [x]}\n    - {id: a, terms: [y]}\n"))
                .hasMessageContaining("duplicate id");
    }

    @Test
    void brokenYamlAndUnknownSectionsAreRejected() {
        assertThatThrownBy(() -> parse("language: en\nsignals: [unclosed\n")).hasMessageContaining("not readable YAML");
        assertThatThrownBy(() -> parse("language: en\nsignalz: {}\n")).hasMessageContaining("unknown section");
        assertThatThrownBy(() -> parse("signals: {}\n")).hasMessageContaining("language");
        assertThatThrownBy(() -> parse("language: en\npii:\n  street_typez: [road]\n"))
                .hasMessageContaining("pii.street_typez");
    }

    @Test
    void aForceDirectoryReplacesABundledFileAndAddsLanguages(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("rules-en.yml"),
                "language: en\nsignals:\n  danger_now:\n    - {id: local, terms: [\"sword\"]}\n");
        Files.writeString(
                dir.resolve("rules-se.yml"),
                "language: se\nsignals:\n  danger_now:\n    - {id: veahkki, terms: [\"veahkki\"]}\n");
        List<RuleFile> files = RulesLoader.load(dir);
        assertThat(files).extracting(RuleFile::language).containsExactly("en", "nb", "nn", "se");
        assertThat(files.get(0).rules()).extracting(Rule::id).containsExactly("en:local");
    }

    @Test
    void aBrokenOverrideStopsLoadingWithItsPath(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("rules-nb.yml"), "language: nb\ncategories:\n  TYVERI:\n    - {id: x, terms: [stjålet]}\n");
        assertThatThrownBy(() -> RulesLoader.load(dir))
                .hasMessageContaining(dir.resolve("rules-nb.yml").toString())
                .hasMessageContaining("categories.TYVERI");
        assertThatThrownBy(() -> RulesLoader.load(dir.resolve("missing"))).hasMessageContaining("triage.rules-dir");
    }
}
