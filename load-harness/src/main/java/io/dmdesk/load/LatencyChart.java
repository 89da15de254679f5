package io.dmdesk.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Latency of every message over the run (dots), with p50/p95/p99 lines: the shape a table hides. */
final class LatencyChart {

    static void write(Path file, long[] sentOffsetsMs, long[] latenciesMs, Percentiles p, String title)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 1000, h = 560, left = 80, right = 30, top = 50, bottom = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        long maxX = 1, maxY = 1;
        for (int i = 0; i < latenciesMs.length; i++) {
            maxX = Math.max(maxX, sentOffsetsMs[i]);
            maxY = Math.max(maxY, latenciesMs[i]);
        }
        maxY = (long) (maxY * 1.1);
        int plotW = w - left - right, plotH = h - top - bottom;
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(left, top, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int t = 0; t <= 5; t++) {
            long yv = maxY * t / 5;
            int y = top + plotH - (int) (plotH * t / 5.0);
            g.setColor(new Color(235, 235, 235));
            g.drawLine(left + 1, y, left + plotW - 1, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(yv + " ms", 8, y + 4);
            long xv = maxX * t / 5;
            int x = left + (int) (plotW * t / 5.0);
            g.drawString(String.format("%.1f s", xv / 1000.0), x - 12, top + plotH + 20);
        }
        g.setColor(new Color(30, 90, 200, 140));
        for (int i = 0; i < latenciesMs.length; i++) {
            int x = left + (int) (plotW * (double) sentOffsetsMs[i] / maxX);
            int y = top + plotH - (int) (plotH * (double) latenciesMs[i] / maxY);
            g.fillOval(x - 2, y - 2, 4, 4);
        }
        line(g, p.p50(), maxY, left, top, plotW, plotH, new Color(0, 150, 0), "p50 " + p.p50() + " ms");
        line(g, p.p95(), maxY, left, top, plotW, plotH, new Color(230, 140, 0), "p95 " + p.p95() + " ms");
        line(g, p.p99(), maxY, left, top, plotW, plotH, new Color(200, 0, 0), "p99 " + p.p99() + " ms");
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("time the DM was sent (since start of run)", left + plotW / 2 - 110, h - 15);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void line(
            Graphics2D g, long value, long maxY, int left, int top, int plotW, int plotH, Color c, String label) {
        int y = top + plotH - (int) (plotH * (double) value / maxY);
        g.setColor(c);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(left, y, left + plotW, y);
        g.setStroke(new BasicStroke(1));
        g.drawString(label, left + plotW - 110, y - 4);
    }

    private LatencyChart() {}
}
