package io.dmdesk.triage.bench;

import io.dmdesk.contracts.Channel;
import io.dmdesk.triage.classify.Classification;
import io.dmdesk.triage.classify.RuleClassifier;
import io.dmdesk.triage.eval.Corpus;
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
 * Messages classified per second on one thread (= per core), over the labelled corpus: real DMs and mentions
 * in three languages, a quarter of them carrying personal data. Run with the {@code jmh} profile (README).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(1)
public class ClassifierBenchmark {

    private RuleClassifier classifier;
    private String[] texts;
    private int next;

    @Setup
    public void setUp() {
        classifier = RuleClassifier.bundled();
        texts = Corpus.load().stream().map(io.dmdesk.triage.model.LabelledExample::text).toArray(String[]::new);
    }

    @Benchmark
    public Classification classifyCorpusMessage() {
        String text = texts[next];
        next = next + 1 == texts.length ? 0 : next + 1;
        return classifier.classify(text, Channel.DM);
    }

    @Benchmark
    public Classification classifyShortDm() {
        return classifier.classify("someone is kicking my door in right now please help", Channel.DM);
    }
}
