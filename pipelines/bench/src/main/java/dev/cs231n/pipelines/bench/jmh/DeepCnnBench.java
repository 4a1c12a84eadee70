package dev.cs231n.pipelines.bench.jmh;

import dev.cs231n.layers.norm.fast.FastNorm;
import dev.cs231n.pipelines.nn.ConvNets;
import dev.cs231n.pipelines.nn.NormKind;
import dev.cs231n.m21.OneDnnHelpers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Adam step (forward, backward, update) of the {@code cnn} job's default network ({@link ConvNets.Arch#DEEP}:
 * conv32/64/128 each with a normalisation, ReLU and max-pool, then affine) on a batch of 128 random float32
 * images, with DL4J's layers on oneDNN as in the job: what one of the job's 383 steps per epoch costs, without
 * normalisation and with our spatial BatchNorm or GroupNorm (on their fast path, or with {@code fastPath=false} on
 * their SameDiff graphs). PyTorch's rows (g) of {@code torch-baseline-wave2.txt} are the same nets.
 */
@State(Scope.Benchmark)
public class DeepCnnBench {

    /** Normalisation after each convolution: NONE, BATCH or GROUP (8 groups). */
    @Param({"BATCH"})
    public NormKind norm;

    /** Whether our normalisation layers take their fast path ({@code false}: the SameDiff graphs). */
    @Param({"true"})
    public boolean fastPath;

    private MultiLayerNetwork net;
    private CifarLikeBatch batch;

    /** Builds the network with the oneDNN helpers on, and a fixed random batch. */
    @Setup
    public void setUp() {
        System.setProperty(FastNorm.PROPERTY, Boolean.toString(fastPath));
        OneDnnHelpers.enable();
        net = new MultiLayerNetwork(ConvNets.conf(ConvNets.Spec.builder().arch(ConvNets.Arch.DEEP).norm(norm)
                .groups(8).reg(1e-4).updater(new Adam(1e-3)).dataType(DataType.FLOAT).seed(1).build()));
        net.init();
        batch = CifarLikeBatch.of(128);
    }

    /** One training step. */
    @Benchmark
    public void step() {
        net.fit(batch.x(), batch.y());
    }
}
