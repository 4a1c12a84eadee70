package dev.cs231n.classic.knn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Manhattan distances {@code d[i, j] = sum_k |a_i[k] - b_j[k]|} between every test row {@code a_i} of
 * {@code [M, D]} and training row {@code b_j} of {@code [N, D]}: result {@code [M, N]}, c-order, in the inputs'
 * floating type.
 *
 * <p>There is no matrix-product form for L1, and the broadcast form {@code |a[:, None, :] - b[None, :, :]|} would need
 * an {@code [M, N, D]} array (61 GB for the course's 500 x 5000 x 3072 in float64). Instead, blocks of at most
 * {@code chunkRows} test rows go through ND4J's native all-pairs reduction
 * ({@code Transforms.allManhattanDistances}), which accumulates each pair's sum directly and forms no difference
 * array: memory stays at the result, whatever M, N and D are, and each native call stays short. Work is
 * {@code 3 M N D} element operations (about 2-4x faster than forming {@code [chunk, D]} differences row by row, and
 * exact on integer pixel values in float64).
 */
public final class L1Distances {

    /** Test rows per native call unless told otherwise. */
    public static final int DEFAULT_CHUNK_ROWS = 100;

    private L1Distances() {
    }

    /**
     * @param test  {@code [M, D]}
     * @param train {@code [N, D]}, same floating type
     * @return {@code [M, N]} Manhattan distances
     */
    public static INDArray compute(INDArray test, INDArray train) {
        return compute(test, train, DEFAULT_CHUNK_ROWS);
    }

    /**
     * @param test      {@code [M, D]}
     * @param train     {@code [N, D]}, same floating type
     * @param chunkRows test rows per native call, at least 1
     * @return {@code [M, N]} Manhattan distances
     */
    public static INDArray compute(INDArray test, INDArray train, int chunkRows) {
        DistanceMatrices.check(test, train);
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be >= 1, got " + chunkRows);
        }
        long m = test.size(0);
        long n = train.size(0);
        INDArray d = Nd4j.create(test.dataType(), m, n);
        for (long from = 0; from < m; from += chunkRows) {
            long to = Math.min(m, from + chunkRows);
            INDArray block = test.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            d.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())
                    .assign(Transforms.allManhattanDistances(block, train, 1).reshape(to - from, n));
        }
        return d;
    }
}
