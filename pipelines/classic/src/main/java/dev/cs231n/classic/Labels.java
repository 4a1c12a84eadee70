package dev.cs231n.classic;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Integer class labels, as every classifier of this module takes them ({@code y[n]} in {@code 0 .. C-1}): one-hot
 * matrices for the losses, arg-max predictions and accuracy.
 */
public final class Labels {

    private Labels() {
    }

    /**
     * @param y          labels, each in {@code 0 .. numClasses-1}
     * @param numClasses C
     * @param type       FLOAT or DOUBLE
     * @return {@code [N, C]}, row {@code i} holding a 1 at column {@code y[i]} and 0 elsewhere
     * @throws IllegalArgumentException naming the position of a label outside {@code 0 .. C-1}
     */
    public static INDArray oneHot(int[] y, int numClasses, DataType type) {
        double[] v = new double[y.length * numClasses];
        for (int i = 0; i < y.length; i++) {
            checkLabel(y, i, numClasses);
            v[i * numClasses + y[i]] = 1.0;
        }
        return Nd4j.create(v, new long[] {y.length, numClasses}, 'c').castTo(type);
    }

    /**
     * The one-hot matrix of labels for the scores they go with, as the losses use it.
     *
     * @param scores the scores {@code [N, C]} the labels belong to (give N, C and the data type)
     * @param y      N labels in {@code 0 .. C-1}
     * @param where  the caller's name, for messages
     * @return {@code [N, C]} with a 1 at {@code (n, y[n])}, in the scores' data type
     * @throws IllegalArgumentException naming {@code where} when the counts differ or a label is out of range
     */
    public static INDArray oneHotLike(INDArray scores, int[] y, String where) {
        if (scores.rank() != 2 || scores.size(0) != y.length) {
            throw new IllegalArgumentException(where + ": scores must be [N, C] with N = " + y.length
                    + " labels, got " + Arrays.toString(scores.shape()));
        }
        try {
            return oneHot(y, (int) scores.size(1), scores.dataType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param scores {@code [N, C]}
     * @return for each row the column of its largest score (the first one on ties)
     */
    public static int[] argMax(INDArray scores) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException("scores must be [N, C], got " + Arrays.toString(scores.shape()));
        }
        return scores.argMax(1).toIntVector();
    }

    /**
     * @param predicted predicted labels
     * @param truth     true labels, same length
     * @return the fraction of positions where they agree (0 for empty arrays)
     */
    public static double accuracy(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("accuracy of " + predicted.length + " predictions against "
                    + truth.length + " labels");
        }
        if (truth.length == 0) {
            return 0.0;
        }
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == truth[i]) {
                correct++;
            }
        }
        return (double) correct / truth.length;
    }

    /**
     * @param y          labels
     * @param i          a position
     * @param numClasses C
     * @throws IllegalArgumentException when {@code y[i]} is not in {@code 0 .. C-1}
     */
    public static void checkLabel(int[] y, int i, int numClasses) {
        if (y[i] < 0 || y[i] >= numClasses) {
            throw new IllegalArgumentException("label " + y[i] + " of example " + i + " is not in 0.."
                    + (numClasses - 1));
        }
    }
}
