package dev.cs231n.layers.dropout;

import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffLayer;
import dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
 */
public class InvertedDropout extends CorrectedSameDiffLayer {

    private static final long serialVersionUID = 1L;

    /** The keep probability used when none is configured (the course's default). */
    public static final double DEFAULT_KEEP_PROBABILITY = 0.5;
    /** Name of the mask placeholder in the layer's graph. */
    static final String MASK_PLACEHOLDER = "dropoutMask";

    private double keepProbability = DEFAULT_KEEP_PROBABILITY;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected InvertedDropout() {
        super();
    }

    private InvertedDropout(Builder b) {
        super(b);
        this.keepProbability = b.keepProbability;
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

        private Builder() {
        }

        /**
         * @param p the probability of keeping each activation, in (0, 1]; default
         *          {@link #DEFAULT_KEEP_PROBABILITY} (the course's {@code p}; PyTorch's {@code nn.Dropout(q)} takes
         *          the drop probability {@code q = 1 - p})
         * @return this builder
         */
        public Builder keepProbability(double p) {
            this.keepProbability = p;
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
                        + "SameDiff layers do not apply it");
            }
            return new InvertedDropout(this);
        }
    }
}
