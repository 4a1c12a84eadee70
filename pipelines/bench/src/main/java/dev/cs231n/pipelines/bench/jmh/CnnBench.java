package dev.cs231n.pipelines.bench.jmh;

import dev.cs231n.m21.OneDnnHelpers;
import dev.cs231n.pipelines.nn.SmallCnn;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One SGD step (forward, backward, update) of {@link SmallCnn} on a batch of 128 random float32 images: the
 * PyTorch baseline's "small CNN ... SGD train step (b128)". {@code helpers=true} is what the jobs run (DL4J's
 * layers on oneDNN through the M2.1 shim); {@code false} is DL4J M2.1 out of the box.
 */
@State(Scope.Benchmark)
public class CnnBench {

    /** Whether DL4J's oneDNN layer helpers are on. */
    @Param({"true"})
    public boolean helpers;

    private MultiLayerNetwork net;
    private CifarLikeBatch batch;

    /** Builds the network with or without helpers, and a fixed random batch. */
    @Setup
    public void setUp() {
        System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, Boolean.toString(!helpers));
        if (helpers && !OneDnnHelpers.enabled()) {
            throw new IllegalStateException("oneDNN helpers requested but not available on this backend");
        }
        net = new MultiLayerNetwork(SmallCnn.conf(1e-2, DataType.FLOAT, 1));
        net.init();
        batch = CifarLikeBatch.of(128);
    }

    /** One training step. */
    @Benchmark
    public void step() {
        net.fit(batch.x(), batch.y());
    }
}
