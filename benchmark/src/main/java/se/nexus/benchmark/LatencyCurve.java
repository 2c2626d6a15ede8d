package se.nexus.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The latency curve as a hand-written SVG: left, accepted and delivered per second against the offered rate;
 * right, end-to-end p50 and p99 against the offered rate (log scale). Nexus and the peer on the same axes;
 * the offered rate on a log scale, as the sweep's rates usually double.
 */
final class LatencyCurve {

    static final String FILE = "latency-curve.svg";

    private static final int PANEL = 420;
    private static final int HEIGHT = 300;
    private static final int MARGIN = 55;
    private static final String NEXUS_COLOUR = "#1f6fb2";
    private static final String PEER_COLOUR = "#c8531d";

    private final List<Report.Step> steps;
    private final StringBuilder svg = new StringBuilder();

    private LatencyCurve(List<Report.Step> steps) {
        this.steps = steps;
    }

    /** Writes the SVG into the folder; nothing when the run had no sweep. */
    static void write(List<Report.Step> steps, Path dir) throws IOException {
        if (steps.isEmpty()) {
            return;
        }
        Files.writeString(dir.resolve(FILE), new LatencyCurve(steps).draw());
    }

    private String draw() {
        int width = 2 * (PANEL + MARGIN) + MARGIN;
        int height = HEIGHT + 2 * MARGIN + 30;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            + "font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
            width, height));
        double maxRate = steps.stream().mapToDouble(Report.Step::offeredPerSecond).max().orElse(1);
        double maxThroughput = Math.max(maxRate, max(s -> Math.max(s.acceptedPerSecond(), s.deliveredPerSecond())));
        panel(MARGIN, "Throughput (/s) against offered submits/s", false, maxThroughput, List.of(
            new Line("Nexus accepted", NEXUS_COLOUR, "", step -> step.nexus(), Report.Submits::acceptedPerSecond),
            new Line("Nexus delivered", NEXUS_COLOUR, "4 3", step -> step.nexus(), Report.Submits::deliveredPerSecond),
            new Line("peer accepted", PEER_COLOUR, "", step -> step.peer(), Report.Submits::acceptedPerSecond),
            new Line("peer delivered", PEER_COLOUR, "4 3", step -> step.peer(), Report.Submits::deliveredPerSecond)));
        double maxLatency = Math.max(10, max(s -> s.endToEnd().p99()));
        panel(2 * MARGIN + PANEL, "End to end (ms, log) against offered submits/s", true, maxLatency, List.of(
            new Line("Nexus p50", NEXUS_COLOUR, "4 3", step -> step.nexus(), s -> s.endToEnd().p50()),
            new Line("Nexus p99", NEXUS_COLOUR, "", step -> step.nexus(), s -> s.endToEnd().p99()),
            new Line("peer p50", PEER_COLOUR, "4 3", step -> step.peer(), s -> s.endToEnd().p50()),
            new Line("peer p99", PEER_COLOUR, "", step -> step.peer(), s -> s.endToEnd().p99())));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private record Line(String label, String colour, String dash, Function<Report.Step, Report.Submits> side,
            ToDoubleFunction<Report.Submits> value) {
    }

    private double max(ToDoubleFunction<Report.Submits> value) {
        double max = 0;
        for (Report.Step step : steps) {
            for (Report.Submits side : new Report.Submits[] { step.nexus(), step.peer() }) {
                if (side != null) {
                    max = Math.max(max, value.applyAsDouble(side));
                }
            }
        }
        return max;
    }

    private void panel(int left, String title, boolean logY, double maxY, List<Line> lines) {
        int top = MARGIN;
        int bottom = top + HEIGHT;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\">%s</text>%n", left, top - 12,
            title));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
            + "stroke=\"#999\"/>%n", left, top, PANEL, HEIGHT));
        for (Report.Step step : steps) {
            double x = x(left, step.offeredPerSecond());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, top, x, bottom, x, bottom + 15,
                Report.f(step.offeredPerSecond())));
        }
        for (double tick : ticks(logY, maxY)) {
            double y = y(top, tick, logY, maxY);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left, y, left + PANEL, y, left - 5, y + 4,
                Report.f(tick)));
        }
        int legend = 0;
        for (Line line : lines) {
            List<String> points = new ArrayList<>();
            for (Report.Step step : steps) {
                Report.Submits side = line.side().apply(step);
                if (side != null) {
                    double value = line.value().applyAsDouble(side);
                    points.add(String.format(Locale.ROOT, "%.1f,%.1f", x(left, step.offeredPerSecond()),
                        y(top, logY ? Math.max(value, 1) : value, logY, maxY)));
                }
            }
            if (points.isEmpty()) {
                continue;
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                + "stroke-dasharray=\"%s\" points=\"%s\"/>%n", line.colour(), line.dash(), String.join(" ", points)));
            // A marker at each measured rate: a curve of one rate is a point, not a line.
            for (String point : points) {
                String[] xy = point.split(",");
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>%n", xy[0],
                    xy[1], line.colour()));
            }
            int ly = bottom + 32;
            int lx = left + legend * (PANEL / 4);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                + "stroke-width=\"2\" stroke-dasharray=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n", lx, ly, lx + 18, ly,
                line.colour(), line.dash(), lx + 22, ly + 4, line.label()));
            legend++;
        }
    }

    private double x(int left, double rate) {
        double min = steps.stream().mapToDouble(Report.Step::offeredPerSecond).min().orElse(1);
        double max = steps.stream().mapToDouble(Report.Step::offeredPerSecond).max().orElse(1);
        double span = Math.log(max) - Math.log(min);
        double share = span <= 0 ? 0.5 : (Math.log(rate) - Math.log(min)) / span;
        return left + 20 + share * (PANEL - 40);
    }

    private static double y(int top, double value, boolean logY, double maxY) {
        double share = logY ? Math.log10(value) / Math.log10(maxY * 1.2) : value / (maxY * 1.1);
        return top + HEIGHT - Math.max(0, Math.min(1, share)) * HEIGHT;
    }

    private static List<Double> ticks(boolean logY, double maxY) {
        List<Double> ticks = new ArrayList<>();
        if (logY) {
            for (double tick = 1; tick <= maxY * 1.2; tick *= 10) {
                ticks.add(tick);
            }
            return ticks;
        }
        double step = Math.pow(10, Math.floor(Math.log10(maxY)));
        step = maxY / step < 3 ? step / 2 : step;
        for (double tick = 0; tick <= maxY * 1.1; tick += step) {
            ticks.add(tick);
        }
        return ticks;
    }
}
