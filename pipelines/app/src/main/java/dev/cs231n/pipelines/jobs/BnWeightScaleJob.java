package dev.cs231n.pipelines.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.preprocess.MeanImageSubtraction;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.nn.FcNets;
import dev.cs231n.pipelines.nn.NormKind;
import dev.cs231n.pipelines.nn.UpdateRule;
import dev.cs231n.pipelines.plot.LinePlot;
import dev.cs231n.pipelines.train.Checkpoint;
import dev.cs231n.pipelines.train.CifarTraining;
import dev.cs231n.pipelines.train.TrainState;
import dev.cs231n.pipelines.train.Trainer;
import org.apache.commons.io.FileUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n bn-weight-scale}: the course's "batch normalization and initialization" experiment. Deep
 * fully-connected nets (seven hidden layers of 50 by default) are trained on the first 1,000 training images,
 * without and with our {@code BatchNorm}, for weight-initialisation scales {@code s} (weights drawn from
 * {@code N(0, s²)}) log-spaced from 1e-4 to 1; the best validation accuracy, the best training accuracy and the
 * final training loss of each run are plotted against {@code s} ({@code weight_scale.png}) and the training losses
 * of a few scales per epoch ({@code loss_curves.png}).
 *
 * <p>Each finished run is recorded in {@code OUT/results.json} at once; {@code --resume} skips the recorded runs
 * and continues an interrupted one from its epoch checkpoint.
 */
@Command(name = "bn-weight-scale", mixinStandardHelpOptions = true,
        description = "The course's batchnorm vs weight-initialisation-scale experiment (PNG plots, --resume).")
public final class BnWeightScaleJob implements Callable<Integer> {

    /** Version of results.json. */
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    private CommonOptions common;

    @Range(min = 2)
    @Option(names = "--scales", defaultValue = "20",
            description = "Number of weight scales, log-spaced from 1e-4 to 1 (default: ${DEFAULT-VALUE}).")
    private int scales;

    @Range(min = 1, max = 49000)
    @Option(names = "--num-train", defaultValue = "1000",
            description = "Training images, the first of the training split (default: ${DEFAULT-VALUE}).")
    private int numTrain;

    @Range(min = 1)
    @Option(names = "--hidden", defaultValue = "50,50,50,50,50,50,50", split = ",",
            description = "Hidden layer sizes (default: ${DEFAULT-VALUE}).")
    private int[] hidden;

    @Range(min = 1)
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Range(min = 1)
    @Option(names = "--batch-size", paramLabel = "B",
            description = "Minibatch size (default: ${DEFAULT-VALUE}; alias --batch).")
    private int batch = 50;

    @Option(names = "--batch", paramLabel = "B", hidden = true, description = "Old name of --batch-size.")
    private void batchAlias(int v) {
        batch = v;
    }

    @Range(min = 0, minExclusive = true)
    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Option(names = "--resume", description = "Keep the runs recorded in OUT/results.json and continue: the settings "
            + "must be the same; starts from the first run, saying so, when there is no results.json yet.")
    private boolean resume;

    /** What results.json holds: the settings it was made with and one training history per finished run. */
    public static final class Results {
        /** Format version. */
        public int format = FORMAT;
        /** The settings, as text; a resumed job must have the same. */
        public String settings;
        /** Run key ({@code none@1.0e-04}) to its history. */
        public Map<String, TrainState> runs = new LinkedHashMap<>();
    }

