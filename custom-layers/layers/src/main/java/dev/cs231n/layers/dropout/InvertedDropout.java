package dev.cs231n.layers.dropout;

import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffLayer;
import dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout (Srivastava et al. 2014, "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
 * JMLR 15), as in CS231n's {@code dropout_forward}: in training each activation is kept with probability {@code p}
 * and scaled by {@code 1/p}, so that inference is the identity.
 * <pre>
 * training:  mask = (u &lt; p) / p,  u ~ U[0, 1) elementwise;   out = x * mask;   dx = dout * mask
 * inference: out = x;   dx = dout
 * </pre>
 * Any input shape ({@code [N, D]}, {@code [N, C, H, W]}, {@code [N, D, T]}); output the same shape; no parameters.
 * {@code p = 1} keeps everything. Default {@code p = 0.5} ({@link #DEFAULT_KEEP_PROBABILITY}).
 *
 * <p>Reproducible: the mask is a pure function of the network's seed, this layer's index, the network's iteration
 * and epoch counters and the input shape ({@link DropoutMasks}). Every minibatch of {@code fit} therefore draws a
 * new mask (the counters advance), the backward pass uses exactly the forward pass's mask, and repeated
 * training-mode passes without a parameter update (as GradientCheckUtil makes) see the same mask, so the layer can
 * be gradient-checked without resetting any RNG. (Unlike PyTorch's train mode, two {@code output(x, true)} calls
 * between updates therefore agree.)
 *
 * <p>The network builder's global {@code dropOut(...)} is taken as DL4J's {@code DropoutLayer} takes it: a keep
 * probability set on this layer wins and the global dropout is not applied on top of it; without one, the layer
 * keeps with the global {@code dropOut(p)}'s {@code p}; without either, {@code p} is {@link #DEFAULT_KEEP_PROBABILITY}.
 * A global dropout that is no plain {@code Dropout(p)} (Gaussian, alpha, spatial dropout or a schedule) is rejected
 * when the configuration is built unless the layer sets its keep probability. The resolved {@code p} is what the
 * configuration (and its JSON) stores; DL4J's {@code idropout} field of this layer stays null.
 */
public class InvertedDropout extends CorrectedSameDiffLayer {

    private static final long serialVersionUID = 1L;

    /** The keep probability used when none is configured (the course's default). */
    public static final double DEFAULT_KEEP_PROBABILITY = 0.5;
    /** Name of the mask placeholder in the layer's graph. */
    static final String MASK_PLACEHOLDER = "dropoutMask";

    private double keepProbability = DEFAULT_KEEP_PROBABILITY;
    /** Built without a keep probability: the network builder's dropout may give one (never stored in JSON). */
    private transient boolean keepProbabilityUnset;
    /** The network builder is about to offer its dropout through {@link #setIDropout}, already resolved. */
    private transient boolean globalDropoutResolved;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected InvertedDropout() {
        super();
    }

    private InvertedDropout(Builder b) {
        super(b);
        this.keepProbability = b.keepProbability;
        this.keepProbabilityUnset = !b.keepProbabilitySet;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // no parameters
    }

    /** The training-mode graph {@code out = x * mask}, with the mask fed as a placeholder. */
    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        SDVariable dropMask = sd.placeHolder(MASK_PLACEHOLDER, layerInput.dataType(), layerInput.getShape());
        return layerInput.mul("out", dropMask);
    }

    @Override
    protected CorrectedSameDiffLayerImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new InvertedDropoutImpl(conf, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    /**
     * Takes the network builder's dropout as DL4J's {@code DropoutLayer} does (see the class comment).
     *
     * @param b the network builder
     * @throws IllegalArgumentException for a global dropout other than a plain {@code Dropout(p)} when this layer
     *                                  sets no keep probability
     */
    @Override
    public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder b) {
        IDropout d = b.getIdropOut();
        if (d != null) {
            if (keepProbabilityUnset) {
                if (!(d instanceof Dropout) || ((Dropout) d).getPSchedule() != null) {
                    throw new IllegalArgumentException(describe() + ": the network's global dropout is a "
                            + d.getClass().getSimpleName() + (d instanceof Dropout ? " with a schedule" : "")
                            + ", which this layer cannot apply; set keepProbability(p) on the layer (then the global "
                            + "dropout does not apply to it), or use DL4J's DropoutLayer here");
                }
                keepProbability = ((Dropout) d).getP();
            }
            globalDropoutResolved = true;
        }
        keepProbabilityUnset = false;
    }

    /**
     * DL4J's {@code idropout} of this layer is always null: its dropout is its keep probability. The network builder
     * offers its global dropout here after {@link #applyGlobalConfigToLayer} has resolved it; that offer is
     * declined, anything else refused.
     *
     * @param iDropout null, or the network builder's dropout being offered
     * @throws IllegalArgumentException for any other dropout
     */
    @Override
    public void setIDropout(IDropout iDropout) {
        if (iDropout == null) {
            super.setIDropout(null);
        } else if (globalDropoutResolved) {
            globalDropoutResolved = false;
        } else {
            throw new IllegalArgumentException(describe() + ": this layer's dropout is its keep probability; set "
                    + "keepProbability(p) instead of a DL4J dropout");
        }
    }

    private String describe() {
        return "InvertedDropout" + (getLayerName() == null ? "" : " '" + getLayerName() + "'");
    }

    /** @return the probability {@code p} of keeping an activation, in (0, 1] */
    public double getKeepProbability() {
        return keepProbability;
    }

    /** @param keepProbability the probability {@code p} of keeping an activation, in (0, 1] */
    public void setKeepProbability(double keepProbability) {
        this.keepProbability = keepProbability;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvertedDropout && super.equals(o)
                && Double.compare(keepProbability, ((InvertedDropout) o).keepProbability) == 0;
    }

    /** Hashes the class, name and option (DL4J's SameDiff-layer hash code is not stable across copies). */
    @Override
    public int hashCode() {
        return Objects.hash(getClass(), getLayerName(), keepProbability);
    }

    /** Builds a validated {@link InvertedDropout}. */
    public static final class Builder extends CorrectedSameDiffLayer.Builder<Builder> {
        private double keepProbability = DEFAULT_KEEP_PROBABILITY;
        private boolean keepProbabilitySet;

        private Builder() {
        }

        /**
         * @param p the probability of keeping each activation, in (0, 1] (the course's {@code p}; PyTorch's
         *          {@code nn.Dropout(q)} takes the drop probability {@code q = 1 - p}); when unset, the network
         *          builder's global {@code dropOut(p)}, else {@link #DEFAULT_KEEP_PROBABILITY}
         * @return this builder
         */
        public Builder keepProbability(double p) {
            this.keepProbability = p;
            this.keepProbabilitySet = true;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public InvertedDropout build() {
            String layer = "InvertedDropout" + (getLayerName() == null ? "" : " '" + getLayerName() + "'");
            if (!(keepProbability > 0 && keepProbability <= 1)) {
                throw new IllegalArgumentException(layer + ": the keep probability p must be in (0, 1] (1 keeps "
                        + "everything; PyTorch's drop probability q is 1 - p), got " + keepProbability);
            }
            if (getIDropout() != null) {
                throw new IllegalArgumentException(layer + ": do not also set DL4J's dropOut(...) on this layer; "
                        + "its dropout is keepProbability(p)");
            }
            return new InvertedDropout(this);
        }
    }
}
