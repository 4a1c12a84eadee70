package dev.cs231n.classic.solver;

import java.util.Random;

import dev.cs231n.classic.Arrays64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small labelled data sets for solver tests: Gaussian blobs around random class centres. */
final class Synthetic {

    /**
     * @param x features
     * @param y labels
     */
    record Set(INDArray x, int[] y) {
    }

    private Synthetic() {
    }

    /**
     * @param n       examples
     * @param d       dimension
     * @param classes classes
     * @param noise   standard deviation around the unit-variance centres
     * @param seed    seed (the centres depend on it and on d, classes only through {@code centreSeed})
     * @param centreSeed seed of the class centres, shared by the splits of one problem
     * @return FLOAT features {@code [n, d]} and labels
     */
    static Set blobs(int n, int d, int classes, double noise, long seed, long centreSeed) {
        INDArray centres = Arrays64.randn(new Random(centreSeed), classes, d);
        Random rng = new Random(seed);
        int[] y = Arrays64.labels(rng, n, classes);
        INDArray x = Arrays64.randn(rng, n, d).muli(noise);
        for (int i = 0; i < n; i++) {
            x.getRow(i).addi(centres.getRow(y[i]));
        }
        return new Set(x.castTo(DataType.FLOAT), y);
    }

    /**
     * @param n    examples
     * @param d    dimension
     * @param seed seed
     * @return FLOAT standard-normal features with uniformly random labels over 10 classes (no signal: a net can
     *         only memorise them)
     */
    static Set noise(int n, int d, long seed) {
        Random rng = new Random(seed);
        return new Set(Arrays64.randn(rng, n, d).castTo(DataType.FLOAT), Arrays64.labels(rng, n, 10));
    }
}
