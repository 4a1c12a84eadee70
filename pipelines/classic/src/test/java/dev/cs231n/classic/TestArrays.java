package dev.cs231n.classic;

import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded random float64 test arrays (java.util.Random, so the same on every backend and release). */
public final class TestArrays {

    private TestArrays() {
    }

    /**
     * @param seed seed
     * @param rows rows
     * @param cols columns
     * @return {@code [rows, cols]} of N(0, 1) values, DOUBLE, c-order
     */
    public static INDArray gaussian(long seed, int rows, int cols) {
        Random r = new Random(seed);
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return Nd4j.createFromArray(v);
    }

    /**
     * @param seed seed
     * @param n    how many
     * @param max  exclusive bound
     * @return n uniform integers in {@code 0 .. max-1}
     */
    public static int[] ints(long seed, int n, int max) {
        return new Random(seed).ints(n, 0, max).toArray();
    }
}
