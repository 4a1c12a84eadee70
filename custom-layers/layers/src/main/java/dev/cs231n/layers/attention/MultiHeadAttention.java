package dev.cs231n.layers.attention;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.dropout.DropoutMasks;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's multi-head attention (CS231n 2025, assignment 3 {@code MultiHeadAttention}; Vaswani et al. 2017,
 * "Attention Is All You Need", arXiv:1706.03762): the definition and options shared by
 * {@link MultiHeadSelfAttention} (a layer) and {@link MultiHeadAttentionVertex} (cross-attention), and by the
 * transformer layers that contain attention.
 *
 * <p>Shapes (computed in NWC): query {@code [N, S, E]}, key and value {@code [N, T, E]}, output {@code [N, S, E]};
 * parameters {@code Wq, Wk, Wv, Wp: [E, E]} and {@code bq, bk, bv, bp: [E]} (keys {@link #WQ} ... {@link #BP};
 * {@code [in, out]}, i.e. the transpose of {@code torch.nn.Linear.weight}). With {@code H} heads of {@code D = E/H}
 * (head {@code h} = columns {@code h*D .. (h+1)*D - 1}):
 * <pre>
 * Q = query Wq + bq,   K = key Wk + bk,   V = value Wv + bv                      [N, S|T, E] -&gt; [N, H, S|T, D]
 * scores = Q K^T / sqrt(D) + bias                                                 [N, H, S, T]
 *   bias[s, t] = MASKED (-1e9) where the attention mask is 0 (causal: t &gt; s) or key t is padding, else 0
 * A = dropout(softmax over t of scores)                                           (dropout only in training)
 * out = concat_h(A_h V_h) Wp + bp                                                 [N, S, E]
 * </pre>
 * Masked entries get weight exactly 0 (their {@code exp} underflows), so a masked key changes nothing, bit for bit.
 * A query row with no key to attend to (all masked) gets the softmax of its unmasked scores shifted by
 * {@code -1e9}, i.e. finite values, where PyTorch gives NaN: give every query at least one key.
 *
 * <p>Dropout on the attention weights ({@link #getDropout()}, the drop probability as in the course and PyTorch; kept
 * weights are scaled by {@code 1/(1-dropout)}) uses masks that are a pure function of the network's seed, the layer,
 * the iteration and the epoch ({@link DropoutMasks}), so training is reproducible and gradient-checkable.
 * Each weight is initialised with {@link #getWeightInit()} from its own fan-in and fan-out ({@code E, E}); biases 0.
 */
public class MultiHeadAttention implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the query projection {@code Wq: [E, E]}. */
    public static final String WQ = "Wq";
    /** Parameter key of the query bias {@code bq: [E]}. */
    public static final String BQ = "bq";
    /** Parameter key of the key projection {@code Wk: [E, E]}. */
    public static final String WK = "Wk";
    /** Parameter key of the key bias {@code bk: [E]} (its gradient is zero in exact arithmetic). */
    public static final String BK = "bk";
    /** Parameter key of the value projection {@code Wv: [E, E]}. */
    public static final String WV = "Wv";
    /** Parameter key of the value bias {@code bv: [E]}. */
    public static final String BV = "bv";
    /** Parameter key of the output projection {@code Wp: [E, E]}. */
    public static final String WP = "Wp";
    /** Parameter key of the output bias {@code bp: [E]}. */
    public static final String BP = "bp";
    /** The weight keys, in parameter order. */
    public static final String[] WEIGHT_KEYS = {WQ, WK, WV, WP};
    /** The bias keys, in parameter order. */
    public static final String[] BIAS_KEYS = {BQ, BK, BV, BP};

    /** Default drop probability of the attention weights (the course's). */
    public static final double DEFAULT_DROPOUT = 0.1;
    /** Default weight initialisation. */
    public static final WeightInit DEFAULT_WEIGHT_INIT = WeightInit.XAVIER;
    /** The score added where attention is masked; {@code exp} of it underflows to 0 in float and double. */
    public static final double MASKED = -1e9;

    private long embedDim;
    private int numHeads = 1;
    private double dropout = DEFAULT_DROPOUT;
    private boolean causal;
    private int[][] attentionMask;
    private WeightInit weightInit = DEFAULT_WEIGHT_INIT;

    /** For JSON deserialisation and builders; every option at its default, {@code embedDim} unset (0). */
    public MultiHeadAttention() {
    }

    /**
     * Checks the options.
     *
     * @param layer       the owning layer's description, for messages
     * @param needEmbed   whether {@code embedDim} must already be known (else 0 = inferred later is allowed)
     * @throws IllegalArgumentException naming the layer and the sizes
     */
    public void validate(String layer, boolean needEmbed) {
        if (numHeads <= 0) {
            throw new IllegalArgumentException(layer + ": numHeads must be positive, got " + numHeads);
        }
        if (embedDim < 0 || (needEmbed && embedDim == 0)) {
            throw new IllegalArgumentException(layer + ": the embedding size E must be positive"
                    + (needEmbed ? "" : " (or 0 to infer it from the input type)") + ", got " + embedDim);
        }
        if (embedDim > 0 && embedDim % numHeads != 0) {
            throw new IllegalArgumentException(layer + ": the embedding size E = " + embedDim
                    + " is not divisible by the number of heads H = " + numHeads + " (each head has E/H features)");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(layer + ": dropout (the drop probability of the attention weights) "
                    + "must be in [0, 1), got " + dropout);
        }
        if (weightInit == null) {
            throw new IllegalArgumentException(layer + ": weightInit must not be null");
        }
        if (attentionMask != null) {
            int cols = attentionMask.length == 0 ? 0 : attentionMask[0].length;
            if (cols == 0) {
                throw new IllegalArgumentException(layer + ": the attention mask must be S x T with S, T > 0");
            }
            for (int[] row : attentionMask) {
                if (row.length != cols) {
                    throw new IllegalArgumentException(layer + ": the attention mask's rows must all have T = " + cols
                            + " entries, found a row of " + row.length);
                }
                for (int v : row) {
                    if (v != 0 && v != 1) {
                        throw new IllegalArgumentException(layer + ": attention mask entries must be 1 (may attend) "
                                + "or 0 (masked), found " + v);
                    }
                }
            }
        }
    }

    /**
     * Initialises one attention's parameters: each weight from its own fan-in and fan-out, biases 0.
     *
     * @param params the parameter views
     * @param prefix the keys' prefix ("" for the attention layers)
     */
    public void initialize(Map<String, INDArray> params, String prefix) {
        for (String k : WEIGHT_KEYS) {
            INDArray w = params.get(prefix + k);
            weightInit.getWeightInitFunction().init(w.size(0), w.size(1), w.shape(), 'c', w);
        }
        for (String k : BIAS_KEYS) {
            params.get(prefix + k).assign(0.0);
        }
    }

    /** @return whether the graph has an attention-bias placeholder {@code [S, T]} (causal or a configured mask) */
    public boolean hasAttentionBias() {
        return causal || attentionMask != null;
    }

    /**
     * The additive attention bias for {@code S} queries and {@code T} keys: {@link #MASKED} where the configured
     * mask is 0 or (causal) {@code t > s}, else 0.
     *
     * @param s     number of queries
     * @param t     number of keys
     * @param type  data type
     * @param layer the owning layer's description, for the message
     * @return the bias {@code [S, T]}
     * @throws IllegalArgumentException when the configured mask is not {@code S x T}
     */
    public INDArray attentionBias(long s, long t, DataType type, String layer) {
        if (attentionMask != null && (attentionMask.length != s || attentionMask[0].length != t)) {
            throw new IllegalArgumentException(layer + ": the attention mask is " + attentionMask.length + " x "
                    + attentionMask[0].length + " but the sequences have S = " + s + " queries and T = " + t
                    + " keys; it must be S x T");
        }
        double[] b = new double[(int) (s * t)];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < t; j++) {
                boolean masked = (causal && j > i) || (attentionMask != null && attentionMask[i][j] == 0);
                b[(int) (i * t + j)] = masked ? MASKED : 0.0;
            }
        }
        return Nd4j.createFromArray(b).reshape(s, t).castTo(type);
    }

    /**
     * The dropout mask of the attention weights for one pass: {@code bernoulli(1 - dropout) / (1 - dropout)} in
     * training, ones otherwise.
     *
     * @param n        minibatch size
     * @param s        number of queries
     * @param t        number of keys
     * @param training whether dropout is active
     * @param seed     this pass's seed
     * @param gen      the mask generator
     * @param type     data type
     * @return the mask {@code [N, H, S, T]}
     */
    public INDArray dropoutMask(long n, long s, long t, boolean training, long seed, DropoutMasks gen,
            DataType type) {
        long[] shape = {n, numHeads, s, t};
        return training ? gen.mask(shape, type, 1.0 - dropout, seed) : Nd4j.ones(type, shape);
    }

    /**
     * Defines the attention in a graph. All sequences are NWC; sizes other than {@code E} may be unknown.
     *
     * @param sd       the graph
     * @param query    {@code [N, S, E]}
     * @param key      {@code [N, T, E]}
     * @param value    {@code [N, T, E]}
     * @param p        the graph's parameters
     * @param prefix   the parameter keys' prefix
     * @param keyMask  DL4J mask of the keys {@code [N, T]} (1 = present), or null
     * @param bias     the attention bias placeholder {@code [S, T]}, or null
     * @param dropMask the attention-weight dropout placeholder {@code [N, H, S, T]}, or null
     * @return the output {@code [N, S, E]}
     */
    public SDVariable define(SameDiff sd, SDVariable query, SDVariable key, SDVariable value,
            Map<String, SDVariable> p, String prefix, SDVariable keyMask, SDVariable bias, SDVariable dropMask) {
        long d = embedDim / numHeads;
        SDVariable q = heads(sd, query, p.get(prefix + WQ), p.get(prefix + BQ));
        SDVariable k = heads(sd, key, p.get(prefix + WK), p.get(prefix + BK));
        SDVariable v = heads(sd, value, p.get(prefix + WV), p.get(prefix + BV));
        SDVariable scores = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(d));   // [N, H, S, T]
        SDVariable add = null;
        if (keyMask != null) {
            // [N, T] -> [N, 1, 1, T]: 0 where present, MASKED where padding
            add = sd.expandDims(sd.expandDims(keyMask.rsub(1.0).mul(MASKED), 1), 1);
        }
        if (bias != null) {
            add = add == null ? bias : add.add(bias);                                      // [N, 1, S, T]
        }
        if (add != null) {
            scores = scores.add(add);
        }
        SDVariable a = sd.nn().softmax(scores, 3);
        if (dropMask != null) {
            a = a.mul(dropMask);
        }
        SDVariable y = sd.mmul(a, v).permute(0, 2, 1, 3);                                 // [N, S, H, D]
        SDVariable flat = y.reshape(-1, embedDim).mmul(p.get(prefix + WP)).add(p.get(prefix + BP));
        return sd.reshape(flat, sd.shape(query));
    }

    /** {@code x W + b} split into heads: {@code [N, L, E] -> [N, H, L, D]}. */
    private SDVariable heads(SameDiff sd, SDVariable x, SDVariable w, SDVariable b) {
        SDVariable proj = x.reshape(-1, embedDim).mmul(w).add(b);                          // [N*L, E]
        SDVariable nl = sd.shape(x).get(SDIndex.interval(0, 2));
        SDVariable hd = sd.constant(Nd4j.createFromArray(new long[] {numHeads, embedDim / numHeads})
                .castTo(nl.dataType()));
        return sd.reshape(proj, sd.concat(0, nl, hd)).permute(0, 2, 1, 3);
    }

    /** @return the embedding size {@code E} (0 until inferred) */
    public long getEmbedDim() {
        return embedDim;
    }

    /** @param embedDim the embedding size {@code E} */
    public void setEmbedDim(long embedDim) {
        this.embedDim = embedDim;
    }

    /** @return the number of heads {@code H} */
    public int getNumHeads() {
        return numHeads;
    }

    /** @param numHeads the number of heads {@code H} */
    public void setNumHeads(int numHeads) {
        this.numHeads = numHeads;
    }

    /** @return the drop probability of the attention weights in training */
    public double getDropout() {
        return dropout;
    }

    /** @param dropout the drop probability of the attention weights in training, in [0, 1) */
    public void setDropout(double dropout) {
        this.dropout = dropout;
    }

    /** @return whether query {@code s} may attend only to keys {@code t <= s} */
    public boolean isCausal() {
        return causal;
    }

    /** @param causal whether query {@code s} may attend only to keys {@code t <= s} */
    public void setCausal(boolean causal) {
        this.causal = causal;
    }

    /** @return the fixed {@code S x T} attention mask (1 = may attend, 0 = masked), or null */
    public int[][] getAttentionMask() {
        return attentionMask;
    }

    /** @param attentionMask a fixed {@code S x T} attention mask (1 = may attend, 0 = masked), or null */
    public void setAttentionMask(int[][] attentionMask) {
        this.attentionMask = attentionMask;
    }

    /** @return the initialisation of the four weights */
    public WeightInit getWeightInit() {
        return weightInit;
    }

    /** @param weightInit the initialisation of the four weights */
    public void setWeightInit(WeightInit weightInit) {
        this.weightInit = weightInit;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MultiHeadAttention)) {
            return false;
        }
        MultiHeadAttention m = (MultiHeadAttention) o;
        return embedDim == m.embedDim && numHeads == m.numHeads && Double.compare(dropout, m.dropout) == 0
                && causal == m.causal && Arrays.deepEquals(attentionMask, m.attentionMask)
                && weightInit == m.weightInit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(embedDim, numHeads, dropout, causal, Arrays.deepHashCode(attentionMask), weightInit);
    }

    @Override
    public String toString() {
        return "MultiHeadAttention(E=" + embedDim + ", H=" + numHeads + ", dropout=" + dropout + ", causal=" + causal
                + (attentionMask == null ? "" : ", mask " + attentionMask.length + "x" + attentionMask[0].length)
                + ")";
    }
}
