package dev.cs231n.pipelines.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.layers.DataLoss;
import dev.cs231n.classic.linear.GridResult;
import dev.cs231n.classic.linear.LinearGrid;
import dev.cs231n.classic.linear.LinearGridSearch;
import dev.cs231n.classic.linear.LinearModel;
import dev.cs231n.classic.linear.LinearModelFile;
import dev.cs231n.classic.linear.SgdSettings;
import dev.cs231n.classic.linear.WeightTemplates;
import dev.cs231n.datavec.cifar.CifarClasses;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.preprocess.BiasTrick;
import dev.cs231n.datavec.cifar.preprocess.MeanImageSubtraction;
import dev.cs231n.datavec.cifar.preprocess.PreprocessorChain;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.data.CourseArrays;
import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.plot.LinePlot;
import dev.cs231n.pipelines.search.LinearSweep;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Mixin;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Option;

/**
 * The shared body of the {@code svm} and {@code softmax} jobs (the course's linear classifiers on raw pixels):
 * <ol>
 *   <li>the course's splits (49,000 train, or the first {@code --num-train}; 1,000 val; 1,000 test, plus all
 *       10,000 test images), float32 {@code [N, 3072]}, minus the training split's mean image, with the bias trick
 *       ({@code [N, 3073]});</li>
 *   <li>minibatch SGD ({@code --iterations} steps of {@code --batch-size} drawn with replacement, weights
 *       {@code 0.001 N(0,1)}) for every {@code --lrs} x {@code --regs} (default: {@link
 *       #DEFAULT_LEARNING_RATES} x {@link #DEFAULT_REGS}), chosen on validation accuracy;</li>
 *   <li>the best setting evaluated once on the test split (and on all 10,000 test images).</li>
 * </ol>
 * Writes {@code OUT/metrics.json} ({@code val_accuracy}, {@code test_accuracy}, {@code test_accuracy_10k},
 * {@code train_accuracy}, {@code best_lr}, {@code best_reg}, {@code train_seconds} = SGD time over the whole grid,
 * {@code best_setting_seconds}, ...), {@code OUT/grid.csv} (every setting), {@code OUT/weights.png} (the class
 * templates), {@code OUT/loss_history.png} (best setting) and {@code OUT/model.zip} ({@link LinearModelFile}: W, the
 * mean image and the bias trick). Deterministic from {@code --seed}.
 */
abstract class LinearClassifierJob implements Callable<Integer> {

    /**
     * Learning rates of the default grid: the course's 1e-7 and 5e-7 and their neighbours. With 1,500 steps of 200 on
     * raw pixels minus the mean, the course's reg 2.5e4 and 5e4 underfit (softmax val ~0.34), so the default regs
     * reach down to 1e3; chosen on validation accuracy only.
     */
    static final double[] DEFAULT_LEARNING_RATES = {1e-7, 2e-7, 5e-7, 1e-6};

    /** Regularisation strengths of the default grid (see {@link #DEFAULT_LEARNING_RATES}). */
    static final double[] DEFAULT_REGS = {1e3, 2.5e3, 5e3, 1e4, 2.5e4, 5e4};

