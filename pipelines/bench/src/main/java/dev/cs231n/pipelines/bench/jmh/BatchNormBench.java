package dev.cs231n.pipelines.bench.jmh;

import dev.cs231n.layers.norm.BatchNorm;
import dev.cs231n.layers.norm.GroupNorm;
import dev.cs231n.layers.norm.LayerNorm;
import dev.cs231n.layers.norm.fast.FastNorm;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Batch normalisation forward and backward in training mode, float32: this library's {@code BatchNorm} (a SameDiff
 * layer) against DL4J's built-in {@code BatchNormalization}, on its Java path (M2.1 out of the box: rows
 * {@code _builtin}) and with its oneDNN helper (through the shim: rows {@code _builtin_onednn}), on
 * {@code [256, 3072]} (rows {@code batchnorm_256x3072...}) and NCHW {@code [128, 64, 32, 32]} (rows
 * {@code spatial_batchnorm_128x64x32x32...}); PyTorch's rows are {@code nn.BatchNorm1d/2d} fwd+bwd.
 *
 * <p>One call: the layer of a one-layer network (default settings) runs {@code activate(training = true)} on a fixed
 * random input (batch statistics, normalisation, running-statistic update) and then {@code backpropGradient} with a
 * fixed random upstream gradient (gradients of the input, gamma and beta into the network's gradient view): the
 * equivalent of PyTorch's {@code y = bn(x); y.backward(dout)}. Memory comes from workspaces opened as a
 * MultiLayerNetwork opens them in training (activations, working memory, activation gradients), so that after the
 * first calls nothing is allocated; without them every intermediate array is a fresh off-heap allocation.
 *
 * <p>The same calls measure this library's {@code LayerNorm} on {@code [256, 3072]} and {@code GroupNorm(8)} on
 * {@code [128, 64, 32, 32]} (PyTorch: {@code nn.LayerNorm}, {@code nn.GroupNorm} fwd+bwd; DL4J has neither layer),
 * and inference-mode forward passes alone ({@code activate(training = false)}: running statistics). Parameter
 * {@code fastPath=false} runs our layers on their SameDiff reference path ({@code -Dcs231n.norm.fast=false}), the
 * implementation before the fast path.
 */
public class BatchNormBench {

    /** Workspace settings of DL4J's MultiLayerNetwork for its activations: learn the size once, then reuse. */
    private static final WorkspaceConfiguration WS = WorkspaceConfiguration.builder().initialSize(0)
            .overallocationLimit(0.05).policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).policyAllocation(AllocationPolicy.OVERALLOCATE).build();

    /** Both layers and their data for one shape. */
    @State(Scope.Benchmark)
    public abstract static class Layers {
        /** Whether DL4J's oneDNN layer helpers are on (through the M2.1 shim) when the built-in layer is built. */
        @Param({"false"})
        public boolean helpers;

        /** Whether our layers take their fast path ({@code false}: the SameDiff graphs). */
        @Param({"true"})
        public boolean fastPath;

        Layer ours;
        Layer rowNorm;
        Layer builtIn;
        INDArray x;
        INDArray dout;
        LayerWorkspaceMgr mgr;

        void create(org.deeplearning4j.nn.conf.layers.Layer rowNormConf, long... shape) {
            System.setProperty(FastNorm.PROPERTY, Boolean.toString(fastPath));
            Nd4j.getRandom().setSeed(1);
            x = Nd4j.randn(DataType.FLOAT, shape).muli(2).addi(0.5);
            dout = Nd4j.randn(DataType.FLOAT, shape);
            ours = layer(BatchNorm.builder().nIn(shape[1]).build());
            rowNorm = layer(rowNormConf);
            System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, Boolean.toString(!helpers));
            builtIn = layer(new BatchNormalization.Builder().nIn(shape[1]).nOut(shape[1]).build());
            if (helpers != (builtIn.getHelper() != null)) {
                throw new IllegalStateException("oneDNN helper " + (helpers ? "requested but not available"
                        : "present although disabled"));
            }
            mgr = LayerWorkspaceMgr.builder()
                    .with(ArrayType.INPUT, "BENCH_ACT", WS).with(ArrayType.ACTIVATIONS, "BENCH_ACT", WS)
                    .with(ArrayType.FF_WORKING_MEM, "BENCH_WORKING", WS)
                    .with(ArrayType.BP_WORKING_MEM, "BENCH_WORKING", WS)
                    .with(ArrayType.ACTIVATION_GRAD, "BENCH_GRAD", WS).build();
        }

        private static Layer layer(org.deeplearning4j.nn.conf.layers.Layer conf) {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                    .dataType(DataType.FLOAT).list().layer(conf).build());
            net.init();
            net.initGradientsView();
            return net.getLayer(0);
        }

        double step(Layer layer) {
            try (MemoryWorkspace act = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
                layer.setInput(x, mgr);
                try (MemoryWorkspace work = mgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
                    layer.activate(true, mgr);
                }
                try (MemoryWorkspace grad = mgr.notifyScopeEntered(ArrayType.ACTIVATION_GRAD);
                        MemoryWorkspace work = mgr.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
                    return layer.backpropGradient(dout, mgr).getSecond().getDouble(0);
                }
            }
        }

        double inference(Layer layer) {
            try (MemoryWorkspace act = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
                layer.setInput(x, mgr);
                try (MemoryWorkspace work = mgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
                    return layer.activate(false, mgr).getDouble(0);
                }
            }
        }
    }

    /** {@code [256, 3072]}: statistics per feature over 256 examples. */
    @State(Scope.Benchmark)
    public static class FeedForward extends Layers {
        /** Builds both layers and the data. */
        @Setup
        public void setUp() {
            create(LayerNorm.builder().nIn(3072).build(), 256, 3072);
        }
    }

    /** {@code [128, 64, 32, 32]}: statistics per channel over 128 x 32 x 32 values. */
    @State(Scope.Benchmark)
    public static class Spatial extends Layers {
        /** Builds both layers and the data. */
        @Setup
        public void setUp() {
            create(GroupNorm.builder().nIn(64).groups(8).build(), 128, 64, 32, 32);
        }
    }

    /**
     * @param s the layers and data
     * @return one element of dL/dx
     */
    @Benchmark
    public double ours256x3072(FeedForward s) {
        return s.step(s.ours);
    }

    /**
     * @param s the layers and data
     * @return one element of dL/dx
     */
    @Benchmark
    public double builtIn256x3072(FeedForward s) {
        return s.step(s.builtIn);
    }

    /**
     * @param s the layers and data
     * @return one element of dL/dx
     */
    @Benchmark
    public double oursSpatial128x64x32x32(Spatial s) {
        return s.step(s.ours);
    }

    /**
     * @param s the layers and data
     * @return one element of dL/dx
     */
    @Benchmark
    public double builtInSpatial128x64x32x32(Spatial s) {
        return s.step(s.builtIn);
    }

    /**
     * @param s the layers and data
     * @return one element of dL/dx
     */
    @Benchmark
    public double layerNorm256x3072(FeedForward s) {
        return s.step(s.rowNorm);
    }

    /**
     * @param s the layers and data
     * @return one element of dL/dx
     */
    @Benchmark
    public double groupNorm128x64x32x32(Spatial s) {
        return s.step(s.rowNorm);
    }

    /**
     * @param s the layers and data
     * @return one element of the output
     */
    @Benchmark
    public double oursInference256x3072(FeedForward s) {
        return s.inference(s.ours);
    }

    /**
     * @param s the layers and data
     * @return one element of the output
     */
    @Benchmark
    public double builtInInference256x3072(FeedForward s) {
        return s.inference(s.builtIn);
    }

    /**
     * @param s the layers and data
     * @return one element of the output
     */
    @Benchmark
    public double oursInferenceSpatial128x64x32x32(Spatial s) {
        return s.inference(s.ours);
    }

    /**
     * @param s the layers and data
     * @return one element of the output
     */
    @Benchmark
    public double builtInInferenceSpatial128x64x32x32(Spatial s) {
        return s.inference(s.builtIn);
    }
}