    @Override
    public Integer call() throws Exception {
        if (scales < 2) {
            throw new IllegalArgumentException("bn-weight-scale: --scales must be at least 2, got " + scales);
        }
        CifarSplits s = common.courseSplits(numTrain);
        MeanImageSubtraction pre = MeanImageSubtraction.fit(s.train());
        double[] ws = logspace(-4, 0, scales);
        Path resultsFile = common.out().resolve("results.json");
        Results results = start(resultsFile);
        NormKind[] norms = {NormKind.NONE, NormKind.BATCH};
        int total = ws.length * norms.length;
        for (double w : ws) {
            for (NormKind norm : norms) {
                String key = key(norm, w);
                if (results.runs.containsKey(key)) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "run %d/%d: %s%n", results.runs.size() + 1, total, key);
                Path dir = common.out().resolve("work").resolve(key.replace('@', '-'));
                MultiLayerNetwork net = new MultiLayerNetwork(FcNets.conf(FcNets.Spec.builder().inputSize(3072)
                        .hidden(hidden).norm(norm).weightScale(w).updater(UpdateRule.ADAM.updater(lr, 1.0))
                        .dataType(DataType.FLOAT).seed(common.seed()).build()));
                net.init();
                CifarTraining training = CifarTraining.builder(s, pre).epochs(epochs).batchSize(batch)
                        .seed(common.seed()).layout(FeatureLayout.FLAT).dataType(DataType.FLOAT).out(dir)
                        .resume(Checkpoint.exists(dir)).stopOnDivergence(false).build();
                results.runs.put(key, training.fit(net).state());
                write(resultsFile, results);
                FileUtils.deleteDirectory(dir.toFile());
            }
        }
        Files.deleteIfExists(common.out().resolve("work"));
        report(results, ws, norms);
        return 0;
    }

    private String settings() {
        return String.format(Locale.ROOT, "scales %d in [1e-4, 1], train %d, hidden %s, epochs %d, batch %d, "
                + "adam %s, seed %d", scales, numTrain, Arrays.toString(hidden), epochs, batch, lr, common.seed());
    }

    private Results start(Path file) throws IOException {
        if (resume && Files.exists(file)) {
            Results r;
            try {
                r = MAPPER.readValue(Files.readAllBytes(file), Results.class);
            } catch (IOException e) {
                throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
            }
            if (r.format != FORMAT) {
                throw new IOException(file + " has format " + r.format + ", this build reads " + FORMAT);
            }
            if (!settings().equals(r.settings)) {
                throw new IllegalArgumentException("--resume: " + file + " was made with '" + r.settings
                        + "', not '" + settings() + "'; use the same options or another --out");
            }
            System.out.println("resuming: " + r.runs.size() + " runs recorded in " + file);
            return r;
        }
        if (!resume) {
            FileUtils.deleteDirectory(common.out().resolve("work").toFile());
        } else {
            System.out.println("--resume: no checkpoint at " + file + "; training from the start");
        }
        Results r = new Results();
        r.settings = settings();
        return r;
    }

    private static void write(Path file, Results r) throws IOException {
        AtomicFiles.write(file, out -> MAPPER.writeValue(out, r));
    }

    static String key(NormKind norm, double scale) {
        return String.format(Locale.ROOT, "%s@%.1e", norm.name().toLowerCase(Locale.ROOT), scale);
    }

    /**
     * @param from first exponent
     * @param to   last exponent
     * @param n    number of values, at least 2
     * @return {@code 10^from ... 10^to}, n values with evenly spaced exponents (numpy's {@code logspace})
     */
    static double[] logspace(double from, double to, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.pow(10, from + (to - from) * i / (n - 1));
        }
        return v;
    }

    private void report(Results results, double[] ws, NormKind[] norms) throws IOException {
        Path out = common.out();
        LinePlot val = new LinePlot("Best validation accuracy vs weight initialization scale", "weight scale",
                "best val accuracy").logX();
        LinePlot train = new LinePlot("Best training accuracy vs weight initialization scale", "weight scale",
                "best train accuracy").logX();
        LinePlot loss = new LinePlot("Final training loss vs weight initialization scale", "weight scale",
                "mean loss of the last epoch").logX();
        LinePlot curves = new LinePlot("Training loss per epoch", "epoch", "mean loss");
        Metrics m = new Metrics().put("runs", (long) results.runs.size());
        int[] shown = java.util.stream.IntStream.of(0, ws.length / 3, 2 * ws.length / 3, ws.length - 1).distinct()
                .toArray();
        for (NormKind norm : norms) {
            String label = norm == NormKind.NONE ? "baseline" : "batchnorm";
            double[] bestVal = new double[ws.length];
            double[] bestTrain = new double[ws.length];
            double[] finalLoss = new double[ws.length];
            for (int i = 0; i < ws.length; i++) {
                TrainState st = results.runs.get(key(norm, ws[i]));
                bestVal[i] = st.bestValue;
                bestTrain[i] = Arrays.stream(st.metricArray(Trainer.TRAIN_ACCURACY)).max().orElse(0);
                finalLoss[i] = st.trainLoss.get(st.trainLoss.size() - 1);
            }
            val.add(label, ws, bestVal);
            train.add(label, ws, bestTrain);
            loss.add(label, ws, finalLoss);
            for (int i : shown) {
                TrainState st = results.runs.get(key(norm, ws[i]));
                curves.add(String.format(Locale.ROOT, "%s, scale %.1e", label, ws[i]), st.epochAxis(),
                        st.trainLossArray());
            }
            String p = norm == NormKind.NONE ? "baseline" : "batchnorm";
            m.put(p + "_best_val_accuracy_max", Arrays.stream(bestVal).max().orElse(0));
            m.put(p + "_best_val_accuracy_median", median(bestVal));
            m.put(p + "_scales_above_0_2_val", Arrays.stream(bestVal).filter(v -> v > 0.2).count());
            System.out.printf(Locale.ROOT, "%-9s best val per scale: %s%n", label, format(bestVal));
        }
        System.out.printf(Locale.ROOT, "scales:             %s%n", format(ws));
        LinePlot.writeStacked(out.resolve("weight_scale.png"), val, train, loss);
        curves.write(out.resolve("loss_curves.png"));
        m.write(out);
        System.out.println("wrote " + out.resolve("weight_scale.png") + ", loss_curves.png, metrics.json");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String format(double[] v) {
        List<String> parts = new ArrayList<>();
        for (double d : v) {
            parts.add(String.format(Locale.ROOT, d < 0.01 ? "%.0e" : "%.2f", d));
        }
        return String.join(" ", parts);
    }
}
