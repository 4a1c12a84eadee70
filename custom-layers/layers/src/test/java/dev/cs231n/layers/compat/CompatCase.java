package dev.cs231n.layers.compat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import dev.cs231n.layers.attention.MultiHeadAttentionVertex;
import dev.cs231n.layers.attention.MultiHeadSelfAttention;
import dev.cs231n.layers.attention.PositionalEncoding;
import dev.cs231n.layers.attention.corrected.AttentionVertex;
import dev.cs231n.layers.attention.corrected.LearnedSelfAttentionLayer;
import dev.cs231n.layers.attention.corrected.RecurrentAttentionLayer;
import dev.cs231n.layers.attention.corrected.SelfAttentionLayer;
import dev.cs231n.layers.core.DenseMergeVertex;
import dev.cs231n.layers.core.SameDiffDense;
import dev.cs231n.layers.dropout.InvertedDropout;
import dev.cs231n.layers.loss.NtXentLoss;
import dev.cs231n.layers.norm.BatchNorm;
import dev.cs231n.layers.norm.GroupNorm;
import dev.cs231n.layers.norm.LayerNorm;
import dev.cs231n.layers.recurrent.VanillaRnnVertex;
import dev.cs231n.layers.transformer.FeedForwardActivation;
import dev.cs231n.layers.transformer.TransformerDecoderLayer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * One stored compatibility artifact of a custom layer or vertex: a tiny DOUBLE network around it, trained 3 Adam
 * steps on fixed data by {@link CompatArtifactsGenerator} and checked by {@code CompatArtifactsTest}.
 *
 * <p>{@link #dirName()} is the artifact's folder under {@code compat/v1/}; {@link #component()} the class that must
 * come back from its JSON; {@link #location()} where it sits (layer index of a MultiLayerNetwork, or vertex name of
 * a ComputationGraph). The network definitions are used only to <em>generate</em> artifacts: the test reads the
 * stored files and never rebuilds a network from today's builders, so it sees what a user's saved file holds.
 * Layers use non-default options where they have any, so that the JSON round trip of each option is covered.
 */
public enum CompatCase {

    /** {@code SameDiffDense(4 -> 3, sigmoid) -> softmax(2)}. */
    SAME_DIFF_DENSE("samediff-dense", SameDiffDense.class, "0", false, new long[][] {{6, 4}},
            () -> mln(InputType.feedForward(4),
                    SameDiffDense.builder().nOut(3).activation(Activation.SIGMOID).build())),

    /** Graph {@code a[6,3] -> dense(3, tanh) "pre"; ("pre", b[6,2]) -> DenseMergeVertex(4) "dm" -> softmax(2)}. */
    DENSE_MERGE_VERTEX("dense-merge-vertex", DenseMergeVertex.class, "dm", true, new long[][] {{6, 3}, {6, 2}},
            CompatCase::denseMergeGraph),

    /** {@code dense(4 -> 5) -> BatchNorm(momentum 0.8) -> relu -> softmax(2)} on {@code [N, 4]}. */
    BATCH_NORM_FF("batchnorm-ff", BatchNorm.class, "1", false, new long[][] {{6, 4}},
            () -> mln(InputType.feedForward(4), dense(5), BatchNorm.builder().momentum(0.8).build(), relu())),

    /** {@code conv2x2(2 -> 3) -> spatial BatchNorm(eps 1e-4) -> relu -> softmax(2)} on NCHW {@code [N, 2, 4, 4]}. */
    BATCH_NORM_SPATIAL("batchnorm-spatial", BatchNorm.class, "1", false, new long[][] {{6, 2, 4, 4}},
            () -> mln(InputType.convolutional(4, 4, 2), conv(3), BatchNorm.builder().eps(1e-4).build(), relu())),

    /** {@code dense(4 -> 5) -> LayerNorm(eps 1e-6) -> relu -> softmax(2)}. */
    LAYER_NORM("layernorm", LayerNorm.class, "1", false, new long[][] {{6, 4}},
            () -> mln(InputType.feedForward(4), dense(5), LayerNorm.builder().eps(1e-6).build(), relu())),

    /** {@code conv2x2(2 -> 4) -> GroupNorm(2 groups) -> relu -> softmax(2)} on NCHW {@code [N, 2, 4, 4]}. */
    GROUP_NORM("groupnorm", GroupNorm.class, "1", false, new long[][] {{6, 2, 4, 4}},
            () -> mln(InputType.convolutional(4, 4, 2), conv(4), GroupNorm.builder().groups(2).build(), relu())),

    /**
     * {@code dense(4 -> 6, relu) -> InvertedDropout(p 0.7) -> softmax(2)}; its training-mode output is stored too
     * (the mask is a function of the network's seed, the layer index and the iteration/epoch counters, which
     * model.zip keeps).
     */
    INVERTED_DROPOUT("inverted-dropout", InvertedDropout.class, "1", false, new long[][] {{6, 4}},
            () -> mln(InputType.feedForward(4),
                    new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build(),
                    InvertedDropout.builder().keepProbability(0.7).build())),

    /**
     * {@code MultiHeadSelfAttention(2 heads, causal, dropout 0.2) -> average over time -> softmax(2)} on NCW
     * {@code [N, 4, 5]}.
     */
    MHA_SELF("mha-self", MultiHeadSelfAttention.class, "0", false, new long[][] {{6, 4, 5}},
            () -> mln(InputType.recurrent(4, 5), MultiHeadSelfAttention.builder().numHeads(2).causal(true)
                    .dropout(0.2).build(), pool())),

    /**
     * Graph {@code (q [N, 4, 3], kv [N, 4, 5]) -> MultiHeadAttentionVertex(2 heads, dropout 0.1) "att" -> average over
     * time -> softmax(2)}.
     */
    MHA_CROSS_VERTEX("mha-cross-vertex", MultiHeadAttentionVertex.class, "att", true, new long[][] {{6, 4, 3},
        {6, 4, 5}}, () -> sequenceGraph("att", MultiHeadAttentionVertex.builder().nIn(4).numHeads(2).dropout(0.1)
                .build(), 3, 5)),

    /** {@code PositionalEncoding(maxLength 8, dropout 0.1) -> average over time -> softmax(2)} on {@code [N, 4, 5]}. */
    POSITIONAL_ENCODING("positional-encoding", PositionalEncoding.class, "0", false, new long[][] {{6, 4, 5}},
            () -> mln(InputType.recurrent(4, 5), PositionalEncoding.builder().maxLength(8).dropout(0.1).build(),
                    pool())),

    /**
     * Graph {@code (tgt [N, 4, 5], memory [N, 4, 3]) -> TransformerDecoderLayer(2 heads, F 8, GELU, dropout 0.1)
     * "dec" -> average over time -> softmax(2)}.
     */
    TRANSFORMER_DECODER_LAYER("transformer-decoder-layer", TransformerDecoderLayer.class, "dec", true,
            new long[][] {{6, 4, 5}, {6, 4, 3}}, () -> sequenceGraph("dec", TransformerDecoderLayer.builder().nIn(4)
                    .numHeads(2).dimFeedforward(8).activation(FeedForwardActivation.GELU).dropout(0.1).build(), 5, 3)),

    /**
     * {@code dense(4 -> 5, tanh) -> NtXentLoss(tau 0.3)} on 3 pairs ({@code [6, 4]}); the loss ignores the labels
     * (their 6 rows give DL4J its minibatch size) and its output is the projection.
     */
    NT_XENT("nt-xent", NtXentLoss.class, "1", false, new long[][] {{6, 4}}, CompatCase::ntXentNet),

    // Cases added after v1 was first written go last: the stored inputs are seeded by the case's ordinal.

    /**
     * Graph {@code (x [N, 3, 5], features [N, 4]) : features -> dense(4 -> 5) "proj" = h0; (x, h0) ->
     * VanillaRnnVertex(3 -> 5, XAVIER_UNIFORM) "rnn" -> average over time -> softmax(2)}.
     */
    VANILLA_RNN_VERTEX("vanilla-rnn-vertex", VanillaRnnVertex.class, "rnn", true, new long[][] {{6, 3, 5}, {6, 4}},
            CompatCase::rnnGraph),

    /**
     * {@code corrected.SelfAttentionLayer(4 -> 6, 2 heads of headSize 4, projectInput) -> average over time ->
     * softmax(2)} on NCW {@code [N, 4, 5]}.
     */
    CORRECTED_SELF_ATTENTION("corrected-self-attention", SelfAttentionLayer.class, "0", false,
            new long[][] {{6, 4, 5}}, () -> mln(InputType.recurrent(4, 5), new SelfAttentionLayer.Builder().nIn(4)
                    .nOut(6).nHeads(2).headSize(4).projectInput(true).build(), pool())),

    /**
     * {@code corrected.LearnedSelfAttentionLayer(4 -> 6, 2 heads, 3 learned queries, projectInput) -> average over the
     * queries -> softmax(2)} on NCW {@code [N, 4, 5]}.
     */
    CORRECTED_LEARNED_SELF_ATTENTION("corrected-learned-self-attention", LearnedSelfAttentionLayer.class, "0", false,
            new long[][] {{6, 4, 5}}, () -> mln(InputType.recurrent(4, 5), new LearnedSelfAttentionLayer.Builder()
                    .nIn(4).nOut(6).nHeads(2).nQueries(3).projectInput(true).build(), pool())),

    /**
     * {@code corrected.RecurrentAttentionLayer(4 -> 6, 2 heads, projectInput, tanh) -> average over time ->
     * softmax(2)} on NCW {@code [N, 4, 5]}.
     */
    CORRECTED_RECURRENT_ATTENTION("corrected-recurrent-attention", RecurrentAttentionLayer.class, "0", false,
            new long[][] {{6, 4, 5}}, () -> mln(InputType.recurrent(4, 5), new RecurrentAttentionLayer.Builder()
                    .nIn(4).nOut(6).nHeads(2).projectInput(true).activation(Activation.TANH).build(), pool())),

    /**
     * Graph {@code (q [N, 4, 3], kv [N, 5, 5]) -> corrected.AttentionVertex(queries 4, keys and values 5 -> 6, 2 heads,
     * projectInput) "att" (q, kv, kv) -> average over time -> softmax(2)}.
     */
    CORRECTED_ATTENTION_VERTEX("corrected-attention-vertex", AttentionVertex.class, "att", true,
            new long[][] {{6, 4, 3}, {6, 5, 5}}, CompatCase::attentionVertexGraph);

    /** Seed of every network's configuration (initialisation, dropout masks). */
    static final long NET_SEED = 12345;
    /** Seed of the stored inputs and labels. */
    static final long DATA_SEED = 2024;
    /** Output classes of every network. */
    static final int CLASSES = 2;
    /** Adam steps before the network is stored. */
    static final int FIT_STEPS = 3;

    private final String dir;
    private final Class<?> component;
    private final String location;
    private final boolean graph;
    private final long[][] inputShapes;
    private final Supplier<Model> factory;

    CompatCase(String name, Class<?> component, String location, boolean graph, long[][] inputShapes,
            Supplier<Model> factory) {
        this.dir = name;
        this.component = component;
        this.location = location;
        this.graph = graph;
        this.inputShapes = inputShapes;
        this.factory = factory;
    }

    /** @return the artifact folder's name */
    public String dirName() {
        return dir;
    }

    /** @return the custom layer or vertex class the artifact holds */
    public Class<?> component() {
        return component;
    }

    /** @return the layer index (MultiLayerNetwork) or vertex name (ComputationGraph) of {@link #component()} */
    public String location() {
        return location;
    }

    /** @return whether the artifact is a ComputationGraph */
    public boolean graph() {
        return graph;
    }

    /** @return whether a training-mode output is stored as well (deterministic for this case) */
    public boolean storesTrainingOutput() {
        return this == INVERTED_DROPOUT || this == MHA_SELF || this == MHA_CROSS_VERTEX || this == POSITIONAL_ENCODING
                || this == TRANSFORMER_DECODER_LAYER;
    }

    /** @return a freshly initialised network (generation only) */
    Model newNetwork() {
        return factory.get();
    }

    /** @return the fixed inputs, uniform in [-1, 1), from {@link #DATA_SEED} (generation only) */
    List<INDArray> inputs() {
        SplittableRandom r = new SplittableRandom(DATA_SEED + ordinal());
        return Arrays.stream(inputShapes).map(shape -> {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            double[] v = new double[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = 2 * r.nextDouble() - 1;
            }
            return Nd4j.create(v, shape, 'c');
        }).toList();
    }

    /** @return one-hot labels over {@link #CLASSES} classes, alternating (generation only) */
    INDArray labels() {
        int n = (int) inputShapes[0][0];
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, CLASSES);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % CLASSES, 1.0);
        }
        return y;
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(NET_SEED).dataType(DataType.DOUBLE).updater(new Adam(0.01));
    }

    private static MultiLayerNetwork mln(InputType in, Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = base().list();
        for (Layer l : layers) {
            b.layer(l);
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nOut(CLASSES).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(in).build());
        net.init();
        return net;
    }

    private static MultiLayerNetwork ntXentNet() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(NtXentLoss.builder().temperature(0.3).build())
                .setInputType(InputType.feedForward(4)).build());
        net.init();
        return net;
    }

    private static ComputationGraph denseMergeGraph() {
        ComputationGraph g = new ComputationGraph(base().graphBuilder().addInputs("a", "b")
                .setInputTypes(InputType.feedForward(3), InputType.feedForward(2))
                .addLayer("pre", new DenseLayer.Builder().nIn(3).nOut(3).activation(Activation.TANH).build(), "a")
                .addVertex("dm", DenseMergeVertex.builder().nInA(3).nInB(2).nOut(4).activation(Activation.TANH)
                        .build(), "pre", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(4).nOut(CLASSES).build(), "dm")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    private static Layer pool() {
        return new GlobalPoolingLayer.Builder(PoolingType.AVG).build();
    }

    private static ComputationGraph sequenceGraph(String name, GraphVertex vertex, int t0, int t1) {
        ComputationGraph g = new ComputationGraph(base().graphBuilder().addInputs("in0", "in1")
                .setInputTypes(InputType.recurrent(4, t0), InputType.recurrent(4, t1))
                .addVertex(name, vertex, "in0", "in1")
                .addLayer("pool", pool(), name)
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(4).nOut(CLASSES).build(), "pool")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    private static ComputationGraph rnnGraph() {
        ComputationGraph g = new ComputationGraph(base().graphBuilder().addInputs("x", "features")
                .setInputTypes(InputType.recurrent(3, 5), InputType.feedForward(4))
                .addLayer("proj", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.IDENTITY).build(),
                        "features")
                .addVertex("rnn", VanillaRnnVertex.builder().nIn(3).nOut(5).weightInit(WeightInit.XAVIER_UNIFORM)
                        .build(), "x", "proj")
                .addLayer("pool", pool(), "rnn")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(5).nOut(CLASSES).build(), "pool")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    private static ComputationGraph attentionVertexGraph() {
        ComputationGraph g = new ComputationGraph(base().graphBuilder().addInputs("q", "kv")
                .setInputTypes(InputType.recurrent(4, 3), InputType.recurrent(5, 5))
                .addVertex("att", new AttentionVertex.Builder().nInQueries(4).nInKeys(5).nInValues(5).nOut(6)
                        .nHeads(2).projectInput(true).build(), "q", "kv", "kv")
                .addLayer("pool", pool(), "att")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(6).nOut(CLASSES).build(), "pool")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    private static Layer dense(int n) {
        return new DenseLayer.Builder().nOut(n).activation(Activation.IDENTITY).build();
    }

    private static Layer conv(int channels) {
        return new ConvolutionLayer.Builder(2, 2).nOut(channels).hasBias(false).activation(Activation.IDENTITY)
                .build();
    }

    private static Layer relu() {
        return new ActivationLayer(Activation.RELU);
    }
}
