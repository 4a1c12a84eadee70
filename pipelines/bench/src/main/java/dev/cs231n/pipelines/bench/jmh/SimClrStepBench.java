package dev.cs231n.pipelines.bench.jmh;

import dev.cs231n.m21.OneDnnHelpers;
import dev.cs231n.pipelines.simclr.SimClrNets;
import dev.cs231n.pipelines.simclr.SimClrSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Adam step of {@code simclr-pretrain}'s network (the deep conv stack with our BatchNorm + global average pool,
 * the course's head, NT-Xent) on 128 pairs: 256 random float32 views {@code [256, 3, 32, 32]}, DL4J's layers on
 * oneDNN as in the job. The workload of PyTorch's {@code torch-baseline-wave2.txt} row (l).
 */
@State(Scope.Benchmark)
public class SimClrStepBench {

    private MultiLayerNetwork net;
    private DataSet batch;

    /** The job's network and a fixed batch of views. */
    @Setup
    public void setUp() {
        OneDnnHelpers.enable();
        net = SimClrNets.pretraining(SimClrSpec.course(), new org.nd4j.linalg.learning.config.Adam(1e-3), 1);
        Nd4j.getRandom().setSeed(2);
        batch = new DataSet(Nd4j.rand(DataType.FLOAT, 256, 3, 32, 32), Nd4j.zeros(DataType.FLOAT, 256, 1));
    }

    /** One training step. */
    @Benchmark
    public void step() {
        net.fit(batch);
    }
}
