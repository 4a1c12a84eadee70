package dev.cs231n.classic.knn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The distance a {@link KNearestNeighbor} ranks training images by. */
public enum DistanceMetric {

    /** Euclidean, {@link L2Distances} (the course's default). */
    L2 {
        @Override
        public INDArray distances(INDArray test, INDArray train) {
            return L2Distances.compute(test, train);
        }
    },

    /** Manhattan, {@link L1Distances} (chunked). */
    L1 {
        @Override
        public INDArray distances(INDArray test, INDArray train) {
            return L1Distances.compute(test, train);
        }
    };

    /**
     * @param test  {@code [M, D]}
     * @param train {@code [N, D]}
     * @return {@code [M, N]} distances
     */
    public abstract INDArray distances(INDArray test, INDArray train);
}
