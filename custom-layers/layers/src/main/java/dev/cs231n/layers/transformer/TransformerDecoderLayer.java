package dev.cs231n.layers.transformer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.attention.MultiHeadAttention;
import dev.cs231n.layers.dropout.DropoutMasks;
import dev.cs231n.layers.norm.LayerNorm;
import dev.cs231n.layers.norm.NormDefaults;
import dev.cs231n.layers.sequence.SequenceVertex;
import dev.cs231n.layers.sequence.Sequences;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's transformer decoder layer (CS231n 2025, assignment 3 {@code TransformerDecoderLayer}; Vaswani et al.
 * 2017, post-norm) as a two-input graph vertex:
 * <pre>
 * x = LN1(tgt + dropout(SelfMHA(tgt, tgt, tgt, causal)))
 * x = LN2(x + dropout(CrossMHA(x, memory, memory)))
 * out = LN3(x + dropout(FFN(x))),   FFN(x) = dropout(act(x W1 + b1)) W2 + b2,   act = ReLU or exact GELU
 * </pre>
 * with {@link MultiHeadAttention} (attention-weight dropout included) and {@link LayerNorm} over the features.
 *
 * <p>Inputs, in this order: {@code tgt [N, E, T]} and {@code memory [N, E, S]} (NCW; NWC with {@code dataFormat}),
 * any {@code T} and {@code S}; output {@code [N, E, T]}, masked like {@code tgt}. DL4J sequence masks mark padded
 * target steps (masked as keys of the self-attention) and padded memory steps (masked as keys of the
 * cross-attention). The memory must have the decoder's width {@code E}.
 *
 * <p>Parameters (the course's names without their underscore, which DL4J reserves: it splits gradient keys
 * {@code vertex_param} at the last {@code '_'}): {@code saWq .. sabp} and {@code caWq .. cabp} (the two attentions,
 * see {@link MultiHeadAttention}), {@code ffW1: [E, F]}, {@code ffb1: [F]}, {@code ffW2: [F, E]}, {@code ffb2: [E]},
 * {@code n1g, n1b, n2g, n2b, n3g, n3b: [E]} (LayerNorm gamma and beta). Each weight is initialised from its
 * own fan-in and fan-out; biases 0, gammas 1. Defaults: {@code dimFeedforward} {@value #DEFAULT_DIM_FEEDFORWARD},
 * dropout {@value MultiHeadAttention#DEFAULT_DROPOUT} (the course's), ReLU, causal self-attention, eps 1e-5.
 * Dropout masks are a function of the network's seed, the vertex, the iteration and the epoch (reproducible).
 *
 * <pre>
 * .addVertex("dec1", TransformerDecoderLayer.builder().nIn(256).numHeads(4).build(), "embedded", "memory")
 * </pre>
 */
public class TransformerDecoderLayer extends SequenceVertex {

    private static final long serialVersionUID = 1L;

    /** Name of the target-sequence input in the vertex's graph. */
    public static final String TGT = "tgt";
    /** Name of the memory input in the vertex's graph. */
    public static final String MEMORY = "memory";
    /** Prefix of the self-attention's parameter keys. */
    public static final String SELF_PREFIX = "sa";
    /** Prefix of the cross-attention's parameter keys. */
    public static final String CROSS_PREFIX = "ca";
    /** Parameter key of the first feed-forward weight {@code [E, F]}. */
    public static final String FF_W1 = "ffW1";
    /** Parameter key of the first feed-forward bias {@code [F]}. */
    public static final String FF_B1 = "ffb1";
    /** Parameter key of the second feed-forward weight {@code [F, E]}. */
    public static final String FF_W2 = "ffW2";
    /** Parameter key of the second feed-forward bias {@code [E]}. */
    public static final String FF_B2 = "ffb2";
    /** Parameter keys of the three LayerNorm gammas {@code [E]}. */
    public static final String[] NORM_GAMMAS = {"n1g", "n2g", "n3g"};
    /** Parameter keys of the three LayerNorm betas {@code [E]}. */
    public static final String[] NORM_BETAS = {"n1b", "n2b", "n3b"};
    /** The course's default feed-forward width. */
    public static final int DEFAULT_DIM_FEEDFORWARD = 2048;

    /** Placeholder names: the self-attention bias and the six dropout masks. */
    static final String SA_BIAS = "saBias";
    static final String[] DROPS = {"saDrop", "caDrop", "d1", "d2", "ffDrop", "d3"};

    private long nIn;
    private int numHeads = 1;
    private long dimFeedforward = DEFAULT_DIM_FEEDFORWARD;
    private double dropout = MultiHeadAttention.DEFAULT_DROPOUT;
    private FeedForwardActivation activation = FeedForwardActivation.RELU;
    private boolean causal = true;
    private double eps = NormDefaults.EPS;
    private RNNFormat dataFormat = RNNFormat.NCW;
    private WeightInit weightInit = MultiHeadAttention.DEFAULT_WEIGHT_INIT;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected TransformerDecoderLayer() {
    }

    /** @return a new builder; {@code nIn} (E) is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the self-attention's definition (causal as configured) */
    MultiHeadAttention selfAttention() {
        MultiHeadAttention a = attention();
        a.setCausal(causal);
        return a;
    }

    /** @return the cross-attention's definition */
    MultiHeadAttention crossAttention() {
        return attention();
    }

    private MultiHeadAttention attention() {
        MultiHeadAttention a = new MultiHeadAttention();
        a.setEmbedDim(nIn);
        a.setNumHeads(numHeads);
        a.setDropout(dropout);
        a.setWeightInit(weightInit);
        return a;
    }

    private LayerNorm norm() {
        LayerNorm n = LayerNorm.builder().nIn(nIn).eps(eps).dataFormat(RNNFormat.NWC).build();
        return n;
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        params.clear();
        params.defineInputs(TGT, MEMORY);
        for (String prefix : new String[] {SELF_PREFIX, CROSS_PREFIX}) {
            for (int i = 0; i < 4; i++) {
                params.addWeightParam(prefix + MultiHeadAttention.WEIGHT_KEYS[i], nIn, nIn);
                params.addBiasParam(prefix + MultiHeadAttention.BIAS_KEYS[i], nIn);
            }
        }
        params.addWeightParam(FF_W1, nIn, dimFeedforward);
        params.addBiasParam(FF_B1, dimFeedforward);
        params.addWeightParam(FF_W2, dimFeedforward, nIn);
        params.addBiasParam(FF_B2, nIn);
        for (int i = 0; i < 3; i++) {
            params.addWeightParam(NORM_GAMMAS[i], nIn);
            params.addBiasParam(NORM_BETAS[i], nIn);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        selfAttention().initialize(params, SELF_PREFIX);
        crossAttention().initialize(params, CROSS_PREFIX);
        for (String k : new String[] {FF_W1, FF_W2}) {
            INDArray w = params.get(k);
            weightInit.getWeightInitFunction().init(w.size(0), w.size(1), w.shape(), 'c', w);
        }
        params.get(FF_B1).assign(0.0);
        params.get(FF_B2).assign(0.0);
        for (int i = 0; i < 3; i++) {
            params.get(NORM_GAMMAS[i]).assign(NormDefaults.GAMMA_INIT);
            params.get(NORM_BETAS[i]).assign(NormDefaults.BETA_INIT);
        }
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> in, Map<String, SDVariable> p,
            Map<String, SDVariable> masks) {
        SDVariable tgt = Sequences.toNwc(in.get(TGT), dataFormat);
        SDVariable memory = Sequences.toNwc(in.get(MEMORY), dataFormat);
        DataType dt = tgt.dataType();
        SDVariable[] drop = new SDVariable[DROPS.length];
        if (dropout > 0) {
            drop[0] = sd.placeHolder(DROPS[0], dt, -1, -1, -1, -1);
            drop[1] = sd.placeHolder(DROPS[1], dt, -1, -1, -1, -1);
            drop[2] = sd.placeHolder(DROPS[2], dt, -1, -1, -1);
            drop[3] = sd.placeHolder(DROPS[3], dt, -1, -1, -1);
            drop[4] = sd.placeHolder(DROPS[4], dt, -1, -1);
            drop[5] = sd.placeHolder(DROPS[5], dt, -1, -1, -1);
        }
        SDVariable bias = causal ? sd.placeHolder(SA_BIAS, dt, -1, -1) : null;
        LayerNorm ln = norm();

        SDVariable sa = selfAttention().define(sd, tgt, tgt, tgt, p, SELF_PREFIX, masks.get(TGT), bias, drop[0]);
        SDVariable x = ln.normalize(sd, tgt.add(dropped(sa, drop[2])), 3, p.get(NORM_GAMMAS[0]),
                p.get(NORM_BETAS[0]));
        SDVariable ca = crossAttention().define(sd, x, memory, memory, p, CROSS_PREFIX, masks.get(MEMORY), null,
                drop[1]);
        x = ln.normalize(sd, x.add(dropped(ca, drop[3])), 3, p.get(NORM_GAMMAS[1]), p.get(NORM_BETAS[1]));
        SDVariable h = activation.apply(sd, x.reshape(-1, nIn).mmul(p.get(FF_W1)).add(p.get(FF_B1)));
        SDVariable f = sd.reshape(dropped(h, drop[4]).mmul(p.get(FF_W2)).add(p.get(FF_B2)), sd.shape(x));
        SDVariable out = ln.normalize(sd, x.add(dropped(f, drop[5])), 3, p.get(NORM_GAMMAS[2]),
                p.get(NORM_BETAS[2]));
        return Sequences.fromNwc(out, dataFormat).rename("out");
    }

    private static SDVariable dropped(SDVariable x, SDVariable mask) {
        return mask == null ? x : x.mul(mask);
    }

    @Override
    public Map<String, INDArray> placeholderValues(INDArray[] inputs, INDArray[] masks, boolean training, long seed,
            DropoutMasks gen, DataType dataType) {
        Sequences.checkMask(masks[0], inputs[0], dataFormat, describe() + " (tgt)");
        Sequences.checkMask(masks[1], inputs[1], dataFormat, describe() + " (memory)");
        long n = inputs[0].size(0);
        long t = Sequences.length(inputs[0], dataFormat);
        long s = Sequences.length(inputs[1], dataFormat);
        Map<String, INDArray> ph = new HashMap<>();
        if (causal) {
            ph.put(SA_BIAS, selfAttention().attentionBias(t, t, dataType, describe()));
        }
        if (dropout > 0) {
            long[][] shapes = {{n, numHeads, t, t}, {n, numHeads, t, s}, {n, t, nIn}, {n, t, nIn},
                {n * t, dimFeedforward}, {n, t, nIn}};
            for (int i = 0; i < DROPS.length; i++) {
                ph.put(DROPS[i], training ? gen.mask(shapes[i], dataType, 1.0 - dropout, DropoutMasks.seed(seed, i))
                        : Nd4j.ones(dataType, shapes[i]));
            }
        }
        return ph;
    }

    @Override
    protected long lengthOf(int input, INDArray x) {
        return Sequences.length(x, dataFormat);
    }

    @Override
    public void validateInput(INDArray[] inputs) {
        Sequences.check(inputs[0], dataFormat, nIn, describe() + " (tgt)");
        if (inputs[1].rank() == 3 && Sequences.features(inputs[1], dataFormat) != nIn) {
            throw new IllegalArgumentException(describe() + ": the memory has " + Sequences.features(inputs[1],
                    dataFormat) + " features (shape " + Arrays.toString(inputs[1].shape())
                    + ") but the decoder's width is E = " + nIn + "; project it to " + nIn + " first");
        }
        Sequences.check(inputs[1], dataFormat, nIn, describe() + " (memory)");
        if (inputs[1].size(0) != inputs[0].size(0)) {
            throw new IllegalArgumentException(describe() + ": memory minibatch " + inputs[1].size(0)
                    + " differs from the target's " + inputs[0].size(0));
        }
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 2) {
            throw new InvalidInputTypeException(describe() + " takes 2 inputs (tgt, memory), got "
                    + vertexInputs.length);
        }
        String[] names = {"tgt", "memory"};
        for (int i = 0; i < 2; i++) {
            if (!(vertexInputs[i] instanceof InputType.InputTypeRecurrent)) {
                throw new InvalidInputTypeException(describe() + ": the " + names[i] + " must be a sequence "
                        + "(InputType.recurrent), got " + vertexInputs[i]);
            }
            InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) vertexInputs[i];
            if (r.getSize() != nIn) {
                throw new InvalidInputTypeException(describe() + ": the " + names[i] + " has " + r.getSize()
                        + " features but the decoder's width is E = " + nIn);
            }
            if (r.getFormat() != dataFormat) {
                throw new InvalidInputTypeException(describe() + ": the " + names[i] + " is " + r.getFormat()
                        + " but the vertex is configured for " + dataFormat + "; set dataFormat(" + r.getFormat()
                        + ")");
            }
        }
        return vertexInputs[0];
    }

    /** @return the class and vertex name, for messages */
    String describe() {
        return "TransformerDecoderLayer" + (getName() == null ? "" : " '" + getName() + "'");
    }

    /** @return the width {@code E} of target, memory and output */
    public long getNIn() {
        return nIn;
    }

    /** @param nIn the width {@code E} */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** @return the number of attention heads {@code H} */
    public int getNumHeads() {
        return numHeads;
    }

    /** @param numHeads the number of attention heads {@code H} */
    public void setNumHeads(int numHeads) {
        this.numHeads = numHeads;
    }

    /** @return the feed-forward width {@code F} */
    public long getDimFeedforward() {
        return dimFeedforward;
    }

    /** @param dimFeedforward the feed-forward width {@code F} */
    public void setDimFeedforward(long dimFeedforward) {
        this.dimFeedforward = dimFeedforward;
    }

    /** @return the drop probability of every dropout in the layer, in training */
    public double getDropout() {
        return dropout;
    }

    /** @param dropout the drop probability of every dropout in the layer, in [0, 1) */
    public void setDropout(double dropout) {
        this.dropout = dropout;
    }

    /** @return the feed-forward activation */
    public FeedForwardActivation getActivation() {
        return activation;
    }

    /** @param activation the feed-forward activation */
    public void setActivation(FeedForwardActivation activation) {
        this.activation = activation;
    }

    /** @return whether the self-attention is causal */
    public boolean isCausal() {
        return causal;
    }

    /** @param causal whether the self-attention is causal */
    public void setCausal(boolean causal) {
        this.causal = causal;
    }

    /** @return the LayerNorms' eps */
    public double getEps() {
        return eps;
    }

    /** @param eps the LayerNorms' eps */
    public void setEps(double eps) {
        this.eps = eps;
    }

    /** @return the sequence layout of inputs and output */
    public RNNFormat getDataFormat() {
        return dataFormat;
    }

    /** @param dataFormat the sequence layout of inputs and output */
    public void setDataFormat(RNNFormat dataFormat) {
        this.dataFormat = dataFormat;
    }

    /** @return the initialisation of every weight matrix */
    public WeightInit getWeightInit() {
        return weightInit;
    }

    /** @param weightInit the initialisation of every weight matrix */
    public void setWeightInit(WeightInit weightInit) {
        this.weightInit = weightInit;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TransformerDecoderLayer)) {
            return false;
        }
        TransformerDecoderLayer d = (TransformerDecoderLayer) o;
        return nIn == d.nIn && numHeads == d.numHeads && dimFeedforward == d.dimFeedforward
                && Double.compare(dropout, d.dropout) == 0 && activation == d.activation && causal == d.causal
                && Double.compare(eps, d.eps) == 0 && dataFormat == d.dataFormat && weightInit == d.weightInit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), nIn, numHeads, dimFeedforward, dropout, activation, causal, eps, dataFormat,
                weightInit);
    }

    /** Builds a validated {@link TransformerDecoderLayer}. */
    public static final class Builder {
        private final TransformerDecoderLayer d = new TransformerDecoderLayer();

        private Builder() {
        }

        /**
         * @param e the width {@code E} of target, memory and output; required
         * @return this builder
         */
        public Builder nIn(long e) {
            d.nIn = e;
            return this;
        }

        /**
         * @param h the number of heads of both attentions; must divide {@code E}; default 1
         * @return this builder
         */
        public Builder numHeads(int h) {
            d.numHeads = h;
            return this;
        }

        /**
         * @param f the feed-forward width; default {@value #DEFAULT_DIM_FEEDFORWARD}
         * @return this builder
         */
        public Builder dimFeedforward(long f) {
            d.dimFeedforward = f;
            return this;
        }

        /**
         * @param p the drop probability of every dropout (attention weights, sublayer outputs, feed-forward hidden
         *          units), in [0, 1); default {@value MultiHeadAttention#DEFAULT_DROPOUT}
         * @return this builder
         */
        public Builder dropout(double p) {
            d.dropout = p;
            return this;
        }

        /**
         * @param a the feed-forward activation; default RELU
         * @return this builder
         */
        public Builder activation(FeedForwardActivation a) {
            d.activation = a;
            return this;
        }

        /**
         * @param causal whether target step {@code t} attends only to steps {@code <= t}; default true
         * @return this builder
         */
        public Builder causal(boolean causal) {
            d.causal = causal;
            return this;
        }

        /**
         * @param eps the LayerNorms' eps, positive; default {@value NormDefaults#EPS}
         * @return this builder
         */
        public Builder eps(double eps) {
            d.eps = eps;
            return this;
        }

        /**
         * @param format NCW (default) or NWC, for both inputs and the output
         * @return this builder
         */
        public Builder dataFormat(RNNFormat format) {
            d.dataFormat = format;
            return this;
        }

        /**
         * @param init the initialisation of every weight matrix (each from its own fan-in/fan-out); default XAVIER
         * @return this builder
         */
        public Builder weightInit(WeightInit init) {
            d.weightInit = init;
            return this;
        }

        /** @return the vertex configuration */
        public TransformerDecoderLayer build() {
            String layer = "TransformerDecoderLayer";
            d.attention().validate(layer, true);
            if (d.dimFeedforward <= 0) {
                throw new IllegalArgumentException(layer + ": dimFeedforward must be positive, got "
                        + d.dimFeedforward);
            }
            if (d.activation == null || d.dataFormat == null) {
                throw new IllegalArgumentException(layer + ": activation and dataFormat must not be null");
            }
            if (!(d.eps > 0) || Double.isInfinite(d.eps)) {
                throw new IllegalArgumentException(layer + ": eps must be positive and finite, got " + d.eps);
            }
            return (TransformerDecoderLayer) d.clone();
        }
    }
}
