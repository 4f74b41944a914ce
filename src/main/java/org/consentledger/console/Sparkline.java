package org.consentledger.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Geometry of a sparkline of rates (0..1) per day, for an inline SVG rendered on the server. Days without data
 * ({@code null}) break the line instead of pretending a value. Pure logic.
 *
 * @param path   SVG path data ("M x y L x y …", several segments when days are missing); empty without data
 * @param points one point per day with data (for the dots)
 * @param last   the latest known rate, or null
 */
public record Sparkline(int width, int height, String path, List<Point> points, Double last) {

    /** A day's point in SVG user units (y grows downwards). */
    public record Point(double x, double y) {
    }

    /** The sparkline of {@code rates} (oldest first) in a {@code width} × {@code height} box with a 2-unit margin. */
    public static Sparkline of(List<Double> rates, int width, int height) {
        double margin = 2;
        int n = rates.size();
        double step = n > 1 ? (width - 2 * margin) / (n - 1) : 0;
        StringBuilder path = new StringBuilder();
        List<Point> points = new ArrayList<>();
        boolean penDown = false;
        Double last = null;
        for (int i = 0; i < n; i++) {
            Double rate = rates.get(i);
            if (rate == null || rate.isNaN()) {
                penDown = false;
                continue;
            }
            double clamped = Math.max(0, Math.min(1, rate));
            double x = n > 1 ? margin + i * step : width / 2.0;
            double y = margin + (1 - clamped) * (height - 2 * margin);
            Point p = new Point(round(x), round(y));
            points.add(p);
            if (path.length() > 0) {
                path.append(' ');
            }
            path.append(penDown ? 'L' : 'M').append(fmt(p.x())).append(' ').append(fmt(p.y()));
            penDown = true;
            last = clamped;
        }
        return new Sparkline(width, height, path.toString(), List.copyOf(points), last);
    }

    /**
     * With data on one day only, a lone dot is easy to miss: a dashed line across the whole width at that level reads
     * as "this is where it stands". Empty otherwise.
     */
    public String level() {
        if (points.size() != 1) {
            return "";
        }
        double y = points.get(0).y();
        return "M2 " + fmt(y) + " L" + fmt(width - 2) + " " + fmt(y);
    }

    /** Number of days with data. */
    public int days() {
        return points.size();
    }

    /** The latest rate as a whole percentage, or "–". */
    public String lastPercent() {
        return last == null ? "–" : Math.round(last * 100) + " %";
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
