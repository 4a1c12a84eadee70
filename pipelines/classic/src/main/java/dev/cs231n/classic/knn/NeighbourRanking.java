package dev.cs231n.classic.knn;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code kMax} nearest training rows of each test row, nearest first, ordered as a stable sort of the
 * distances would order them (numpy's {@code argsort(kind="stable")}): equal distances keep the lower training
 * index first.
 *
 * <p>Per row: a primitive sort of a copy of the distances gives the {@code kMax}-th smallest value {@code t}; the
 * indices with distance {@code <= t} (at least {@code kMax}, more on ties at {@code t}) are collected in index
 * order and sorted by distance with a stable sort, and the first {@code kMax} kept. Rows are ranked in parallel.
 * This is a per-row selection that ND4J has no stable operation for, hence plain Java on the copied distances.
 */
public final class NeighbourRanking {

    private NeighbourRanking() {
    }

    /**
     * @param distances {@code [M, N]}, no NaN
     * @param kMax      how many neighbours to keep, {@code 1 .. N}
     * @return {@code [M][kMax]} training indices, nearest first
     */
    public static int[][] rank(INDArray distances, int kMax) {
        if (distances.rank() != 2) {
            throw new IllegalArgumentException("distances must be [M, N], got "
                    + Arrays.toString(distances.shape()));
        }
        long n = distances.size(1);
        if (kMax < 1 || kMax > n) {
            throw new IllegalArgumentException("k must be in 1.." + n + " (the number of training rows), got " + kMax);
        }
        double[][] rows = distances.toDoubleMatrix();
        int[][] out = new int[rows.length][];
        IntStream.range(0, rows.length).parallel().forEach(i -> out[i] = rankRow(rows[i], kMax, i));
        return out;
    }

    /**
     * @param d    one test row's distances
     * @param kMax neighbours to keep
     * @param row  the row's index (for error messages)
     * @return the {@code kMax} nearest indices, nearest first, ties to the lower index
     */
    static int[] rankRow(double[] d, int kMax, int row) {
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("distance row " + row + " contains NaN");
        }
        double threshold = sorted[kMax - 1];
        int count = 0;
        for (double v : d) {
            if (v <= threshold) {
                count++;
            }
        }
        Integer[] candidates = new Integer[count];
        int c = 0;
        for (int j = 0; j < d.length; j++) {
            if (d[j] <= threshold) {
                candidates[c++] = j;
            }
        }
        // Arrays.sort on objects is a stable merge sort: equal distances keep ascending index order.
        Arrays.sort(candidates, (a, b) -> Double.compare(d[a], d[b]));
        int[] nearest = new int[kMax];
        for (int k = 0; k < kMax; k++) {
            nearest[k] = candidates[k];
        }
        return nearest;
    }
}
