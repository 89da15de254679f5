package io.dmdesk.triage.bench;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.support.crypto.DataKeyStore;
import io.dmdesk.support.crypto.EventSealer;
import io.dmdesk.support.crypto.MasterKeys;
import io.dmdesk.testsupport.Events;
import io.dmdesk.testsupport.TestMongo;
import java.time.Clock;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of crypto-shredding per message, in microseconds per operation on one thread: seal (as the codec does on
 * publish) and open (as it does on consume) a typical DM and its triaged report, against the plain codec. The data
 * keys are in the cache, as on the hot path (one key store round trip per new message or report is extra).
 * Run: {@code ./mvnw -B -pl triage-service -am -P jmh process-test-classes -Djmh.benchmark=SealingBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(1)
public class SealingBenchmark {

    private MongoClient client;
    private EventSealer sealer;
    private InboundMessage dm;
    private TriagedReport report;
    private byte[] sealedDm;
    private byte[] sealedReport;

    @Setup
    public void setUp() {
        client = MongoClients.create(TestMongo.connectionString());
        sealer = new EventSealer(new DataKeyStore(client.getDatabase("bench_keys"),
                MasterKeys.parse(MasterKeys.generateEntry("bench"), null), Duration.ofSeconds(10), Clock.systemUTC(),
                Duration.ofHours(1), 10_000));
        dm = Events.inbound("jane_citizen", "1234567890", "Someone broke into my car last night on Elm Street, "
                + "they took my laptop and my bag. My number is 07700 900123 if you need me.");
        report = Events.triaged(dm, Urgency.ROUTINE, Category.THEFT);
        sealedDm = sealer.seal(dm);
        sealedReport = sealer.seal(report);
    }

    @TearDown
    public void tearDown() {
        client.close();
    }

    @Benchmark
    public Object dmSealAndOpen() {
        return sealer.open(sealer.seal(dm), InboundMessage.class);
    }

    @Benchmark
    public Object reportSealAndOpen() {
        return sealer.open(sealer.seal(report), TriagedReport.class);
    }

    @Benchmark
    public Object dmOpen() {
        return sealer.open(sealedDm, InboundMessage.class);
    }

    @Benchmark
    public Object reportOpen() {
        return sealer.open(sealedReport, TriagedReport.class);
    }

    /** The plain codec, for the difference. */
    @Benchmark
    public Object dmPlainCodec() {
        return EventJson.fromBytes(EventJson.toBytes(dm), InboundMessage.class);
    }

    @Benchmark
    public Object reportPlainCodec() {
        return EventJson.fromBytes(EventJson.toBytes(report), TriagedReport.class);
    }
}
