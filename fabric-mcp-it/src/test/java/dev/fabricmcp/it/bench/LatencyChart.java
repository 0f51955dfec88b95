package dev.fabricmcp.it.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.theme.XChartTheme;

/**
 * The picture {@code docs/benchmarks.md} shows: for each regime (sparse and dense streams), the latency of every
 * chunk as a percentile curve per path, the direct {@code /chat} reader included. The vertical gap between a path's
 * curve and the direct one at a percentile is what fabric-mcp adds there. Drawn with XChart into a PNG, headless.
 */
final class LatencyChart {

    /** Percentiles drawn: every half percent, then the tail in finer steps. */
    private static final double[] PERCENTILES = percentiles();
    /** Log axes cannot show zero: a chunk that arrived within the clock's microsecond is drawn at 1 µs. */
    private static final double FLOOR_MS = 0.001;

    private final Map<String, Regime> regimes = new LinkedHashMap<>();
    private final Map<String, Color> colours = new LinkedHashMap<>();

    private record Regime(String title, Map<String, Samples> paths) {
    }

    /** Adds one path's chunk latencies (microseconds) to the panel of {@code regime}, titled {@code title}. */
    synchronized void add(String regime, String title, String path, Samples latencyMicros) {
        regimes.computeIfAbsent(regime, r -> new Regime(title, new LinkedHashMap<>())).paths().put(path,
                latencyMicros);
    }

    synchronized boolean isEmpty() {
        return regimes.isEmpty();
    }

    /** Writes the panels side by side into {@code png}; a non-empty {@code note} (a warning) goes under each. */
    synchronized void write(Path png, String note) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<XYChart> charts = new ArrayList<>();
        for (Regime regime : regimes.values()) {
            XYChart chart = new XYChartBuilder().width(760).height(520)
                    .title(regime.title())
                    .xAxisTitle("percentile of the chunks" + (note.isEmpty() ? "" : "   [" + note + "]"))
                    .yAxisTitle("latency per chunk, ms (log)").build();
            XYStyler style = chart.getStyler();
            style.setYAxisLogarithmic(true);
            style.setXAxisMin(0.0);
            style.setXAxisMax(100.0);
            style.setLegendPosition(Styler.LegendPosition.InsideNW);
            style.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            for (Map.Entry<String, Samples> path : regime.paths().entrySet()) {
                double[] y = new double[PERCENTILES.length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = Math.max(FLOOR_MS, path.getValue().percentile(PERCENTILES[i]) / 1000.0);
                }
                XYSeries series = chart.addSeries(path.getKey() + " (" + path.getValue().size() + " chunks)",
                        PERCENTILES, y);
                series.setMarker(SeriesMarkers.NONE);
                series.setLineColor(colour(path.getKey()));
                if (path.getKey().startsWith("direct")) {
                    series.setLineStyle(new BasicStroke(3f));
                }
            }
            charts.add(chart);
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The same colour for a path in every panel, in the order paths first appear. */
    private Color colour(String path) {
        Color[] palette = new XChartTheme().getSeriesColors();
        return colours.computeIfAbsent(path, p -> palette[colours.size() % palette.length]);
    }

    private static double[] percentiles() {
        List<Double> p = new ArrayList<>();
        for (double x = 0.5; x < 99; x += 0.5) {
            p.add(x);
        }
        for (double x : new double[]{99, 99.5, 99.9, 100}) {
            p.add(x);
        }
        return p.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
