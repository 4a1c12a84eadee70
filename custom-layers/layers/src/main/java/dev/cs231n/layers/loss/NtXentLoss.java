package dev.cs231n.layers.loss;

import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffOutputLayer;
import dev.cs231n.layers.samediff.CorrectedSameDiffOutputLayerImpl;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SimCLR's NT-Xent loss (normalised temperature-scaled cross-entropy; Chen et al. 2020, "A Simple Framework for
 * Contrastive Learning of Visual Representations"), as the course's {@code simclr_loss_vectorized} defines it, as a
 * DL4J output layer that needs no labels.
 *
 * <p>Shape contract: the input is one minibatch {@code [2N, D]} holding the projections of the two augmented views
 * of N images, <b>view-1 rows first, then the view-2 rows in the same image order</b>: row {@code k} and row
 * {@code k + N} are a positive pair. With {@code z_i = x_i / ||x_i||} and {@code s_ij = z_i . z_j},
 * <pre>
 *   l_i  = -log( exp(s_{i,p(i)} / tau) / sum_{j != i} exp(s_ij / tau) ),   p(i) = (i + N) mod 2N
 *   loss = (1 / 2N) sum_i l_i
 * </pre>
 * each positive against the {@code 2N - 2} negatives of the minibatch, averaged over the {@code 2N} anchors. The
 * network's score is {@code loss}; following DL4J's convention the layer's gradient is that of the sum
 * {@code sum_i l_i}, which the updater divides by the minibatch size {@code 2N}. Any even number of rows of at least
 * 4 (two pairs) works, and the minibatch size may change from call to call (e.g. between training and evaluation);
 * an odd number of rows or a single pair fails with a message that says why. Labels are not used (a DataSet's
 * labels, if any, are ignored). The layer's activation ({@code output()}) is its input, the projections unchanged.
 *
 * <p>Its SameDiff definition ({@link #defineLayer}) is the reference. By default ({@link Path#FUSED}) the runtime
 * computes the same loss and its closed-form gradient
 * {@code dL/dZ = ((P + P^T) Z - 2 Z_p) / tau}, {@code dL/dx_i = (g_i - z_i (z_i . g_i)) / ||x_i||} (P the row-wise
 * softmax over {@code j != i}, {@code Z_p} each row's partner) in a few fused ND4J calls, which tests verify against
 * the SameDiff definition in DOUBLE; {@link Path#SAMEDIFF} runs the definition itself.
 */
public class NtXentLoss extends CorrectedSameDiffOutputLayer {

    private static final long serialVersionUID = 1L;

    /** The course's temperature. */
    public static final double DEFAULT_TEMPERATURE = 0.5;

    /** How the runtime layer computes the loss and its gradient. */
    public enum Path {
        /** Closed-form forward and backward in fused ND4J calls (the default; verified against SAMEDIFF). */
        FUSED,
        /** The SameDiff definition of {@link #defineLayer}, differentiated by SameDiff (the reference). */
        SAMEDIFF
    }

    private double temperature = DEFAULT_TEMPERATURE;
    private long nIn;
    private Path path = Path.FUSED;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected NtXentLoss() {
        super();
    }

    private NtXentLoss(Builder b) {
        this.temperature = b.temperature;
        this.nIn = b.nIn;
        this.path = b.path;
    }

    /** @return a builder; every setting has a default (tau 0.5, D inferred from the input type, fused path) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks that a minibatch can be scored.
     *
     * @param rows  the number of rows of the input
     * @param layer the layer's name, for the message (may be null)
     * @throws IllegalArgumentException for an odd number of rows or a single pair
     */
    public static void checkRows(long rows, String layer) {
        String who = "NtXentLoss" + (layer == null ? "" : " (layer '" + layer + "')");
        if (rows % 2 != 0) {
            throw new IllegalArgumentException(who + ": the input must hold 2N rows, the N view-1 projections "
                    + "followed by the N view-2 projections of the same images in the same order; got an odd number "
                    + "of rows, " + rows);
        }
        if (rows < 4) {
            throw new IllegalArgumentException(who + ": a minibatch of " + rows / 2 + " pair has no negatives "
                    + "(each positive is contrasted with the other 2N - 2 rows); use at least 2 pairs (4 rows), got "
                    + rows + " rows");
        }
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // no parameters
    }

    /**
     * The reference definition: the summed loss {@code sum_i l_i} (DL4J divides the score by the 2N rows).
     */
    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels,
            Map<String, SDVariable> paramTable) {
        SDVariable z = input.div(input.norm2(true, 1));
        SDVariable logits = sd.mmul(z, z, false, true, false).div(temperature);
        SDVariable ones = sd.onesLike(input.norm2(false, 1));
        SDVariable offDiagonal = sd.math().diag(ones).rsub(1.0);
        SDVariable denominator = sd.math().exp(logits).mul(offDiagonal).sum(true, 1);
        // each row's partner: [2N, D] -> [2, N, D], swap the two halves, back to [2N, D]
        SDVariable partner = sd.reverse(z.reshape(2, -1, nIn), 0).reshape(-1, nIn);
        SDVariable positive = z.mul(partner).sum(true, 1).div(temperature);
        return sd.math().log(denominator).sub(positive).sum("ntXentSum");
    }

    @Override
    public String activationsVertexName() {
        return org.deeplearning4j.nn.layers.samediff.SameDiffOutputLayer.INPUT_KEY;
    }

    @Override
    public boolean labelsRequired() {
        return false;
    }

    @Override
    protected CorrectedSameDiffOutputLayerImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new NtXentLossImpl(conf, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType.getType() != InputType.Type.FF) {
            throw new IllegalArgumentException("NtXentLoss" + (getLayerName() == null ? "" : " (layer '"
                    + getLayerName() + "')") + " takes feed-forward projections [2N, D]; got input type " + inputType
                    + ": put a dense projection head (or a global pooling layer) before it");
        }
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    /** @return the temperature tau */
    public double getTemperature() {
        return temperature;
    }

    /** @param temperature the temperature tau, positive */
    public void setTemperature(double temperature) {
        this.temperature = temperature;
    }

    /** @return the projection size D (0 until inferred) */
    public long getNIn() {
        return nIn;
    }

    /** @param nIn the projection size D */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** @return how the runtime layer computes the loss */
    public Path getPath() {
        return path;
    }

    /** @param path how the runtime layer computes the loss */
    public void setPath(Path path) {
        this.path = path;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NtXentLoss) || !super.equals(o)) {
            return false;
        }
        NtXentLoss that = (NtXentLoss) o;
        return Double.compare(temperature, that.temperature) == 0 && nIn == that.nIn && path == that.path;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), temperature, nIn, path);
    }

    /** Builds a validated {@link NtXentLoss}. */
    public static final class Builder {
        private double temperature = DEFAULT_TEMPERATURE;
        private long nIn;
        private Path path = Path.FUSED;

        private Builder() {
        }

        /**
         * @param temperature tau, positive and finite; default {@value #DEFAULT_TEMPERATURE}
         * @return this builder
         */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /**
         * @param nIn the projection size D; 0 (the default) infers it from the input type
         * @return this builder
         */
        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        /**
         * @param path {@link Path#FUSED} (default) or the SameDiff reference {@link Path#SAMEDIFF}
         * @return this builder
         */
        public Builder path(Path path) {
            this.path = path;
            return this;
        }

        /** @return the layer */
        public NtXentLoss build() {
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("NtXentLoss: temperature must be positive and finite, got "
                        + temperature + " (the course uses 0.5)");
            }
            if (nIn < 0) {
                throw new IllegalArgumentException("NtXentLoss: nIn (the projection size D) must be positive, or 0 "
                        + "to infer it from the input type; got " + nIn);
            }
            if (path == null) {
                throw new IllegalArgumentException("NtXentLoss: path must not be null");
            }
            return new NtXentLoss(this);
        }
    }
}
