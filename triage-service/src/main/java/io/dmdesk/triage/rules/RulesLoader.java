package io.dmdesk.triage.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bundled rule files ({@code classpath:triage/rules-en.yml}, {@code -nb}, {@code -nn}), each replaced by a
 * file of the same name in the force's rules directory when there is one; further {@code rules-*.yml} files in
 * that directory are added. Read once at start-up: classification itself never touches files.
 */
public final class RulesLoader {

    public static final List<String> BUNDLED = List.of("rules-en.yml", "rules-nb.yml", "rules-nn.yml");

    public static List<RuleFile> load(Path overrideDir) {
        Map<String, RuleFile> files = new LinkedHashMap<>();
        for (String name : BUNDLED) {
            InputStream in = RulesLoader.class.getResourceAsStream("/triage/" + name);
            if (in == null) {
                throw new IllegalStateException("bundled rule file missing from the build: triage/" + name);
            }
            files.put(name, RuleFileParser.parse("classpath:triage/" + name, in));
        }
        if (overrideDir != null) {
            if (!Files.isDirectory(overrideDir)) {
                throw new RuleConfigException(
                        "Invalid triage rules: triage.rules-dir " + overrideDir + " is not a readable directory", null);
            }
            for (Path p : ruleFilesIn(overrideDir)) {
                try {
                    files.put(
                            p.getFileName().toString().replace(".yaml", ".yml"),
                            RuleFileParser.parse(p.toString(), Files.newInputStream(p)));
                } catch (IOException e) {
                    throw new RuleConfigException("Invalid triage rules: cannot read " + p, e);
                }
            }
        }
        return new ArrayList<>(files.values());
    }

    public static List<RuleFile> bundled() {
        return load(null);
    }

    private static List<Path> ruleFilesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("rules-[a-z]{2,3}\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RulesLoader() {}
}