    @Mixin
    private CommonOptions common;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--lrs", split = ",", paramLabel = "LR",
            description = "Learning rates of the grid (default: 1e-7,2e-7,5e-7,1e-6; alias --learning-rates).")
    private double[] learningRates;

    @Range(min = 0)
    @Option(names = "--regs", split = ",", paramLabel = "REG",
            description = "Regularisation strengths of the grid (default: 1e3,2.5e3,5e3,1e4,2.5e4,5e4).")
    private double[] regs;

    @Range(min = 1)
    @Option(names = "--iterations", defaultValue = "1500",
            description = "SGD steps per setting (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Range(min = 1, max = 49000)
    @Option(names = "--num-train", paramLabel = "N", defaultValue = "49000",
            description = "Train on the first N of the course's 49,000 training images, for quick runs (default: "
                    + "${DEFAULT-VALUE}).")
    private int numTrain;

    // no defaultValue where an alias sets the field: picocli would apply it after parsing, over the alias's value
    @Range(min = 1)
    @Option(names = "--batch-size", paramLabel = "B",
            description = "Minibatch size (default: ${DEFAULT-VALUE}; alias --batch).")
    private int batchSize = SgdSettings.COURSE_BATCH_SIZE;

    @Option(names = "--resume", description = "Continue the grid in OUT/search.db: settings already trained are "
            + "kept, the rest trained (the grid must be the same).")
    private boolean resume;

    @Option(names = "--learning-rates", split = ",", paramLabel = "LR", hidden = true,
            description = "Old name of --lrs.")
    private void learningRatesAlias(double[] v) {
        learningRates = v;
    }

    @Option(names = "--batch", paramLabel = "B", hidden = true, description = "Old name of --batch-size.")
    private void batchAlias(int v) {
        batchSize = v;
    }

    /** @return the data loss */
    abstract DataLoss loss();

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        DataLoss loss = loss();
        CourseArrays data = CourseArrays.of(common.courseSplits(numTrain), FeatureLayout.FLAT, DataType.FLOAT,
                d -> PreprocessorChain.of(MeanImageSubtraction.fit(d), BiasTrick.INSTANCE));
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: train %d / val %d / test %d images, features %d (mean image subtracted, "
                + "bias column), loaded in %.1f s%n", loss.id(), data.train().size(), data.val().size(),
                data.test().size(), data.train().x().size(1), loadSeconds);
        LinearGrid grid = new LinearGrid(learningRates == null ? DEFAULT_LEARNING_RATES : learningRates,
                regs == null ? DEFAULT_REGS : regs, iterations, batchSize, common.seed());
        List<GridResult> results = LinearSweep.run("search", loss, grid, data.train().x(), data.train().y(),
                data.val().x(), data.val().y(), data.preprocessor(), common.out());
        GridResult best = LinearGridSearch.best(results.stream().filter(r -> r.classifier() != null).toList());
        SgdSettings s = best.settings();
        double test = Labels.accuracy(best.classifier().predict(data.test().x()), data.test().y());
        double test10k = Labels.accuracy(best.classifier().predict(data.testFull().x()), data.testFull().y());
        System.out.printf(Locale.ROOT, "best: lr %.3g, reg %.3g: val accuracy %.4f; test accuracy %.4f "
                + "(all 10,000: %.4f)%n", s.learningRate(), s.reg(), best.valAccuracy(), test, test10k);

        Metrics m = new Metrics();
        m.put("loss", loss.id()).put("val_accuracy", best.valAccuracy()).put("test_accuracy", test)
                .put("test_accuracy_10k", test10k).put("train_accuracy", best.trainAccuracy())
                .put("best_lr", s.learningRate()).put("best_reg", s.reg())
                .put("train_seconds", results.stream().mapToDouble(GridResult::seconds).sum())
                .put("best_setting_seconds", best.seconds()).put("final_loss", best.finalLoss())
                .put("grid_size", grid.size()).put("num_train", numTrain).put("iterations", iterations)
                .put("batch_size", batchSize)
                .put("load_seconds", loadSeconds);

        Path out = common.out();
        AtomicFiles.writeString(out.resolve("grid.csv"), csv(results));
        WeightTemplates.write(best.classifier().weights(), CifarClasses.NAMES, out.resolve("weights.png"));
        double[] it = new double[best.lossHistory().length];
        for (int i = 0; i < it.length; i++) {
            it[i] = i;
        }
        new LinePlot(String.format(Locale.ROOT, "%s loss (lr %.3g, reg %.3g)", loss.id(), s.learningRate(),
                s.reg()), "iteration", "minibatch loss").add("loss", it, best.lossHistory())
                .write(out.resolve("loss_history.png"));
        LinearModelFile.write(out.resolve("model.zip"), new LinearModel(best.classifier(), data.preprocessor()));
        System.out.println("wrote " + m.write(out) + ", grid.csv, weights.png, loss_history.png, model.zip in " + out);
        return 0;
    }

    private static String csv(List<GridResult> results) {
        StringBuilder b = new StringBuilder("lr,reg,train_accuracy,val_accuracy,final_loss,seconds\n");
        for (GridResult r : results) {
            b.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.6g,%.2f%n", r.settings().learningRate(),
                    r.settings().reg(), r.trainAccuracy(), r.valAccuracy(), r.finalLoss(), r.seconds()));
        }
        return b.toString();
    }
}
