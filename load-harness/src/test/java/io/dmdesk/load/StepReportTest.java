package io.dmdesk.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class StepReportTest {

    static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    /** n DMs at the rate, each acknowledged after latencyMs plus backlog growth when the pipeline is slower. */
    static StepResult step(double rate, int n, long latencyMs, double pipelineRate) {
        List<StepTest.Dm> dms = new ArrayList<>();
        Map<String, List<StepTest.Ack>> acks = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Instant created = T0.plusMillis((long) (i * 1000 / rate));
            dms.add(new StepTest.Dm("c" + i, created, i % 10 == 9));
            Instant ack =
                    T0.plusMillis(Math.max((long) (i * 1000 / rate), (long) (i * 1000 / pipelineRate)) + latencyMs);
            acks.put("c" + i, List.of(new StepTest.Ack(ack, i % 10 == 9)));
        }
        return StepTest.result(rate, dms, acks, 1.0, 2.0);
    }

    @Test
    void aStepThatKeepsUpIsNotTheKnee() {
        StepResult s = step(20, 400, 300, 1000);
        assertThat(s.offered()).isEqualTo(400);
        assertThat(s.acked()).isEqualTo(400);
        assertThat(s.lost()).isZero();
        assertThat(s.all().p99()).isEqualTo(300);
        assertThat(s.ackedPerSec()).isCloseTo(20.0, Offset.offset(0.1));
        assertThat(s.emergencies()).isEqualTo(40);
        assertThat(s.advisedFirst()).isEqualTo(40);
        assertThat(s.pastKnee()).isFalse();
    }

    @Test
    void theKneeIsTheFirstStepWithP99OverOneSecondOrAcksBehindTheOfferedRate() {
        StepResult fast = step(20, 400, 200, 1000);
        StepResult slowButSteady = step(50, 1000, 1_500, 1000); // keeps the rate, p99 1.5 s
        StepResult behind = step(100, 2000, 200, 40); // a backlog: acked at 40/s
        assertThat(slowButSteady.kneeReason()).isEqualTo("p99 > 1 s");
        assertThat(behind.kneeReason()).contains("acked < 95% of offered");
        assertThat(StepReport.knee(List.of(fast, slowButSteady, behind))).isSameAs(slowButSteady);
        assertThat(StepReport.knee(List.of(fast))).isNull();
    }

    @Test
    void unacknowledgedDmsAreLostAndSecondAcknowledgementsAreDuplicates() {
        List<StepTest.Dm> dms = List.of(
                new StepTest.Dm("a", T0, false),
                new StepTest.Dm("b", T0.plusMillis(50), false),
                new StepTest.Dm("c", T0.plusMillis(100), true));
        Map<String, List<StepTest.Ack>> acks = Map.of(
                "a", List.of(new StepTest.Ack(T0.plusMillis(900), false), new StepTest.Ack(T0.plusMillis(400), false)),
                "c", List.of(new StepTest.Ack(T0.plusMillis(2_100), true)));
        StepResult s = StepTest.result(20, dms, acks, 0.5, 0.7);
        assertThat(s.acked()).isEqualTo(2);
        assertThat(s.lost()).isEqualTo(1);
        assertThat(s.duplicateAcks()).isEqualTo(1);
        assertThat(s.all().p50()).isEqualTo(400); // the first acknowledgement counts
        assertThat(s.emergency().p99()).isEqualTo(2_000);
    }

    @Test
    void tableAndChartNameTheKneeAndTheRawKafkaFigures() throws Exception {
        List<StepResult> steps = List.of(step(20, 400, 200, 1000), step(50, 1000, 200, 30));
        RawKafka.Result raw = new RawKafka.Result(50_000, 1100, 8_000, 9_000);
        String md = StepReport.markdown(steps, raw, 3.2);
        assertThat(md)
                .contains(
                        "| 20/s (20.0) | 400 | 400 | 0 | 0 | 20.0 |",
                        "**knee**",
                        "produce 8,000 records/s",
                        "consume 9,000 records/s",
                        "of 1100 B",
                        "Knee at 50 DMs/s offered");
        String svg = StepReport.svg(steps, "step test <test>");
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))); // well-formed XML
        assertThat(svg).contains("knee", "emergency p99", "goal: p99 ≤ 1 s", "&lt;test>");
    }
}
