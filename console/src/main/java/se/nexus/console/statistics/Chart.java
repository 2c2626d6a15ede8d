package se.nexus.console.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A bar chart as geometry, drawn by the page as inline SVG (no script, no external origin): stacked bars for counts
 * that add up per month, grouped bars otherwise. Suppressed figures are not drawn; they are marked "..". The table
 * beside each chart carries the same figures for reading and for assistive technology.
 */
record Chart(int width, int height, List<Bar> bars, List<Mark> marks, List<Tick> ticks, List<Mark> labels,
        List<Series> legend, int plotLeft, int plotRight, int baseline) {

    static final int WIDTH = 720;
    static final int HEIGHT = 300;
    static final int LEFT = 64;
    static final int RIGHT = 12;
    static final int TOP = 16;
    static final int BOTTOM = 44;
    /** Distinct fills, each with at least 3:1 contrast on white (WCAG 1.4.11). */
    static final int PALETTE = 10;

    /** One bar or stacked segment; {@code series} picks its fill; {@code title} is its tooltip (row, series, value). */
    record Bar(double x, double y, double width, double height, int series, String title) {

        /** The geometry as SVG attribute values: decimal points whatever the reader's language. */
        public String svgX() {
            return number(x);
        }

        public String svgY() {
            return number(y);
        }

        public String svgWidth() {
            return number(width);
        }

        public String svgHeight() {
            return number(height);
        }
    }

    /** A text at a place: an x-axis label or a ".." for a suppressed figure. */
    record Mark(double x, double y, String text) {

        public String svgX() {
            return number(x);
        }

        public String svgY() {
            return number(y);
        }
    }

    /** A gridline of the value axis and its value in words. */
    record Tick(double y, String text) {

        public String svgY() {
            return number(y);
        }

        /** Where the tick's text sits: just below its gridline's height, centred on it. */
        public String svgTextY() {
            return number(y + 4);
        }
    }

    /** A series of the legend: its fill and its name. */
    record Series(int series, String label) {
    }

    /**
     * Draws a table.
     *
     * @param rowLabels the rows' names as shown under the bars
     * @param columnLabels the columns' names (the legend)
     * @param stacked stack the columns of a row into one bar (counts that add up)
     * @param integral the values are counts: gridlines at whole numbers
     * @param scale from a table value to the drawn unit (seconds to hours, say)
     * @param tickText a drawn value as the axis shows it
     */
    static Chart of(StatisticsTable table, List<String> rowLabels, List<String> columnLabels, boolean stacked,
            boolean integral, DoubleFunction<Double> scale, DoubleFunction<String> tickText) {
        int rows = table.rows().size();
        int columns = table.columns().size();
        double max = 0;
        for (int r = 0; r < rows; r++) {
            double stack = 0;
            for (int c = 0; c < columns; c++) {
                double value = scale.apply(table.cell(r, c).drawn());
                stack += value;
                max = Math.max(max, value);
            }
            if (stacked) {
                max = Math.max(max, Math.max(stack, scale.apply(table.rowTotal(r).drawn())));
            }
        }
        double step = integral ? Math.max(1, niceStep(max)) : niceStep(max);
        double top = Math.max(step, Math.ceil(max / step) * step);
        int baseline = HEIGHT - BOTTOM;
        double plotHeight = baseline - TOP;
        double band = rows == 0 ? 0 : (WIDTH - LEFT - RIGHT) / (double) rows;
        List<Bar> bars = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        List<Mark> labels = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(rows / 12.0));
        for (int r = 0; r < rows; r++) {
            double left = LEFT + r * band;
            if (r % every == 0) {
                labels.add(new Mark(left + band / 2, baseline + 18, rowLabels.get(r)));
            }
            if (stacked) {
                double barWidth = band * 0.6;
                double x = left + (band - barWidth) / 2;
                double y = baseline;
                boolean anySuppressed = false;
                for (int c = 0; c < columns; c++) {
                    Figure figure = table.cell(r, c);
                    anySuppressed |= figure.suppressed();
                    if (figure.published() && figure.value() > 0) {
                        double h = scale.apply(figure.value()) / top * plotHeight;
                        y -= h;
                        bars.add(new Bar(x, y, barWidth, h, c % PALETTE,
                            rowLabels.get(r) + ", " + columnLabels.get(c) + ": " + tickText.apply(scale.apply(figure.value()))));
                    }
                }
                if (anySuppressed) {
                    marks.add(new Mark(x + barWidth / 2, y - 4, ".."));
                }
            } else {
                double slot = band * 0.8 / Math.max(1, columns);
                for (int c = 0; c < columns; c++) {
                    Figure figure = table.cell(r, c);
                    double x = left + band * 0.1 + c * slot;
                    if (figure.published()) {
                        double h = scale.apply(figure.value()) / top * plotHeight;
                        bars.add(new Bar(x + slot * 0.1, baseline - h, slot * 0.8, h, c % PALETTE,
                            rowLabels.get(r) + ", " + columnLabels.get(c) + ": " + tickText.apply(scale.apply(figure.value()))));
                    } else if (figure.suppressed()) {
                        marks.add(new Mark(x + slot / 2, baseline - 4, ".."));
                    }
                }
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (double value = 0; value <= top + step / 2; value += step) {
            ticks.add(new Tick(baseline - value / top * plotHeight, tickText.apply(value)));
        }
        List<Series> legend = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            legend.add(new Series(c % PALETTE, columnLabels.get(c)));
        }
        return new Chart(WIDTH, HEIGHT, bars, marks, ticks, labels, legend, LEFT, WIDTH - RIGHT, baseline);
    }

    /** A step of 1, 2 or 5 times a power of ten that gives up to six gridlines. */
    static double niceStep(double max) {
        if (max <= 0) {
            return 1;
        }
        double rough = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[] { 1, 2, 5, 10 }) {
            if (factor * power >= rough) {
                return Math.max(factor * power, 1e-9);
            }
        }
        return 10 * power;
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }

    static String number(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
