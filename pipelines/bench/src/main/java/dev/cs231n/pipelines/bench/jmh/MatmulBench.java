package dev.cs231n.pipelines.bench.jmh;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ND4J's matrix product of two 2048x2048 float32 matrices into a preallocated result, with the operands in ND4J's
 * default 'c' order and in 'f' order (which its GEMM prefers). Row {@code matmul_2048_fp32} vs PyTorch's
 * {@code matmul 2048x2048x2048 float32}.
 */
@State(Scope.Benchmark)
public class MatmulBench {

    private static final int N = 2048;

    private INDArray a;
    private INDArray b;
    private INDArray c;
    private INDArray af;
    private INDArray bf;
    private INDArray cf;

    /** Random operands, fixed seed. */
    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        a = Nd4j.rand(DataType.FLOAT, N, N);
        b = Nd4j.rand(DataType.FLOAT, N, N);
        c = Nd4j.create(DataType.FLOAT, N, N);
        af = a.dup('f');
        bf = b.dup('f');
        cf = Nd4j.create(DataType.FLOAT, new long[] {N, N}, 'f');
    }

    /** @return {@code a b} ('c' order) */
    @Benchmark
    public INDArray fp32() {
        return a.mmuli(b, c);
    }

    /** @return {@code a b} ('f' order) */
    @Benchmark
    public INDArray fp32FOrder() {
        return af.mmuli(bf, cf);
    }
}
