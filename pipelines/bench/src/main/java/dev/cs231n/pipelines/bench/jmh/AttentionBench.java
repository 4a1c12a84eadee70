package dev.cs231n.pipelines.bench.jmh;

import dev.cs231n.layers.attention.MultiHeadSelfAttention;
import dev.cs231n.layers.transformer.TransformerDecoderLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
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
 * The transformer pieces forward and backward in training mode, float32, NCW, as PyTorch's rows measure them
 * ({@code fwd_bwd}: output, then the gradients of the inputs and every parameter for a fixed upstream gradient):
 * <ul>
 * <li>{@code self_attention_64x17x256_h4}: {@link MultiHeadSelfAttention}, N 64, T 17, E 256, 4 heads, causal, no
 * dropout (torch-baseline.txt row (b), the course's MultiHeadAttention);</li>
 * <li>{@code self_attention_64x17x256_h4_dl4j} and {@code _dl4j_corrected}: DL4J's own
 * {@link org.deeplearning4j.nn.conf.layers.SelfAttentionLayer} and our drop-in
 * {@link dev.cs231n.layers.attention.corrected.SelfAttentionLayer} (exact gradients) of the same shape: nIn = nOut
 * 256, 4 heads of headSize 64, projectInput. <b>Not causal</b>: DL4J's layer has no causal or other attention mask
 * (only key padding from the sequence mask), so these rows run full attention over the 17 steps, and DL4J's layer has
 * no biases; otherwise the same computation as our row (see {@code SelfAttentionEquivalenceTest});</li>
 * <li>{@code decoder_layer_64x16x256_h4}: {@link TransformerDecoderLayer}, N 64, T 16, E 256, 4 heads, feed-forward
 * 2048, ReLU, one memory step, dropout 0.1 in training mode (torch-baseline-wave2.txt row (i)).</li>
 * </ul>
 * Memory comes from workspaces opened as DL4J's networks open them in training, so nothing is allocated after the
 * first calls.
 */
public class AttentionBench {

    private static final WorkspaceConfiguration WS = WorkspaceConfiguration.builder().initialSize(0)
            .overallocationLimit(0.05).policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).policyAllocation(AllocationPolicy.OVERALLOCATE).build();

    static LayerWorkspaceMgr workspaces() {
        return LayerWorkspaceMgr.builder()
                .with(ArrayType.INPUT, "BENCH_ACT", WS).with(ArrayType.ACTIVATIONS, "BENCH_ACT", WS)
                .with(ArrayType.FF_WORKING_MEM, "BENCH_WORKING", WS)
                .with(ArrayType.BP_WORKING_MEM, "BENCH_WORKING", WS)
                .with(ArrayType.ACTIVATION_GRAD, "BENCH_GRAD", WS).build();
    }

    /** The self-attention layer and its data. */
    @State(Scope.Benchmark)
    public static class SelfAttention {
        Layer layer;
        INDArray x;
        INDArray dout;
        LayerWorkspaceMgr mgr;

        /** Builds the layer (N 64, T 17, E 256, H 4, causal) and the data. */
        @Setup
        public void setUp() {
            Nd4j.getRandom().setSeed(1);
            x = Nd4j.randn(DataType.FLOAT, 64, 256, 17);
            dout = Nd4j.randn(DataType.FLOAT, 64, 256, 17);
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                    .dataType(DataType.FLOAT).list()
                    .layer(MultiHeadSelfAttention.builder().numHeads(4).causal(true).dropout(0).build())
                    .setInputType(InputType.recurrent(256, 17)).build());
            net.init();
            net.initGradientsView();
            layer = net.getLayer(0);
            mgr = workspaces();
        }
    }

    /** DL4J's SelfAttentionLayer, original or our corrected drop-in, and its data. */
    @State(Scope.Benchmark)
    public static class Dl4jSelfAttention {
        /** false: DL4J's original layer; true: our corrected drop-in. */
        @Param({"false"})
        public boolean corrected;

        Layer layer;
        INDArray x;
        INDArray dout;
        LayerWorkspaceMgr mgr;

        /** Builds the layer (N 64, T 17, nIn = nOut 256, 4 heads of 64, projectInput, no mask) and the data. */
        @Setup
        public void setUp() {
            Nd4j.getRandom().setSeed(1);
            x = Nd4j.randn(DataType.FLOAT, 64, 256, 17);
            dout = Nd4j.randn(DataType.FLOAT, 64, 256, 17);
            org.deeplearning4j.nn.conf.layers.Layer conf = corrected
                    ? new dev.cs231n.layers.attention.corrected.SelfAttentionLayer.Builder().nIn(256).nOut(256)
                            .nHeads(4).headSize(64).projectInput(true).build()
                    : new org.deeplearning4j.nn.conf.layers.SelfAttentionLayer.Builder().nIn(256).nOut(256)
                            .nHeads(4).headSize(64).projectInput(true).build();
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                    .dataType(DataType.FLOAT).list().layer(conf).setInputType(InputType.recurrent(256, 17)).build());
            net.init();
            net.initGradientsView();
            layer = net.getLayer(0);
            mgr = workspaces();
        }
    }

    /** The decoder layer and its data. */
    @State(Scope.Benchmark)
    public static class Decoder {
        GraphVertex vertex;
        INDArray tgt;
        INDArray memory;
        INDArray dout;
        LayerWorkspaceMgr mgr;

        /** Builds the vertex (N 64, T 16, E 256, H 4, F 2048, one memory step, dropout 0.1) and the data. */
        @Setup
        public void setUp() {
            Nd4j.getRandom().setSeed(2);
            tgt = Nd4j.randn(DataType.FLOAT, 64, 256, 16);
            memory = Nd4j.randn(DataType.FLOAT, 64, 256, 1);
            dout = Nd4j.randn(DataType.FLOAT, 64, 256, 16);
            ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(2)
                    .dataType(DataType.FLOAT).graphBuilder().addInputs("tgt", "memory")
                    .setInputTypes(InputType.recurrent(256, 16), InputType.recurrent(256, 1))
                    .addVertex("dec", TransformerDecoderLayer.builder().nIn(256).numHeads(4).dimFeedforward(2048)
                            .dropout(0.1).build(), "tgt", "memory")
                    .setOutputs("dec").build());
            g.init();
            g.initGradientsView();
            vertex = g.getVertex("dec");
            mgr = workspaces();
        }
    }

    /**
     * @param s the layer and data
     * @return one element of dL/dx
     */
    @Benchmark
    public double selfAttention64x17x256h4(SelfAttention s) {
        try (MemoryWorkspace act = s.mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            s.layer.setInput(s.x, s.mgr);
            try (MemoryWorkspace work = s.mgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
                s.layer.activate(true, s.mgr);
            }
            try (MemoryWorkspace grad = s.mgr.notifyScopeEntered(ArrayType.ACTIVATION_GRAD);
                    MemoryWorkspace work = s.mgr.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
                return s.layer.backpropGradient(s.dout, s.mgr).getSecond().getDouble(0);
            }
        }
    }

    /**
     * @param s the layer and data
     * @return one element of dL/dx
     */
    @Benchmark
    public double selfAttentionDl4j64x17x256h4(Dl4jSelfAttention s) {
        try (MemoryWorkspace act = s.mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            s.layer.setInput(s.x, s.mgr);
            try (MemoryWorkspace work = s.mgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
                s.layer.activate(true, s.mgr);
            }
            try (MemoryWorkspace grad = s.mgr.notifyScopeEntered(ArrayType.ACTIVATION_GRAD);
                    MemoryWorkspace work = s.mgr.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
                return s.layer.backpropGradient(s.dout, s.mgr).getSecond().getDouble(0);
            }
        }
    }

    /**
     * @param s the vertex and data
     * @return one element of dL/dtgt
     */
    @Benchmark
    public double decoderLayer64x16x256h4(Decoder s) {
        try (MemoryWorkspace act = s.mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            s.vertex.setInputs(s.tgt, s.memory);
            try (MemoryWorkspace work = s.mgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
                s.vertex.doForward(true, s.mgr);
            }
            s.vertex.setEpsilon(s.dout);
            try (MemoryWorkspace grad = s.mgr.notifyScopeEntered(ArrayType.ACTIVATION_GRAD);
                    MemoryWorkspace work = s.mgr.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
                return s.vertex.doBackward(false, s.mgr).getSecond()[0].getDouble(0);
            }
        }
    }
}
