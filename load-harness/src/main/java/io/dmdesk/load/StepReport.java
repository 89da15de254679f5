package io.dmdesk.load;

import java.util.List;
import java.util.Locale;

/** The step test as a Markdown table and an SVG chart (throughput and latency per step) the README can show. */
final class StepReport {

    /** The first step past the knee, or null when every step kept up. */
    static StepResult knee(List<StepResult> steps) {
        return steps.stream().filter(StepResult::pastKnee).findFirst().orElse(null);
    }

    static String markdown(List<StepResult> steps, RawKafka.Result raw, double rawLoad) {
        StringBuilder md = new StringBuilder();
        md.append("| offered | offered DMs | acked | lost | dup. acks | acked/s | p50 | p90 | p99 | max "
                + "| emergency p99 (n, advised first) | load 1m start → end | acked/s ÷ raw produce | |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        StepResult knee = knee(steps);
        for (StepResult s : steps) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %.0f/s (%.1f) | %d | %d | %d | %d | %.1f | %s | %s | %s | %s | %s (%d, %d) | %s → %s | %.5f | %s |%n",
                    s.rate(),
                    s.offeredPerSec(),
                    s.offered(),
                    s.acked(),
                    s.lost(),
                    s.duplicateAcks(),
                    s.ackedPerSec(),
                    seconds(s.all().p50()),
                    seconds(s.all().p90()),
                    seconds(s.all().p99()),
                    seconds(s.all().max()),
                    seconds(s.emergency().p99()),
                    s.emergencies(),
                    s.advisedFirst(),
                    load(s.loadStart()),
                    load(s.loadEnd()),
                    s.ackedPerSec() / raw.producePerSecond(),
                    s == knee ? "**knee**: " + s.kneeReason() : s.pastKnee() ? s.kneeReason() : "keeps up"));
        }
        md.append(String.format(
                Locale.ROOT,
                "%nRaw Kafka, same broker, same run: produce %,.0f records/s, consume %,.0f "
                        + "records/s (%,d records of %d B, idempotent, acks=all; load 1m %s).%n",
                raw.producePerSecond(),
                raw.consumePerSecond(),
                raw.records(),
                raw.recordBytes(),
                load(rawLoad)));
        double best = steps.stream().mapToDouble(StepResult::ackedPerSec).max().orElse(0);
        md.append(String.format(
                Locale.ROOT,
                "Best pipeline rate %.1f acknowledgements/s = %.5f of raw produce. ",
                best,
                best / raw.producePerSecond()));
        md.append(
                knee == null
                        ? "No knee: every step kept up (p99 <= 1 s, acked >= 95% of offered).\n"
                        : String.format(
                                Locale.ROOT, "Knee at %.0f DMs/s offered (%s).%n", knee.rate(), knee.kneeReason()));
        return md.toString();
    }

    static String seconds(long ms) {
        return ms < 10_000
                ? String.format(Locale.ROOT, "%.2f s", ms / 1000.0)
                : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String load(double l) {
        return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", l);
    }

    // ---- chart: left, acknowledged vs offered rate; right, latency per step on a log scale

    private static final int W = 960, H = 420, TOP = 50, BOTTOM = 60, PANEL = 400, LEFT1 = 70, LEFT2 = 550;

    static String svg(List<StepResult> steps, String title) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                W,
                H,
                W,
                H));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        s.append(text(LEFT1, 24, title, "font-size=\"15\" font-weight=\"bold\""));
        int plotH = H - TOP - BOTTOM;
        StepResult knee = knee(steps);

        // left panel: x offered DMs/s, y acknowledgements/s, same scale
        double max = niceCeiling(steps.stream()
                .mapToDouble(r -> Math.max(r.rate(), r.offeredPerSec()))
                .max()
                .orElse(1));
        frame(s, LEFT1, plotH, "offered DMs/s", "acknowledgements/s");
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            int y = TOP + plotH - (int) (plotH * t / 4.0);
            int x = LEFT1 + (int) (PANEL * t / 4.0);
            s.append(line(LEFT1, y, LEFT1 + PANEL, y, "#eee", null));
            s.append(text(LEFT1 - 8, y + 4, fmt(v), "text-anchor=\"end\""));
            s.append(text(x, TOP + plotH + 18, fmt(v), "text-anchor=\"middle\""));
        }
        s.append(line(LEFT1, TOP + plotH, LEFT1 + PANEL, TOP, "#999", "6 4"));
        s.append(text(LEFT1 + PANEL - 6, TOP + 14, "keeps up", "text-anchor=\"end\" fill=\"#999\""));
        StringBuilder points = new StringBuilder();
        for (StepResult r : steps) {
            int x = LEFT1 + (int) (PANEL * r.offeredPerSec() / max);
            int y = TOP + plotH - (int) (plotH * r.ackedPerSec() / max);
            points.append(x).append(',').append(y).append(' ');
            s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"#1e5ac8\"/>%n", x, y));
            s.append(text(x + 6, y - 6, String.format(Locale.ROOT, "%.1f/s", r.ackedPerSec()), "fill=\"#1e5ac8\""));
            if (r == knee) {
                s.append(line(x, TOP, x, TOP + plotH, "#c80000", "2 3"));
                s.append(text(x + 4, TOP + plotH - 6, "knee", "fill=\"#c80000\""));
            }
        }
        s.append(String.format(
                Locale.ROOT,
                "<polyline points=\"%s\" fill=\"none\" stroke=\"#1e5ac8\" stroke-width=\"2\"/>%n",
                points.toString().trim()));

        // right panel: latency per step, log scale from 100 ms
        long top = Math.max(
                10_000,
                steps.stream()
                        .mapToLong(r -> Math.max(r.all().max(), r.emergency().p99()))
                        .max()
                        .orElse(1));
        double decades = Math.ceil(Math.log10(top / 100.0));
        frame(s, LEFT2, plotH, "offered DMs/s (step)", "DM → acknowledgement");
        for (int d = 0; d <= decades; d++) {
            int y = logY(Math.pow(10, d) * 100, decades, plotH);
            s.append(line(LEFT2, y, LEFT2 + PANEL, y, "#eee", null));
            double sec = Math.pow(10, d) / 10;
            s.append(text(
                    LEFT2 - 8,
                    y + 4,
                    (sec < 1 ? fmt(sec) : String.format(Locale.ROOT, "%,.0f", sec)) + " s",
                    "text-anchor=\"end\""));
        }
        int goal = logY(StepResult.KNEE_P99_MS, decades, plotH);
        s.append(line(LEFT2, goal, LEFT2 + PANEL, goal, "#c80000", "6 4"));
        s.append(text(LEFT2 + PANEL - 6, goal - 5, "goal: p99 ≤ 1 s", "text-anchor=\"end\" fill=\"#c80000\""));
        String[] colours = {"#00963c", "#c80000", "#e68c00"};
        String[] names = {"p50", "p99", "emergency p99"};
        for (int k = 0; k < 3; k++) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < steps.size(); i++) {
                StepResult r = steps.get(i);
                long v = k == 0
                        ? r.all().p50()
                        : k == 1 ? r.all().p99() : r.emergency().p99();
                int x = stepX(i, steps.size());
                int y = logY(Math.max(100, v), decades, plotH);
                pts.append(x).append(',').append(y).append(' ');
                s.append(String.format(
                        Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"%s\"/>%n", x, y, colours[k]));
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    pts.toString().trim(),
                    colours[k]));
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>%n",
                    LEFT2 + 10 + 120 * k,
                    TOP - 12,
                    colours[k]));
            s.append(text(LEFT2 + 26 + 120 * k, TOP - 7, names[k], ""));
        }
        for (int i = 0; i < steps.size(); i++) {
            int x = stepX(i, steps.size());
            s.append(text(x, TOP + plotH + 18, fmt(steps.get(i).rate()), "text-anchor=\"middle\""));
            s.append(text(
                    x,
                    TOP + plotH + 32,
                    "load " + load(steps.get(i).loadEnd()),
                    "text-anchor=\"middle\" fill=\"#777\" font-size=\"10\""));
            if (steps.get(i) == knee) {
                s.append(line(x, TOP, x, TOP + plotH, "#c80000", "2 3"));
                s.append(text(x + 4, TOP + 12, "knee", "fill=\"#c80000\""));
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void frame(StringBuilder s, int left, int plotH, String xLabel, String yLabel) {
        s.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#bbb\"/>%n",
                left,
                TOP,
                PANEL,
                plotH));
        s.append(text(left + PANEL / 2, H - 10, xLabel, "text-anchor=\"middle\""));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" transform=\"rotate(-90 %d %d)\" text-anchor=\"middle\">%s</text>%n",
                left - 52,
                TOP + plotH / 2,
                left - 52,
                TOP + plotH / 2,
                yLabel));
    }

    private static int stepX(int i, int n) {
        return LEFT2 + (int) (PANEL * (i + 0.5) / n);
    }

    private static int logY(double ms, double decades, int plotH) {
        double f = Math.log10(ms / 100.0) / decades;
        return TOP + plotH - (int) (plotH * Math.max(0, Math.min(1, f)));
    }

    private static double niceCeiling(double v) {
        double step = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * step >= v * 1.05) {
                return m * step;
            }
        }
        return 10 * step;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String line(int x1, int y1, int x2, int y2, String colour, String dash) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"%s/>%n",
                x1,
                y1,
                x2,
                y2,
                colour,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static String text(int x, int y, String text, String attributes) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" %s>%s</text>%n",
                x,
                y,
                attributes,
                text.replace("&", "&amp;").replace("<", "&lt;"));
    }

    private StepReport() {}
}
