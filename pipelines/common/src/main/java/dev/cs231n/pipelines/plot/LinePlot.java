package dev.cs231n.pipelines.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

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

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

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
        XYChart chart = chart();
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * Writes several charts one above the other in one PNG (800 pixels wide, 500 per chart), atomically: the
     * course's figures with subplots.
     *
     * @param png    the file
     * @param panels the charts, top first
     * @throws IOException when it cannot be written
     */
    public static void writeStacked(Path png, LinePlot... panels) throws IOException {
        if (panels.length == 0) {
            throw new IllegalArgumentException("no charts to write to " + png);
        }
        BufferedImage all = new BufferedImage(WIDTH, HEIGHT * panels.length, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        try {
            for (int i = 0; i < panels.length; i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels[i].chart()), 0, i * HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(all, "png", out)) {
                throw new IOException("no PNG writer in this JVM");
            }
        });
    }

    private XYChart chart() {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
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
        return chart;
    }
}
