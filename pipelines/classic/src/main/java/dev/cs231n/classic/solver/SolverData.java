package dev.cs231n.classic.solver;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training and validation data a {@link CourseSolver} uses, as the course's {@code data} dict: features
 * {@code [N, ...]} (any trailing shape the model accepts, c-contiguous) and N integer labels each.
 *
 * @param xTrain training features {@code [N_train, ...]}
 * @param yTrain training labels
 * @param xVal   validation features {@code [N_val, ...]}
 * @param yVal   validation labels
 */
public record SolverData(INDArray xTrain, int[] yTrain, INDArray xVal, int[] yVal) {

    /** @throws IllegalArgumentException when the feature rows and label counts differ or a set is empty */
    public SolverData {
        check("training", xTrain, yTrain);
        check("validation", xVal, yVal);
    }

    private static void check(String what, INDArray x, int[] y) {
        if (x == null || y == null || x.rank() < 2 || x.size(0) != y.length || y.length == 0) {
            throw new IllegalArgumentException("solver: " + what + " features must be [N, ...] with N = number of "
                    + "labels > 0; got " + (x == null ? "null" : java.util.Arrays.toString(x.shape())) + " and "
                    + (y == null ? "null" : y.length) + " labels");
        }
    }
}
