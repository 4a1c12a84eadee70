package dev.cs231n.pipelines.bench.jmh;

import java.util.Random;

import dev.cs231n.classic.knn.L2Distances;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The kNN distance matrix by the no-loop formula ({@link L2Distances}): 500 test x 5,000 training rows of 3,072
 * features (random N(0,1) data, fixed seed: the course's kNN shapes), in float32 and float64. One call = the whole
 * {@code [500, 5000]} matrix: squared norms, one GEMM, the broadcast sums, clamp and square root. Rows
 * {@code knn_500x5000x3072_fp32/_fp64} vs PyTorch's {@code (e) kNN L2 dists no-loop 500x5000x3072}; the items counted
 * are the GEMM's {@value #FLOP} floating-point operations ({@code 2 M N D}), as the baseline's GF/s.
 */
@State(Scope.Benchmark)
public class KnnBench {

    /** Test rows. */
    public static final int M = 500;
    /** Training rows. */
    public static final int N = 5000;
    /** Features. */
    public static final int D = 3072;
    /** Floating-point operations of the GEMM in one call. */
    public static final double FLOP = 2.0 * M * N * D;

    private INDArray test32;
    private INDArray train32;
    private INDArray test64;
    private INDArray train64;

    /** Random operands, fixed seed. */
    @Setup
    public void setUp() {
        test64 = gaussian(M, D, 1);
        train64 = gaussian(N, D, 2);
        test32 = test64.castTo(DataType.FLOAT);
        train32 = train64.castTo(DataType.FLOAT);
    }

    /** @return the float32 distance matrix */
    @Benchmark
    public INDArray fp32() {
        return L2Distances.compute(test32, train32);
    }

    /** @return the float64 distance matrix */
    @Benchmark
    public INDArray fp64() {
        return L2Distances.compute(test64, train64);
    }

    private static INDArray gaussian(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c');
    }
}
