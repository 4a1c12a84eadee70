package dev.cs231n.pipelines.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import dev.cs231n.classic.net.TwoLayerModelZip;
import dev.cs231n.classic.net.TwoLayerNet;
import dev.cs231n.classic.solver.ConsoleProgress;
import dev.cs231n.classic.solver.CourseSolver;
import dev.cs231n.classic.solver.SolverAccuracy;
import dev.cs231n.classic.solver.SolverData;
import dev.cs231n.classic.solver.SolverResult;
import dev.cs231n.classic.solver.SolverSettings;
import dev.cs231n.classic.solver.UpdateRuleKind;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.preprocess.MeanImageSubtraction;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.data.CourseArrays;
import dev.cs231n.pipelines.io.LossDivergedException;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.plot.ImageGrid;
import dev.cs231n.pipelines.plot.LinePlot;
import dev.cs231n.pipelines.plot.WeightImages;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n two-layer}: the course's two-layer net (affine - ReLU - affine - softmax, hand-derived backward)
 * trained by the course's Solver on CIFAR-10 pixels: 49,000 training / 1,000 validation images, the mean training
 * image subtracted from every split; evaluated on the course's test split (the first 1,000 test images) and on all
 * 10,000.
 *
 * <p>Defaults are the course's tuned setting: plain SGD, hidden size 100, 10 epochs of batch 200, learning-rate
 * decay 0.95 per epoch, weight scale 1e-3 (see the options for the learning rate and regularisation);
 * {@code --num-train N} trains on the first N training images only (the mean image is then theirs).
 *
 * <p>Writes to OUT: {@code metrics.json} ({@code val_accuracy}, {@code test_accuracy}, {@code test_accuracy_10k},
 * {@code train_seconds}, the settings, ...), {@code loss.png} (minibatch loss per iteration), {@code accuracy.png}
 * (train / val accuracy per epoch), {@code weights.png} (each hidden unit's 3072 first-layer weights as an image),
 * {@code model.zip} ({@link TwoLayerModelZip}: the net with the mean image) and {@code checkpoint.zip} (after every
 * epoch; {@code --resume} continues from it).
 */
@Command(name = "two-layer", mixinStandardHelpOptions = true,
        description = "The course's two-layer net (hand-derived backward) + Solver on CIFAR-10 pixels.")
public final class TwoLayerJob implements Callable<Integer> {

    /** The checkpoint's file name in OUT. */
    public static final String CHECKPOINT = "checkpoint.zip";
    /** The model's file name in OUT. */
    public static final String MODEL = "model.zip";

    /** Data types the net trains in. */
    enum Precision {
        FLOAT(DataType.FLOAT), DOUBLE(DataType.DOUBLE);

        private final DataType type;

        Precision(DataType type) {
            this.type = type;
        }
    }

    @Mixin
    private CommonOptions common;

    @Range(min = 1)
    @Option(names = "--hidden", paramLabel = "H", defaultValue = "100",
            description = "Hidden layer size (default: ${DEFAULT-VALUE}).")
    private int hidden;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3",
            description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Range(min = 0)
    @Option(names = "--reg", paramLabel = "R", defaultValue = "0.1",
            description = "L2 regularisation strength: loss + 0.5 R (|W1|^2 + |W2|^2) (default: ${DEFAULT-VALUE}).")
    private double reg;

    @Range(min = 1)
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    // no defaultValue where an alias sets the field: picocli would apply it after parsing, over the alias's value
    @Range(min = 1)
    @Option(names = "--batch-size", paramLabel = "B",
            description = "Minibatch size (default: ${DEFAULT-VALUE}; alias --batch).")
    private int batchSize = 200;

    @Option(names = "--update-rule", paramLabel = "RULE",
            description = "Update rule: ${COMPLETION-CANDIDATES} (default: sgd; alias --update).")
    private UpdateRuleKind updateRule = UpdateRuleKind.SGD;

    @Range(min = 0, minExclusive = true, max = 1)
    @Option(names = "--lr-decay", paramLabel = "F", defaultValue = "0.95",
            description = "Learning-rate factor applied after every epoch (default: ${DEFAULT-VALUE}).")
    private double lrDecay;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--weight-scale", paramLabel = "S", defaultValue = "1e-3",
            description = "Standard deviation of the initial weights (default: ${DEFAULT-VALUE}).")
    private double weightScale;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float",
            description = "Training precision: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Precision dtype;

    @Range(min = 1, max = 49000)
    @Option(names = "--num-train", paramLabel = "N", defaultValue = "49000",
            description = "Train on the first N of the course's 49,000 training images, for quick runs (default: "
                    + "${DEFAULT-VALUE}).")
    private int numTrain;

    @Option(names = "--resume", description = "Continue from OUT/" + CHECKPOINT + ": every setting must be the same as "
            + "the checkpoint's, except --epochs, which may grow; starts from the first epoch, saying so, when there "
            + "is no checkpoint yet.")
    private boolean resume;

    @Option(names = "--batch", paramLabel = "B", hidden = true, description = "Old name of --batch-size.")
    private void batchAlias(int v) {
        batchSize = v;
    }

    @Option(names = "--update", paramLabel = "RULE", hidden = true, description = "Old name of --update-rule.")
    private void updateRuleAlias(UpdateRuleKind v) {
        updateRule = v;
    }

    @Override
    public Integer call() throws Exception {
        SolverSettings settings = SolverSettings.builder(updateRule.create()).learningRate(lr).lrDecay(lrDecay)
                .batchSize(batchSize).numEpochs(epochs).seed(common.seed()).build();
        if (hidden < 1 || !(reg >= 0) || !(weightScale > 0)) {
            throw new IllegalArgumentException("--hidden must be >= 1, --reg >= 0 and --weight-scale > 0; got "
                    + hidden + ", " + reg + ", " + weightScale);
        }
        Path out = common.out();
        long t0 = System.nanoTime();
        CourseArrays data = CourseArrays.of(common.courseSplits(numTrain), FeatureLayout.FLAT, dtype.type,
                MeanImageSubtraction::fit);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "CIFAR-10: %d train / %d val / %d test (+%d), mean image subtracted, %.1f s%n",
                data.train().size(), data.val().size(), data.test().size(), data.testFull().size(), loadSeconds);

        int d = (int) data.train().x().size(1);
        TwoLayerNet net = TwoLayerNet.create(d, hidden, 10, weightScale, reg, dtype.type, common.seed());
        CourseSolver solver = new CourseSolver(net, new SolverData(data.train().x(), data.train().y(), data.val().x(),
                data.val().y()), settings).checkpointTo(out.resolve(CHECKPOINT))
                .recordSettings(modelSettings()).listener(new ConsoleProgress(System.out));
        resumeIfAsked(solver, out.resolve(CHECKPOINT));
        System.out.printf(Locale.ROOT, "two-layer %d-%d-10, %s lr %.3g decay %.3g reg %.3g, batch %d, %d epochs of "
                + "%d iterations, %s%n", d, hidden, settings.updateRule().name(), lr, lrDecay, reg, batchSize,
                epochs, solver.iterationsPerEpoch(), dtype.type);
        SolverResult r;
        try {
            r = solver.train();
        } catch (LossDivergedException e) {
            Metrics settingsRecord = new Metrics().put("num_train", numTrain).put("learning_rate", lr)
                    .put("lr_decay", lrDecay).put("reg", reg).put("batch_size", batchSize)
                    .put("update_rule", settings.updateRule().name()).put("seed", common.seed());
            throw e.record(out, settingsRecord);
        }

        double val = SolverAccuracy.of(net, data.val().x(), data.val().y());
        double test = SolverAccuracy.of(net, data.test().x(), data.test().y());
        double test10k = SolverAccuracy.of(net, data.testFull().x(), data.testFull().y());
        System.out.printf(Locale.ROOT, "best val accuracy %.4f (epoch %d); test %.4f (first 1,000), %.4f (all 10,000);"
                + " %.1f s training%n", val, r.bestEpoch(), test, test10k, r.trainSeconds());

        Metrics m = new Metrics();
        m.put("val_accuracy", val).put("test_accuracy", test).put("test_accuracy_10k", test10k);
        m.put("train_seconds", r.trainSeconds()).put("load_seconds", loadSeconds);
        m.put("best_epoch", r.bestEpoch()).put("epochs", r.epochs()).put("iterations", r.iterations());
        double[] acc = r.trainAccHistory();
        m.put("final_train_accuracy", acc.length == 0 ? 0 : acc[acc.length - 1]);
        m.put("final_loss", meanOfLast(r.lossHistory(), solver.iterationsPerEpoch()));
        m.put("num_train", numTrain).put("hidden_size", hidden).put("learning_rate", lr).put("lr_decay", lrDecay)
                .put("reg", reg);
        m.put("batch_size", batchSize).put("weight_scale", weightScale)
                .put("update_rule", settings.updateRule().name());
        m.put("dtype", dtype.type.toString()).put("seed", common.seed());

        writePlots(out, r);
        writeWeights(out, net);
        TwoLayerModelZip.write(out.resolve(MODEL), net, data.preprocessor());
        System.out.println("wrote " + m.write(out) + ", loss.png, accuracy.png, weights.png, " + MODEL);
        return 0;
    }

    /** The settings of the net that the solver's own do not cover; a resume must have the same. */
    private java.util.Map<String, Object> modelSettings() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("hidden_size", hidden);
        m.put("reg", reg);
        m.put("weight_scale", weightScale);
        m.put("dtype", dtype.type.toString());
        return m;
    }

    private void resumeIfAsked(CourseSolver solver, Path checkpoint) throws IOException {
        if (!resume) {
            return;
        }
        if (!Files.isRegularFile(checkpoint)) {
            System.out.println("--resume: no checkpoint at " + checkpoint + "; training from the start");
            return;
        }
        solver.resume(checkpoint);
        System.out.println("--resume: continuing from " + checkpoint + " after epoch " + solver.epoch()
                + " (learning rate " + String.format(Locale.ROOT, "%.3g", solver.learningRate()) + ")");
    }

    private static void writePlots(Path out, SolverResult r) throws IOException {
        double[] loss = r.lossHistory();
        double[] it = IntStream.rangeClosed(1, loss.length).asDoubleStream().toArray();
        new LinePlot("Training loss", "iteration", "minibatch loss").add("loss", it, loss)
                .write(out.resolve("loss.png"));
        double[] epochs = IntStream.range(0, r.trainAccHistory().length).asDoubleStream().toArray();
        new LinePlot("Classification accuracy", "epoch", "accuracy").add("train (1,000 sampled)", epochs,
                r.trainAccHistory()).add("val", epochs, r.valAccHistory()).write(out.resolve("accuracy.png"));
    }

    /** Each hidden unit's first-layer weights (a column of W1, 3072 values in CHW order) as a 32x32 image. */
    private static void writeWeights(Path out, TwoLayerNet net) throws IOException {
        INDArray units = net.params().get(TwoLayerNet.W1).transpose().dup('c');
        int perRow = 10;
        List<List<int[]>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int from = 0; from < units.size(0); from += perRow) {
            List<int[]> row = new ArrayList<>();
            int to = (int) Math.min(units.size(0), from + perRow);
            for (int h = from; h < to; h++) {
                row.add(WeightImages.toArgb(units.getRow(h).toDoubleVector(), 32));
            }
            rows.add(row);
            labels.add("h " + from + "-" + (to - 1));
        }
        ImageGrid.write(rows, labels, 32, 2, out.resolve("weights.png"));
    }

    private static double meanOfLast(double[] v, int n) {
        int from = Math.max(0, v.length - n);
        double s = 0;
        for (int i = from; i < v.length; i++) {
            s += v[i];
        }
        return v.length == from ? 0 : s / (v.length - from);
    }
}
