package dev.cs231n.classic.knn;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks shared by the distance computations. */
final class DistanceMatrices {

    private DistanceMatrices() {
    }

    /**
     * @param test  {@code [M, D]}
     * @param train {@code [N, D]}
     * @throws IllegalArgumentException when the shapes or data types do not match
     */
    static void check(INDArray test, INDArray train) {
        if (test.rank() != 2 || train.rank() != 2 || test.size(1) != train.size(1)) {
            throw new IllegalArgumentException("distances need test [M, D] and train [N, D], got "
                    + Arrays.toString(test.shape()) + " and " + Arrays.toString(train.shape()));
        }
        if (test.dataType() != train.dataType() || !test.dataType().isFPType()) {
            throw new IllegalArgumentException("test and train must have the same floating type, got "
                    + test.dataType() + " and " + train.dataType());
        }
    }
}
