package dev.cs231n.pipelines.jobs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.knn.CrossValidation;
import dev.cs231n.classic.knn.DistanceMetric;
import dev.cs231n.classic.knn.KNearestNeighbor;
import dev.cs231n.classic.knn.KnnCrossValidation;
import dev.cs231n.classic.knn.NeighbourRanking;
import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.plot.LinePlot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs231n knn}: the course's k-nearest-neighbour protocol on raw pixels. Training subset = the first
 * {@code --num-train} (5,000) training images, test subset = the first {@code --num-test} (500) test images, raw
 * pixel values 0..255 as float64 {@code [N, 3072]} (no preprocessing). Then:
 * <ol>
 *   <li>test accuracy for k = 1 and k = 5;</li>
 *   <li>{@code --folds}-fold cross-validation (contiguous folds, numpy's {@code array_split}) of every {@code --ks}
 *       on the training subset, plotted as mean &plusmn; standard deviation per k;</li>
 *   <li>the best k (highest mean, ties to the smaller k) on the test subset.</li>
 * </ol>
 * Distances are L2 by the no-loop formula, or L1 with {@code --l1}; votes go to the smallest label on ties.
 * Nothing is random (--seed is unused).
 *
 * <p>Writes {@code OUT/metrics.json}: {@code test_accuracy_k1}, {@code test_accuracy_k5}, {@code cv_accuracy_kK}
 * and {@code cv_std_kK} for each k, {@code best_k}, {@code test_accuracy_best_k}, {@code distance},
 * {@code num_train}, {@code num_test}, {@code folds}, {@code seconds}; and {@code OUT/cv_accuracy.png}.
 */
@Command(name = "knn", mixinStandardHelpOptions = true,
        description = "k-nearest neighbours on raw CIFAR-10 pixels: test accuracy, cross-validation of k, best k.")
public final class KnnJob implements Callable<Integer> {

    /** The course's candidate k. */
    static final int[] COURSE_KS = {1, 3, 5, 8, 10, 12, 15, 20, 50, 100};

    @Mixin
    private CommonOptions common;

    @Range(min = 1, max = 50000)
    @Option(names = "--num-train", defaultValue = "5000",
            description = "Training images used: the first N (default: ${DEFAULT-VALUE}).")
    private int numTrain;

    @Range(min = 1, max = 10000)
    @Option(names = "--num-test", defaultValue = "500",
            description = "Test images used: the first N (default: ${DEFAULT-VALUE}).")
    private int numTest;

    @Range(min = 2)
    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    private int folds;

    @Range(min = 1)
    @Option(names = "--ks", split = ",", paramLabel = "K",
            description = "Candidate k for cross-validation (default: 1,3,5,8,10,12,15,20,50,100; alias --k).")
    private int[] ks;

    @Option(names = "--k", split = ",", paramLabel = "K", hidden = true, description = "Old name of --ks.")
    private void ksAlias(int[] v) {
        ks = v;
    }

    @Option(names = "--l1", description = "Manhattan (L1) instead of Euclidean distance.")
    private boolean l1;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        int[] candidates = ks == null ? COURSE_KS : ks;
        DistanceMetric metric = l1 ? DistanceMetric.L1 : DistanceMetric.L2;
        CifarDataset train = common.cifarTrainSet();
        CifarDataset test = common.cifarTestSet();
        checkSize("--num-train", numTrain, train.size());
        checkSize("--num-test", numTest, test.size());
        train = train.range(0, numTrain);
        test = test.range(0, numTest);
        INDArray xTrain = CifarTensors.features(train, FeatureLayout.FLAT, DataType.DOUBLE);
        INDArray xTest = CifarTensors.features(test, FeatureLayout.FLAT, DataType.DOUBLE);
        int[] yTest = test.labels();
        System.out.printf(Locale.ROOT, "knn: %s distance, %d training / %d test images from %s%n",
                metric.name(), numTrain, numTest, common.cifarBatches());

        KNearestNeighbor knn = new KNearestNeighbor(xTrain, train.labels(), CifarFormat.NUM_CLASSES, metric);
        INDArray testDistances = knn.distances(xTest);
        int[][] ranked = NeighbourRanking.rank(testDistances, Math.min(numTrain, Math.max(5, maxOf(candidates))));
        Metrics m = new Metrics();
        m.put("distance", metric.name().toLowerCase(Locale.ROOT)).put("num_train", numTrain).put("num_test", numTest);
        double k1 = Labels.accuracy(knn.vote(ranked, 1), yTest);
        double k5 = Labels.accuracy(knn.vote(ranked, 5), yTest);
        System.out.printf(Locale.ROOT, "test accuracy: k=1 %.4f, k=5 %.4f%n", k1, k5);
        m.put("test_accuracy_k1", k1).put("test_accuracy_k5", k5);

        System.out.printf(Locale.ROOT, "%d-fold cross-validation over k = %s%n", folds, Arrays.toString(candidates));
        CrossValidation cv = KnnCrossValidation.run(xTrain, train.labels(), CifarFormat.NUM_CLASSES, metric, folds,
                candidates, line -> System.out.println("  " + line));
        double[] kx = new double[candidates.length];
        double[] mean = new double[candidates.length];
        double[] std = new double[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            kx[i] = candidates[i];
            mean[i] = cv.mean(i);
            std[i] = cv.std(i);
            System.out.printf(Locale.ROOT, "  k=%-3d mean %.4f std %.4f%n", candidates[i], mean[i], std[i]);
            m.put("cv_accuracy_k" + candidates[i], mean[i]).put("cv_std_k" + candidates[i], std[i]);
        }
        int bestK = cv.bestK();
        double best = Labels.accuracy(knn.vote(ranked, bestK), yTest);
        System.out.printf(Locale.ROOT, "best k = %d: test accuracy %.4f%n", bestK, best);
        m.put("folds", folds).put("best_k", bestK).put("test_accuracy_best_k", best);
        m.put("seconds", (System.nanoTime() - start) / 1e9);

        Path out = common.out();
        Path png = out.resolve("cv_accuracy.png");
        new LinePlot("Cross-validation on k (" + metric.name() + ", " + folds + " folds of " + numTrain + ")", "k",
                "accuracy").addWithErrorBars("mean ± std over folds", kx, mean, std).write(png);
        System.out.println("wrote " + m.write(out) + " and " + png);
        return 0;
    }

    private static void checkSize(String option, int value, int available) {
        if (value < 1 || value > available) {
            throw new IllegalArgumentException(option + " must be in 1.." + available + ", got " + value);
        }
    }

    private static int maxOf(int[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("--ks needs at least one value");
        }
        return Arrays.stream(values).max().orElseThrow();
    }
}
