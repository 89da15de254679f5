package io.dmdesk.triage.eval;

import io.dmdesk.triage.model.LabelledExample;
import io.dmdesk.triage.model.LabelledExamples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled sets on the test classpath ({@code corpus/...}), in the format of {@link LabelledExamples}.
 *
 * <ul>
 *   <li>{@link #FILES}: the first corpus (421), which the rules were tuned on; now also training data.</li>
 *   <li>{@link #HOLDOUT}, {@link #HOLDOUT_2}: earlier hold-outs, read and used for tuning; now training data.</li>
 *   <li>{@link #BLIND_DEV}: the first blind set's dev batches (A-C), written from the label definitions alone by
 *   authors who saw neither the rules nor any corpus (see triage-service/README.md); may be read and tuned on,
 *   never trained on.</li>
 *   <li>{@code blind/test} (D-F) and {@code blind2/test} (G-I): the first two blind test splits, each scored once at
 *   the start and once at the end of a round (stops 17 and 19), never tuned on; since their final score they are
 *   training data (the training arguments in triage-service/pom.xml), so no test reads them.</li>
 *   <li>{@link #BLIND_TEST}: the third blind set (blind3, J-K, two more authors with the same brief), frozen
 *   before its first score; scored once at the start and once at the end, never tuned on, never trained on.</li>
 * </ul>
 */
public final class Corpus {

    public static final List<String> FILES = List.of("en.jsonl", "nb.jsonl", "nn.jsonl");
    public static final List<String> HOLDOUT = List.of("holdout/holdout.jsonl");
    public static final List<String> HOLDOUT_2 = List.of("holdout/holdout-2.jsonl");
    public static final List<String> BLIND_DEV =
            List.of("blind/dev/batch-A.jsonl", "blind/dev/batch-B.jsonl", "blind/dev/batch-C.jsonl");
    public static final List<String> BLIND_TEST = List.of("blind3/test/batch-J.jsonl", "blind3/test/batch-K.jsonl");

    public static List<LabelledExample> load() {
        return load(FILES);
    }

    public static List<LabelledExample> holdout() {
        return load(HOLDOUT);
    }

    public static List<LabelledExample> holdout2() {
        return load(HOLDOUT_2);
    }

    public static List<LabelledExample> blindDev() {
        return load(BLIND_DEV);
    }

    /** Scored once before and once after the work on the classifier; never for tuning. */
    public static List<LabelledExample> blindTest() {
        return load(BLIND_TEST);
    }

    static List<LabelledExample> load(List<String> files) {
        List<LabelledExample> out = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("corpus file missing: corpus/" + file);
                }
                out.addAll(LabelledExamples.read(in, "corpus/" + file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private Corpus() {}
}
