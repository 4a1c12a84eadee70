package dev.cs231n.classic;

import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches by index, for the linear classifiers' SGD and the solver: the course's {@code np.random.choice(N, B)}
 * (uniform, with replacement), features {@code x[idx]} with one native row gather (rows of the flattened
 * {@code [N, D]} view, reshaped back to {@code [B, ...]}) and labels {@code y[idx]}.
 */
public final class Minibatches {

    private Minibatches() {
    }

    /**
     * @param n   population size
     * @param k   how many to draw
     * @param rng the generator
     * @return k indices in {@code 0 .. n-1}, drawn uniformly with replacement
     */
    public static int[] sampleWithReplacement(int n, int k, Random rng) {
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = rng.nextInt(n);
        }
        return idx;
    }

    /**
     * @param x   features {@code [N, ...]}, c-contiguous
     * @param idx row indices
     * @return {@code x[idx]}, shape {@code [idx.length, ...]}, a new c-order array
     */
    public static INDArray rows(INDArray x, int[] idx) {
        long n = x.size(0);
        INDArray flat = x.rank() == 2 ? x : x.reshape('c', n, x.length() / n);
        INDArray out = Nd4j.pullRows(flat, 1, idx, 'c');
        if (x.rank() == 2) {
            return out;
        }
        long[] shape = x.shape().clone();
        shape[0] = idx.length;
        return out.reshape('c', shape);
    }

    /**
     * @param y   labels
     * @param idx indices
     * @return {@code y[idx]}
     */
    public static int[] labels(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }
}
