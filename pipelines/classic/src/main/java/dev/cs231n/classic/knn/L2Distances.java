package dev.cs231n.classic.knn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Euclidean distances between every test and every training row by the course's no-loop formula (one matrix
 * product): {@code d[i, j] = sqrt(max(0, ||a_i||^2 + ||b_j||^2 - 2 a_i . b_j))}, for test rows {@code a_i} of
 * {@code [M, D]} and training rows {@code b_j} of {@code [N, D]}; the result is {@code [M, N]}, c-order, in the
 * inputs' floating type. The clamp at 0 removes the small negative values that cancellation leaves where two rows
 * are (nearly) equal. In float64 on raw pixel values (integers 0..255, D = 3072) every squared distance is exact.
 *
 * <p>Costs one GEMM of {@code 2 M N D} floating-point operations plus {@code O(M N + (M + N) D)}; memory is the
 * result only (the squared norms are reduced natively, the factor -2 is GEMM's alpha).
 */
public final class L2Distances {

    private L2Distances() {
    }

    /**
     * @param test  {@code [M, D]}
     * @param train {@code [N, D]}, same floating type
     * @return {@code [M, N]} Euclidean distances
     */
    public static INDArray compute(INDArray test, INDArray train) {
        DistanceMatrices.check(test, train);
        long m = test.size(0);
        long n = train.size(0);
        INDArray testSq = squaredNorms(test).reshape(m, 1);
        INDArray trainSq = squaredNorms(train).reshape(1, n);
        INDArray d = Nd4j.createUninitialized(test.dataType(), new long[] {m, n}, 'c');
        Nd4j.gemm(test, train, d, false, true, -2.0, 0.0);
        d.addiColumnVector(testSq).addiRowVector(trainSq);
        Transforms.max(d, 0.0, false);
        return Transforms.sqrt(d, false);
    }

    /**
     * @param x {@code [N, D]}
     * @return {@code [N]}: {@code sum_k x[i, k]^2}
     */
    static INDArray squaredNorms(INDArray x) {
        return Nd4j.getExecutioner().exec(new SquaredNorm(x, false, 1));
    }
}
