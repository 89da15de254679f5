package io.dmdesk.deploychecks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Helpers shared by the deploy checks: the repo root, YAML loading and running external tools. */
final class Repo {
    private Repo() {}

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("deploy/prometheus"))) {
            p = p.getParent();
        }
        if (p == null)
            throw new IllegalStateException("repo root (with deploy/prometheus) not found above "
                    + Path.of("").toAbsolutePath());
        return p;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path p) {
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(read(p));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlAll(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object d : new Yaml(new LoaderOptions()).loadAll(text)) {
            if (d != null) docs.add((Map<String, Object>) d);
        }
        return docs;
    }

    /** The absolute path of an executable on PATH, or null. */
    static Path which(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    record Result(int exitCode, String output) {}

    static Result run(Path workDir, List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }
}
