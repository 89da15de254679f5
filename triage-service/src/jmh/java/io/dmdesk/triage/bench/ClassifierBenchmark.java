package io.dmdesk.triage.bench;

import io.dmdesk.contracts.Channel;
import io.dmdesk.triage.classify.Classification;
import io.dmdesk.triage.classify.RuleClassifier;
import io.dmdesk.triage.classify.TriageClassifier;
import io.dmdesk.triage.eval.Corpus;
import io.dmdesk.triage.model.LabelledExample;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages classified per second on one thread (= per core) by the product's classifier (rules + models), over
 * labelled messages in three languages, cycled so the JIT cannot specialise on one text:
 * <ul>
 *   <li>{@code shortDm}: the corpus DMs of at most 12 words without personal data (the common case);</li>
 *   <li>{@code piiHeavy}: the corpus messages that carry personal data (phone numbers, ids, addresses, names);</li>
 *   <li>{@code corpusMix}: every corpus message; {@code rulesOnlyCorpusMix}: the rules alone, for the cost of the
 *   learned layer.</li>
 * </ul>
 * Run with the {@code jmh} profile (README).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(1)
public class ClassifierBenchmark {

    private TriageClassifier classifier;
    private RuleClassifier rules;
    private String[] all;
    private String[] shortDms;
    private String[] piiHeavy;
    private int nextAll;
    private int nextShort;
    private int nextPii;

    @Setup
    public void setUp() {
        rules = RuleClassifier.bundled();
        classifier = TriageClassifier.bundled();
        List<LabelledExample> corpus = Corpus.load();
        all = corpus.stream().map(LabelledExample::text).toArray(String[]::new);
        shortDms = corpus.stream().filter(x -> x.channel() == Channel.DM && x.spans().isEmpty()
                && x.text().trim().split("\\s+").length <= 12).map(LabelledExample::text).toArray(String[]::new);
        piiHeavy = corpus.stream().filter(x -> !x.spans().isEmpty()).map(LabelledExample::text).toArray(String[]::new);
    }

    @Benchmark
    public Classification shortDm() {
        String text = shortDms[nextShort];
        nextShort = nextShort + 1 == shortDms.length ? 0 : nextShort + 1;
        return classifier.classify(text, Channel.DM);
    }

    @Benchmark
    public Classification piiHeavy() {
        String text = piiHeavy[nextPii];
        nextPii = nextPii + 1 == piiHeavy.length ? 0 : nextPii + 1;
        return classifier.classify(text, Channel.DM);
    }

    @Benchmark
    public Classification corpusMix() {
        String text = all[nextAll];
        nextAll = nextAll + 1 == all.length ? 0 : nextAll + 1;
        return classifier.classify(text, Channel.DM);
    }

    @Benchmark
    public Classification rulesOnlyCorpusMix() {
        String text = all[nextAll];
        nextAll = nextAll + 1 == all.length ? 0 : nextAll + 1;
        return rules.classify(text, Channel.DM);
    }
}
