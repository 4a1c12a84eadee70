package dev.cs231n.pipelines.classic.knn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Manhattan distances {@code d[i, j] = sum_k |a_i[k] - b_j[k]|} between every test row {@code a_i} of
 * {@code [M, D]} and training row {@code b_j} of {@code [N, D]}: result {@code [M, N]}, c-order, in the inputs'
 * floating type.
 *
 * <p>There is no matrix-product form for L1, so the differences are formed explicitly, one test row against a
 * chunk of at most {@code chunkRows} training rows at a time, in one reused {@code [chunkRows, D]} buffer: memory
 * stays at the result plus that buffer (default {@value #DEFAULT_CHUNK_ROWS} rows, 12 MB in float32 for D = 3072),
 * whatever M and N are. Work is {@code 3 M N D} element operations.
 */
public final class L1Distances {

    /** Training rows per chunk unless told otherwise. */
    public static final int DEFAULT_CHUNK_ROWS = 1000;

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
     * @param chunkRows training rows per chunk, at least 1
     * @return {@code [M, N]} Manhattan distances
     */
    public static INDArray compute(INDArray test, INDArray train, int chunkRows) {
        DistanceMatrices.check(test, train);
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be >= 1, got " + chunkRows);
        }
        long m = test.size(0);
        long n = train.size(0);
        long chunk = Math.min(chunkRows, Math.max(1, n));
        INDArray d = Nd4j.create(test.dataType(), m, n);
        INDArray buffer = Nd4j.create(test.dataType(), chunk, train.size(1));
        for (long from = 0; from < n; from += chunk) {
            long to = Math.min(n, from + chunk);
            INDArray block = train.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray diff = buffer.get(NDArrayIndex.interval(0, to - from), NDArrayIndex.all());
            for (long i = 0; i < m; i++) {
                diff.assign(block).subiRowVector(test.getRow(i, true));
                Transforms.abs(diff, false);
                d.get(NDArrayIndex.point(i), NDArrayIndex.interval(from, to)).assign(diff.sum(1));
            }
        }
        return d;
    }
}
