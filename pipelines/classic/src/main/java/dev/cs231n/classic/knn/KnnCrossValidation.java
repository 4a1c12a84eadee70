package dev.cs231n.classic.knn;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

import dev.cs231n.classic.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The course's cross-validation of k: the training rows are cut into contiguous folds ({@link Folds}, as numpy's
 * {@code array_split}); for each fold, a {@link KNearestNeighbor} on the other folds (concatenated in their original
 * order, so distance ties still go to the lower original index) classifies the held-out fold for every candidate
 * k. One distance matrix and one ranking (to the largest k) per fold serve all k.
 */
public final class KnnCrossValidation {

    private KnnCrossValidation() {
    }

    /**
     * @param x          training features {@code [N, D]}
     * @param y          N labels
     * @param numClasses C
     * @param metric     the distance
     * @param folds      number of folds
     * @param ks         candidate k, each at most the size of the smallest training part
     * @param log        receives one progress line per fold
     * @return accuracies per k and fold
     */
    public static CrossValidation run(INDArray x, int[] y, int numClasses, DistanceMetric metric, int folds,
            int[] ks, Consumer<String> log) {
        if (x.rank() != 2 || x.size(0) != y.length) {
            throw new IllegalArgumentException("x must be [N, D] with N = " + y.length + " labels, got "
                    + Arrays.toString(x.shape()));
        }
        if (ks.length == 0) {
            throw new IllegalArgumentException("no candidate k given");
        }
        Folds split = new Folds(y.length, folds);
        int kMax = Arrays.stream(ks).max().orElseThrow();
        double[][] accuracy = new double[ks.length][folds];
        for (int f = 0; f < folds; f++) {
            long t0 = System.nanoTime();
            int from = split.start(f);
            int to = split.end(f);
            INDArray xVal = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray xRest = rowsOutside(x, from, to);
            int[] yVal = Arrays.copyOfRange(y, from, to);
            int[] yRest = new int[y.length - (to - from)];
            System.arraycopy(y, 0, yRest, 0, from);
            System.arraycopy(y, to, yRest, from, y.length - to);
            KNearestNeighbor knn = new KNearestNeighbor(xRest, yRest, numClasses, metric);
            int[][] ranked = NeighbourRanking.rank(knn.distances(xVal), kMax);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "fold %d/%d (rows %d..%d):", f + 1, folds, from, to - 1));
            for (int i = 0; i < ks.length; i++) {
                accuracy[i][f] = Labels.accuracy(knn.vote(ranked, ks[i]), yVal);
                line.append(String.format(Locale.ROOT, " k=%d %.3f", ks[i], accuracy[i][f]));
            }
            line.append(String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - t0) / 1e9));
            log.accept(line.toString());
        }
        return new CrossValidation(ks.clone(), accuracy);
    }

    /** Rows {@code [0, from)} and {@code [to, N)} of x, in order, as one new array. */
    private static INDArray rowsOutside(INDArray x, int from, int to) {
        long n = x.size(0);
        if (from == 0) {
            return x.get(NDArrayIndex.interval(to, n), NDArrayIndex.all()).dup();
        }
        if (to == n) {
            return x.get(NDArrayIndex.interval(0, from), NDArrayIndex.all()).dup();
        }
        return Nd4j.vstack(x.get(NDArrayIndex.interval(0, from), NDArrayIndex.all()),
                x.get(NDArrayIndex.interval(to, n), NDArrayIndex.all()));
    }
}
