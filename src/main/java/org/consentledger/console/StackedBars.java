package org.consentledger.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of a stacked bar chart: one bar per day, stacked accepted / rejected / partial / withdrawn counts, for an
 * SVG rendered on the server. The y scale is the largest day total, rounded up to a readable step. Pure logic.
 */
public final class StackedBars {

    public static final List<String> SERIES = List.of("accepted", "rejected", "partial", "withdrawn");
    static final double LEFT = 36;
    static final double BOTTOM = 18;
    static final double TOP = 6;

    /** Counts of one day; series order as {@link #SERIES}. */
    public record Day(LocalDate day, long accepted, long rejected, long partial, long withdrawn) {
        long total() {
            return accepted + rejected + partial + withdrawn;
        }

        long count(int series) {
            return switch (series) {
                case 0 -> accepted;
                case 1 -> rejected;
                case 2 -> partial;
                default -> withdrawn;
            };
        }
    }

    /** One rectangle (SVG user units) with what it shows, for its tooltip. */
    public record Rect(double x, double y, double width, double height, String series, LocalDate day, long count) {
    }

    /** A labelled horizontal grid line. */
    public record Tick(double y, long value) {
    }

    /** A date label under a bar. */
    public record Label(double x, String text) {
    }

    public record Chart(int width, int height, double plotLeft, double plotBottom, long max, List<Rect> rects,
            List<Tick> ticks, List<Label> labels) {
        /** Where the tick labels end, just left of the plot. */
        public double tickX() {
            return plotLeft - 4;
        }
    }

    private StackedBars() {
    }

    public static Chart layout(List<Day> days, int width, int height) {
        return layout(days, width, height, d -> d.getDayOfMonth() + "." + d.getMonthValue() + ".");
    }

    /** As {@link #layout(List, int, int)}, with date labels in the page language ({@code label}). */
    public static Chart layout(List<Day> days, int width, int height,
            java.util.function.Function<LocalDate, String> label) {
        long maxTotal = days.stream().mapToLong(Day::total).max().orElse(0);
        long max = niceCeiling(maxTotal);
        double plotWidth = width - LEFT;
        double plotHeight = height - TOP - BOTTOM;
        double slot = days.isEmpty() ? plotWidth : plotWidth / days.size();
        double barWidth = Math.max(1, slot * 0.7);
        List<Rect> rects = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int labelEvery = Math.max(1, (int) Math.ceil(days.size() / 6.0));
        for (int i = 0; i < days.size(); i++) {
            Day d = days.get(i);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double base = TOP + plotHeight;
            for (int s = 0; s < SERIES.size(); s++) {
                long count = d.count(s);
                if (count == 0) {
                    continue;
                }
                double h = plotHeight * count / max;
                base -= h;
                rects.add(new Rect(r(x), r(base), r(barWidth), r(h), SERIES.get(s), d.day(), count));
            }
            if (i % labelEvery == 0) {
                labels.add(new Label(r(x + barWidth / 2), label.apply(d.day())));
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            long value = max * t / 4;
            ticks.add(new Tick(r(TOP + plotHeight - plotHeight * value / max), value));
        }
        return new Chart(width, height, LEFT, r(TOP + plotHeight), max, rects, ticks, labels);
    }

    /** Smallest of 1, 2, 5 × 10^k (and multiples of 4 so the four grid steps are whole) at least {@code value}. */
    static long niceCeiling(long value) {
        if (value <= 4) {
            return 4;
        }
        long magnitude = 1;
        while (magnitude * 10 < value) {
            magnitude *= 10;
        }
        for (long factor : new long[] { 1, 2, 4, 5, 8, 10 }) {
            long candidate = factor * magnitude;
            if (candidate >= value && candidate % 4 == 0) {
                return candidate;
            }
        }
        return ((value + 3) / 4) * 4;
    }

    private static double r(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
