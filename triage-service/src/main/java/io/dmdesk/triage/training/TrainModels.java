package io.dmdesk.triage.training;

import io.dmdesk.triage.classify.RuleClassifier;
import io.dmdesk.triage.model.LabelledExample;
import io.dmdesk.triage.model.LabelledExamples;
import io.dmdesk.triage.model.TriageModels;
import io.dmdesk.triage.rules.Lexicon;
import io.dmdesk.triage.rules.RulesLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The build step that trains the triage models from the labelled data in the repository (and a force's own
 * labelled examples, when it retrains): {@code TrainModels --out <dir> --settings <model.properties>
 * [--rules <dir>] [--classes <dir>] <data file or directory>...}. Writes {@code urgency.tribuo},
 * {@code category.tribuo} and {@code model.properties} (the settings and policy, plus what it was trained on).
 *
 * <p>It writes to standard error only: the classify-lines command shares the build phase and owns standard out.
 * Training takes a while on two cores, so it is skipped when the output was trained from the same inputs:
 * the data files, the settings, the rule files and the classifier's own compiled classes ({@code --classes}),
 * all hashed into {@code trained.inputs}.
 */
public final class TrainModels {

    public static void main(String[] args) throws IOException {
        Path out = null;
        Path settingsFile = null;
        Path rulesDir = null;
        Path classes = null;
        List<Path> data = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--settings" -> settingsFile = Path.of(args[++i]);
                case "--rules" -> rulesDir = blank(args[++i]) ? null : Path.of(args[i]);
                case "--classes" -> classes = Path.of(args[++i]);
                default -> data.addAll(jsonl(Path.of(args[i])));
            }
        }
        if (out == null || settingsFile == null || data.isEmpty()) {
            throw new IllegalArgumentException("usage: TrainModels --out <dir> --settings <model.properties> "
                    + "[--rules <dir>] [--classes <dir>] <data file or directory>...");
        }
        Properties settings = new Properties();
        try (var in = Files.newInputStream(settingsFile)) {
            settings.load(in);
        }
        TriageModels.Policy.of(settings); // a broken policy stops the build, not the service
        String inputs = inputsHash(data, settingsFile, rulesDir, classes);
        Path manifest = out.resolve(TriageModels.MANIFEST_FILE);
        if (Files.exists(manifest)
                && Files.exists(out.resolve(TriageModels.URGENCY_FILE))
                && Files.exists(out.resolve(TriageModels.CATEGORY_FILE))) {
            Properties previous = new Properties();
            try (var in = Files.newInputStream(manifest)) {
                previous.load(in);
            }
            if (inputs.equals(previous.getProperty("trained.inputs"))) {
                System.err.println(
                        "[triage] models up to date (inputs " + inputs.substring(0, 12) + "), not retrained");
                return;
            }
        }
        long started = System.nanoTime();
        List<LabelledExample> examples = new ArrayList<>();
        for (Path f : data) {
            examples.addAll(LabelledExamples.read(f));
        }
        RuleClassifier rules = new RuleClassifier(new Lexicon(RulesLoader.load(rulesDir)));
        List<ModelTraining.Prepared> prepared = ModelTraining.prepare(examples, rules);
        ModelTraining.Trained trained = ModelTraining.train(prepared, settings);
        Files.createDirectories(out);
        try (OutputStream o = Files.newOutputStream(out.resolve(TriageModels.URGENCY_FILE))) {
            trained.urgency().serializeToStream(o);
        }
        try (OutputStream o = Files.newOutputStream(out.resolve(TriageModels.CATEGORY_FILE))) {
            trained.category().serializeToStream(o);
        }
        Properties written = new Properties();
        written.putAll(settings);
        written.setProperty("trained.inputs", inputs);
        written.setProperty("trained.examples", String.valueOf(examples.size()));
        List<String> files = new ArrayList<>();
        for (Path f : data) {
            files.add(f.getFileName() + ":" + sha256(Files.readAllBytes(f)).substring(0, 12));
        }
        written.setProperty("trained.files", String.join(",", files));
        written.setProperty("trained.rules", rules.lexiconFingerprint());
        try (OutputStream o = Files.newOutputStream(manifest)) {
            written.store(
                    o, "DM Desk triage models: settings, policy and training data (see triage-service/README.md)");
        }
        TriageModels models = TriageModels.from(out);
        System.err.printf(
                "[triage] trained %s from %d examples in %d files in %.1f s%n",
                models.describe(), examples.size(), data.size(), (System.nanoTime() - started) / 1e9);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<Path> jsonl(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                return s.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
            }
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("training data " + p + " does not exist");
        }
        return List.of(p);
    }

    private static String inputsHash(List<Path> data, Path settings, Path rulesDir, Path classes) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : data) {
                sha.update(f.getFileName().toString().getBytes());
                sha.update(Files.readAllBytes(f));
            }
            sha.update(Files.readAllBytes(settings));
            sha.update(new Lexicon(RulesLoader.load(rulesDir)).fingerprint().getBytes());
            if (classes != null && Files.isDirectory(classes)) {
                try (Stream<Path> s = Files.walk(classes)) {
                    for (Path c : s.filter(f -> f.toString().endsWith(".class"))
                            .sorted()
                            .toList()) {
                        sha.update(classes.relativize(c).toString().getBytes());
                        sha.update(Files.readAllBytes(c));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private TrainModels() {}
}
