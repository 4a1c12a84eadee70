package dev.cs231n.classic.solver;

import java.util.Random;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.Minibatches;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The course's {@code check_accuracy}: the fraction of examples whose highest-scoring class is the label, scoring
 * in chunks to bound memory, optionally on a random subsample drawn with replacement.
 */
public final class SolverAccuracy {

    /** Examples scored per chunk. */
    public static final int CHUNK = 1000;

    private SolverAccuracy() {
    }

    /**
     * @param model the model
     * @param x     features {@code [N, ...]}
     * @param y     N labels
     * @return the fraction of {@code argmax_c scores[n, c] == y[n]}
     */
    public static double of(SolverModel model, INDArray x, int[] y) {
        return Labels.accuracy(predict(model, x), y);
    }

    /**
     * @param model      the model
     * @param x          features {@code [N, ...]}
     * @param y          N labels
     * @param numSamples how many examples to draw with replacement when {@code N > numSamples}; 0 = all
     * @param rng        the generator of the subsample
     * @return the accuracy on the (sub)sample
     */
    public static double sampled(SolverModel model, INDArray x, int[] y, int numSamples, Random rng) {
        if (numSamples <= 0 || y.length <= numSamples) {
            return of(model, x, y);
        }
        int[] idx = Minibatches.sampleWithReplacement(y.length, numSamples, rng);
        return of(model, Minibatches.rows(x, idx), Minibatches.labels(y, idx));
    }

    /**
     * @param model the model
     * @param x     features {@code [N, ...]}
     * @return the highest-scoring class of each example
     */
    public static int[] predict(SolverModel model, INDArray x) {
        int n = (int) x.size(0);
        int[] pred = new int[n];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            INDArray chunk = n <= CHUNK ? x : x.get(chunkIndex(x.rank(), from, to));
            int[] p = model.scores(chunk).argMax(1).toIntVector();
            System.arraycopy(p, 0, pred, from, p.length);
        }
        return pred;
    }

    private static INDArrayIndex[] chunkIndex(int rank, int from, int to) {
        INDArrayIndex[] ix = new INDArrayIndex[rank];
        ix[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < rank; i++) {
            ix[i] = NDArrayIndex.all();
        }
        return ix;
    }
}
