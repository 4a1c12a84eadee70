package dev.cs231n.pipelines.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.cs231n.pipelines.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line plots as PNG (XChart): learning curves, accuracy per hyperparameter, with optional error bars.
 *
 * <pre>{@code
 * new LinePlot("Loss", "iteration", "loss").add("train", xs, ys).write(out.resolve("loss.png"));
 * }</pre>
 */
public final class LinePlot {

    private record Series(String name, double[] x, double[] y, double[] err, boolean markers) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logX;

    /**
     * @param title  chart title
     * @param xLabel x-axis label
     * @param yLabel y-axis label
     */
    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * @param name legend name
     * @param x    x values
     * @param y    y values, same length
     * @return this
     */
    public LinePlot add(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y, null, false));
        return this;
    }

    /**
     * @param name legend name
     * @param x    x values
     * @param y    y values
     * @param err  half-length of each error bar (e.g. the standard deviation)
     * @return this
     */
    public LinePlot addWithErrorBars(String name, double[] x, double[] y, double[] err) {
        series.add(new Series(name, x, y, err, true));
        return this;
    }

    /**
     * @param name legend name
     * @param x    x values
     * @param y    y values
     * @return this, with the points drawn as markers only (a scatter)
     */
    public LinePlot addPoints(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y, null, true));
        return this;
    }

    /** @return this, with a logarithmic x axis */
    public LinePlot logX() {
        this.logX = true;
        return this;
    }

    /**
     * Writes the chart as a 800x500 PNG, atomically.
     *
     * @param png the file
     * @throws IOException when it cannot be written
     */
    public void write(Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        for (Series s : series) {
            XYSeries xy = s.err() == null ? chart.addSeries(s.name(), s.x(), s.y())
                    : chart.addSeries(s.name(), s.x(), s.y(), s.err());
            if (s.markers() && s.err() == null) {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            if (!s.markers()) {
                xy.setMarker(SeriesMarkers.NONE);
            }
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
