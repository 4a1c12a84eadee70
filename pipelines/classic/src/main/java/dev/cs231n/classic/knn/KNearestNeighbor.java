package dev.cs231n.classic.knn;

import java.util.Arrays;

import dev.cs231n.classic.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's k-nearest-neighbour classifier: "training" memorises {@code xTrain [N, D]} and its labels; a test
 * row gets the label held by most of its k nearest training rows ({@link NeighbourRanking}: nearest first, equal
 * distances to the lower training index), a tie between labels going to the smallest label (numpy's
 * {@code argmax(bincount(...))}).
 *
 * @param xTrain     training features {@code [N, D]}
 * @param yTrain     training labels, N values in {@code 0 .. numClasses-1}
 * @param numClasses C
 * @param metric     the distance
 */
public record KNearestNeighbor(INDArray xTrain, int[] yTrain, int numClasses, DistanceMetric metric) {

    /** Checks the shapes and labels. */
    public KNearestNeighbor {
        if (xTrain.rank() != 2 || xTrain.size(0) != yTrain.length) {
            throw new IllegalArgumentException("xTrain must be [N, D] with N = " + yTrain.length + " labels, got "
                    + Arrays.toString(xTrain.shape()));
        }
        for (int i = 0; i < yTrain.length; i++) {
            Labels.checkLabel(yTrain, i, numClasses);
        }
    }

    /**
     * @param xTest {@code [M, D]}
     * @return {@code [M, N]} distances to every training row
     */
    public INDArray distances(INDArray xTest) {
        return metric.distances(xTest, xTrain);
    }

    /**
     * @param xTest {@code [M, D]}
     * @param k     neighbours that vote, {@code 1 .. N}
     * @return M predicted labels
     */
    public int[] predict(INDArray xTest, int k) {
        return vote(NeighbourRanking.rank(distances(xTest), k), k);
    }

    /**
     * @param ranked {@code [M][>= k]} nearest training indices, nearest first ({@link NeighbourRanking#rank})
     * @param k      neighbours that vote
     * @return M labels: the most frequent label among each row's first k neighbours, ties to the smallest label
     */
    public int[] vote(int[][] ranked, int k) {
        int[] out = new int[ranked.length];
        int[] counts = new int[numClasses];
        for (int i = 0; i < ranked.length; i++) {
            if (ranked[i].length < k) {
                throw new IllegalArgumentException("row " + i + " has " + ranked[i].length
                        + " ranked neighbours, fewer than k = " + k);
            }
            Arrays.fill(counts, 0);
            for (int j = 0; j < k; j++) {
                counts[yTrain[ranked[i][j]]]++;
            }
            int best = 0;
            for (int c = 1; c < numClasses; c++) {
                if (counts[c] > counts[best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
