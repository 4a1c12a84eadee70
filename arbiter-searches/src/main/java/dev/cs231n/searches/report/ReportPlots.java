package dev.cs231n.searches.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cs231n.searches.store.Candidate;
import dev.cs231n.searches.store.CandidateStatus;
import dev.cs231n.searches.store.EpochScore;
import dev.cs231n.searches.store.Objective;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG plots (XChart, {@value #WIDTH}x{@value #HEIGHT}), each drawn only when it has something to show:
 * <ul>
 *   <li>{@code hp-N-<name>.png}, one per named hyperparameter: the completed candidates' validation scores against
 *       its value (scatter; log x axis or categories, {@link Hyperparameter}), the best candidate marked;</li>
 *   <li>{@value #BEST_OVER_TIME}: the best score so far (step line) at each completion, against minutes since the
 *       first claim, with every completed candidate's score as a point;</li>
 *   <li>{@value #EPOCH_CURVES}: the validation score after each epoch of each candidate's latest attempt, the best
 *       one drawn thicker (legend up to {@value #MAX_LEGEND} curves).</li>
 * </ul>
 */
final class ReportPlots {

    /** Width of every plot in pixels. */
    static final int WIDTH = 800;
    /** Height of every plot in pixels. */
    static final int HEIGHT = 500;
    /** The best-so-far plot's file name in the plot folder. */
    static final String BEST_OVER_TIME = "best-over-time.png";
    /** The epoch-curves plot's file name in the plot folder. */
    static final String EPOCH_CURVES = "epoch-curves.png";
    /** The most curves drawn with a legend. */
    static final int MAX_LEGEND = 12;

    private static final Color BEST = new Color(214, 39, 40);
    private static final Color POINTS = new Color(31, 119, 180);
    /** The curves' colours: Tableau's ten without its red (the best candidate's), and two more. */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207), new Color(31, 50, 110), new Color(0, 128, 128)};
    private static final int MAX_CATEGORY_LABEL = 24;

    /**
     * A plot that was written.
     *
     * @param file    its path
     * @param title   its title
     * @param caption one sentence on what it shows
     */
    record Plot(Path file, String title, String caption) {
    }

    private ReportPlots() {
    }

    /**
     * @param data what to plot
     * @param dir  the plot folder
     * @return the plots written, in the report's order (best over time, epoch curves, one per hyperparameter)
     * @throws IOException when a plot cannot be written
     */
    static List<Plot> write(ReportData data, Path dir) throws IOException {
        List<Plot> plots = new ArrayList<>();
        Plot time = bestOverTime(data, dir);
        if (time != null) {
            plots.add(time);
        }
        Plot curves = epochCurves(data, dir);
        if (curves != null) {
            plots.add(curves);
        }
        List<Hyperparameter> hps = data.hyperparameters();
        for (int i = 0; i < hps.size(); i++) {
            Plot p = scoreAgainst(data, hps.get(i), dir.resolve(String.format(Locale.ROOT, "hp-%d-%s.png", i + 1,
                    safe(hps.get(i).name()))));
            if (p != null) {
                plots.add(p);
            }
        }
        return plots;
    }

    private static Plot scoreAgainst(ReportData data, Hyperparameter hp, Path file) throws IOException {
        List<double[]> points = new ArrayList<>();
        Candidate best = data.best().orElse(null);
        double[] bestPoint = null;
        for (Candidate c : data.completed()) {
            JsonNode v = data.values().get(c.index()).get(hp.name());
            if (v == null || v.isNull()) {
                continue;
            }
            double[] p = {hp.position(v), c.score()};
            points.add(p);
            if (best != null && c.index() == best.index()) {
                bestPoint = p;
            }
        }
        if (points.isEmpty()) {
            return null;
        }
        XYChart chart = chart("Validation score against " + hp.name(), hp.name() + axisNote(hp),
                scoreLabel(data.search().objective()));
        XYSeries all = chart.addSeries("completed candidates", column(points, 0), column(points, 1));
        all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        all.setMarker(SeriesMarkers.CIRCLE);
        all.setMarkerColor(POINTS);
        if (bestPoint != null) {
            XYSeries b = chart.addSeries("best (#" + best.index() + ")", new double[] {bestPoint[0]},
                    new double[] {bestPoint[1]});
            b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            b.setMarker(SeriesMarkers.DIAMOND);
            b.setMarkerColor(BEST);
        }
        switch (hp.axis()) {
            case LOG -> {
                chart.getStyler().setXAxisLogarithmic(true);
                chart.getStyler().setXAxisDecimalPattern("0.######");
                double[] x = column(points, 0);
                // a margin, so that the points at the ends are not cut by the axis
                chart.getStyler().setXAxisMin(Arrays.stream(x).min().orElseThrow() / 1.5);
                chart.getStyler().setXAxisMax(Arrays.stream(x).max().orElseThrow() * 1.5);
            }
            case CATEGORICAL -> categorical(chart, hp.categories());
            case LINEAR -> {
                double[] x = column(points, 0);
                double lo = Arrays.stream(x).min().orElseThrow();
                double hi = Arrays.stream(x).max().orElseThrow();
                double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-9, Math.abs(lo) * 0.1);
                chart.getStyler().setXAxisMin(lo - pad);
                chart.getStyler().setXAxisMax(hi + pad);
            }
            default -> throw new IllegalStateException("unknown axis " + hp.axis());
        }
        writePng(chart, file);
        return new Plot(file, "Validation score against " + hp.name(), points.size() + " completed candidate"
                + (points.size() == 1 ? "" : "s") + "; " + switch (hp.axis()) {
                    case LOG -> "logarithmic axis (the values span " + decades(data, hp) + ")";
                    case LINEAR -> "linear axis";
                    case CATEGORICAL -> hp.categories().size() + " categor" + (hp.categories().size() == 1 ? "y"
                            : "ies");
                } + ".");
    }

    private static Plot bestOverTime(ReportData data, Path dir) throws IOException {
        List<Candidate> done = data.completed().stream().filter(c -> c.finishedAt() != null)
                .sorted(Comparator.comparing(Candidate::finishedAt).thenComparingInt(Candidate::index)).toList();
        if (done.isEmpty()) {
            return null;
        }
        Instant start = data.candidates().stream().map(Candidate::startedAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(done.get(0).finishedAt());
        Instant first = done.get(0).finishedAt();
        if (first.isBefore(start)) {
            start = first;
        }
        Objective objective = data.search().objective();
        int n = done.size();
        double[] t = new double[n];
        double[] score = new double[n];
        double[] bestSoFar = new double[n];
        double best = 0;
        for (int i = 0; i < n; i++) {
            Candidate c = done.get(i);
            t[i] = (c.finishedAt().toEpochMilli() - start.toEpochMilli()) / 60_000.0;
            score[i] = c.score();
            best = i == 0 || objective.isBetter(c.score(), best) ? c.score() : best;
            bestSoFar[i] = best;
        }
        double end = data.candidates().stream().map(Candidate::finishedAt).filter(Objects::nonNull)
                .mapToDouble(f -> f.toEpochMilli()).max().orElse(0);
        double tEnd = Math.max(t[n - 1], (end - start.toEpochMilli()) / 60_000.0);
        // the step line starts at the first completion and runs to the last finished candidate
        double[] stepT = new double[n + 1];
        double[] stepY = new double[n + 1];
        System.arraycopy(t, 0, stepT, 0, n);
        System.arraycopy(bestSoFar, 0, stepY, 0, n);
        stepT[n] = tEnd;
        stepY[n] = bestSoFar[n - 1];
        XYChart chart = chart("Best validation score so far", "minutes since the first claim",
                scoreLabel(objective));
        XYSeries step = chart.addSeries("best so far", stepT, stepY);
        step.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        step.setMarker(SeriesMarkers.NONE);
        step.setLineColor(BEST);
        step.setLineWidth(2.5f);
        XYSeries each = chart.addSeries("completed candidate", t, score);
        each.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        each.setMarker(SeriesMarkers.CIRCLE);
        each.setMarkerColor(POINTS);
        if (stepT[n] - stepT[0] <= 0) { // one instant: give the axis a width
            chart.getStyler().setXAxisMin(stepT[0] - 1);
            chart.getStyler().setXAxisMax(stepT[0] + 1);
        }
        Path file = dir.resolve(BEST_OVER_TIME);
        writePng(chart, file);
        return new Plot(file, "Best validation score so far", "The best score among the candidates completed by "
                + "then, over wall-clock time (" + n + " completion" + (n == 1 ? "" : "s") + ", "
                + Html.number(tEnd) + " min from the first claim to the last result).");
    }

    private static Plot epochCurves(ReportData data, Path dir) throws IOException {
        Map<Integer, List<EpochScore>> epochs = data.epochs();
        if (epochs.isEmpty()) {
            return null;
        }
        Candidate best = data.best().orElse(null);
        boolean legend = epochs.size() <= MAX_LEGEND;
        XYChart chart = chart("Validation score per epoch", "epoch", scoreLabel(data.search().objective()));
        chart.getStyler().setLegendVisible(legend);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        int maxEpoch = 1;
        int minEpoch = Integer.MAX_VALUE;
        XYSeries bestSeries = null;
        List<Integer> order = new ArrayList<>(epochs.keySet());
        if (best != null && order.remove(Integer.valueOf(best.index()))) {
            order.add(best.index()); // drawn last, on top
        }
        for (int index : order) {
            List<EpochScore> e = epochs.get(index);
            double[] x = e.stream().mapToDouble(EpochScore::epoch).toArray();
            double[] y = e.stream().mapToDouble(EpochScore::score).toArray();
            for (EpochScore s : e) {
                maxEpoch = Math.max(maxEpoch, s.epoch());
                minEpoch = Math.min(minEpoch, s.epoch());
            }
            boolean isBest = best != null && best.index() == index;
            Candidate c = data.candidates().stream().filter(k -> k.index() == index).findFirst().orElse(null);
            String name = "#" + index + (isBest ? " (best)" : c != null && c.status() == CandidateStatus.FAILED
                    ? " (failed)" : "");
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            Color colour = PALETTE[chart.getSeriesMap().size() % PALETTE.length];
            s.setLineColor(colour);
            s.setMarkerColor(colour);
            if (isBest) {
                bestSeries = s;
            }
        }
        if (bestSeries != null) {
            bestSeries.setLineColor(BEST);
            bestSeries.setLineWidth(3.5f);
            bestSeries.setMarkerColor(BEST);
        }
        if (maxEpoch == minEpoch) {
            chart.getStyler().setXAxisMin(minEpoch - 1.0);
            chart.getStyler().setXAxisMax(maxEpoch + 1.0);
        }
        chart.getStyler().setXAxisDecimalPattern("0");
        Path file = dir.resolve(EPOCH_CURVES);
        writePng(chart, file);
        return new Plot(file, "Validation score per epoch", epochs.size() + " candidate" + (epochs.size() == 1 ? ""
                : "s") + " with epoch scores (their latest attempt)" + (best != null ? "; the best, #" + best.index()
                + ", in red" : "") + (legend ? "" : "; legend left out above " + MAX_LEGEND + " curves") + ".");
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesStroke(new BasicStroke(0.5f));
        styler.setMarkerSize(9);
        return chart;
    }

    private static void categorical(XYChart chart, List<String> categories) {
        int k = categories.size();
        chart.getStyler().setXAxisMin(-0.5);
        chart.getStyler().setXAxisMax(k - 0.5);
        // about one tick per category: XChart spaces ticks by a pixel hint over a plot ~700 pixels wide
        chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(10, 600 / (k + 1)));
        chart.setCustomXAxisTickLabelsFormatter(x -> {
            long i = Math.round(x);
            if (Math.abs(x - i) > 1e-6 || i < 0 || i >= k) {
                // XChart drops every label unless all of a tick set's labels differ: blanks of different lengths
                return " ".repeat((int) Math.max(1, Math.round((x + 1) * 8)));
            }
            String label = categories.get((int) i);
            return label.length() <= MAX_CATEGORY_LABEL ? label : label.substring(0, MAX_CATEGORY_LABEL - 1) + "…";
        });
    }

    private static String axisNote(Hyperparameter hp) {
        return switch (hp.axis()) {
            case LOG -> " (log scale)";
            case CATEGORICAL -> " (categories)";
            case LINEAR -> "";
        };
    }

    private static String scoreLabel(Objective objective) {
        return "validation score (" + (objective == Objective.MAXIMIZE ? "higher" : "lower") + " is better)";
    }

    private static String decades(ReportData data, Hyperparameter hp) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Map<String, JsonNode> v : data.values().values()) {
            JsonNode x = v.get(hp.name());
            if (x != null && x.isNumber()) {
                min = Math.min(min, x.asDouble());
                max = Math.max(max, x.asDouble());
            }
        }
        return Html.number(min) + " to " + Html.number(max);
    }

    private static double[] column(List<double[]> points, int j) {
        return points.stream().mapToDouble(p -> p[j]).toArray();
    }

    /**
     * @param name a hyperparameter name from the database
     * @return a file-name-safe form: letters, digits, {@code -} and {@code _} kept, anything else {@code _};
     *         at most 40 characters
     */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.length() <= 40 ? s : s.substring(0, 40);
    }

    private static void writePng(XYChart chart, Path file) throws IOException {
        AtomicWrite.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
