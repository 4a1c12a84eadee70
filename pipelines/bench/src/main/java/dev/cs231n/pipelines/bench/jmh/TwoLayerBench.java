package dev.cs231n.pipelines.bench.jmh;

import java.util.Random;

import dev.cs231n.classic.Minibatches;
import dev.cs231n.classic.net.TwoLayerNet;
import dev.cs231n.classic.solver.CourseSolver;
import dev.cs231n.classic.solver.SgdRule;
import dev.cs231n.classic.solver.SolverData;
import dev.cs231n.classic.solver.SolverSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The course's two-layer net 3072-100-10 in float32, trained by plain SGD as the {@code two-layer} job does
 * (learning rate 1e-3, reg 0.1: the L2 term adds two elementwise passes over the weights that PyTorch's line does
 * not have). {@code step}: one train step on a fixed batch of 200 (forward, hand-derived backward, update), beside
 * PyTorch's {@code (d) two-layer net 3072-100-10 SGD train step (batch 200)}. {@code epoch}: one epoch over 49,000
 * examples, 245 steps, each drawing its minibatch with replacement and gathering it from the
 * {@code [49000, 3072]} array ({@link CourseSolver#step(int[])}, what {@code CourseSolver.train} runs), beside
 * PyTorch's {@code (f) two-layer net epoch 49k, MEASURED}.
 * Inputs are standard normal, as PyTorch's.
 */
@State(Scope.Benchmark)
public class TwoLayerBench {

    /** Examples per step. */
    public static final int BATCH = 200;
    /** Examples per epoch (the course's training split). */
    public static final int EPOCH_EXAMPLES = 49_000;

    private static final int D = 3072;

    private CourseSolver solver;
    private INDArray xBatch;
    private int[] yBatch;
    private INDArray xAll;
    private int[] yAll;
    private Random rng;

    /** Random data and a fresh net, fixed seeds. */
    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(0);
        rng = new Random(0);
        xAll = Nd4j.randn(DataType.FLOAT, EPOCH_EXAMPLES, D);
        yAll = labels(EPOCH_EXAMPLES);
        xBatch = Nd4j.randn(DataType.FLOAT, BATCH, D);
        yBatch = labels(BATCH);
        TwoLayerNet net = TwoLayerNet.create(D, 100, 10, TwoLayerNet.DEFAULT_WEIGHT_SCALE, 0.1, DataType.FLOAT, 0);
        solver = new CourseSolver(net, new SolverData(xAll, yAll, xBatch, yBatch),
                SolverSettings.builder(new SgdRule()).learningRate(1e-3).batchSize(BATCH).build());
    }

    /** @return the minibatch loss of one SGD step on the fixed batch */
    @Benchmark
    public double step() {
        return solver.step(xBatch, yBatch);
    }

    /** @return the last minibatch loss of one epoch: 245 sampled, gathered minibatches */
    @Benchmark
    public double epoch() {
        double loss = 0;
        int steps = EPOCH_EXAMPLES / BATCH;
        for (int i = 0; i < steps; i++) {
            loss = solver.step(Minibatches.sampleWithReplacement(EPOCH_EXAMPLES, BATCH, rng));
        }
        return loss;
    }

    private int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(10);
        }
        return y;
    }
}
