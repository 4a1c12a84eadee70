package dev.cs231n.classic.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Integer labels as a one-hot matrix, checked against the scores they go with. */
final class OneHot {

    private OneHot() {
    }

    /**
     * @param scores the scores {@code [N, C]} the labels belong to (gives N, C and the data type)
     * @param y      N labels in {@code 0 .. C-1}
     * @param where  the caller's name, for messages
     * @return {@code [N, C]} with a 1 at {@code (n, y[n])}, scores' data type
     * @throws IllegalArgumentException when the counts differ or a label is out of range
     */
    static INDArray of(INDArray scores, int[] y, String where) {
        if (scores.rank() != 2 || scores.size(0) != y.length) {
            throw new IllegalArgumentException(where + ": scores must be [N, C] with N = " + y.length
                    + " labels, got " + Affine.shape(scores));
        }
        int c = (int) scores.size(1);
        double[] hot = new double[y.length * c];
        for (int n = 0; n < y.length; n++) {
            if (y[n] < 0 || y[n] >= c) {
                throw new IllegalArgumentException(where + ": label " + y[n] + " of example " + n
                        + " is outside 0.." + (c - 1));
            }
            hot[n * c + y[n]] = 1.0;
        }
        INDArray out = Nd4j.create(hot, new long[] {y.length, c}, 'c');
        return scores.dataType() == DataType.DOUBLE ? out : out.castTo(scores.dataType());
    }
}
