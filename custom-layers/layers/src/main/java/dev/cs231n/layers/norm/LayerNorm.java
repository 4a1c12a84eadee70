package dev.cs231n.layers.norm;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl;
import dev.cs231n.layers.samediff.ExtendedSameDiffLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Layer normalisation (Ba, Kiros &amp; Hinton 2016, "Layer Normalization", arXiv:1607.06450), as in CS231n's
 * {@code layernorm_forward}: each example is standardised over its own features, the same way in training and at
 * inference.
 *
 * <p>Input {@code x: [N, D]}, output {@code [N, D]}, parameters {@code gamma, beta: [D]} ({@link #GAMMA_KEY},
 * {@link #BETA_KEY}):
 * <pre>
 * mu_n = mean_d x[n, d],   s2_n = mean_d (x[n, d] - mu_n)^2     (biased variance)
 * out[n, d] = gamma[d] * (x[n, d] - mu_n) / sqrt(s2_n + eps) + beta[d]
 * </pre>
 * Default {@code eps = 1e-5} ({@link NormDefaults#EPS}). For images use {@link GroupNorm} with one group, which
 * normalises each example over {@code C, H, W} with per-channel {@code gamma, beta}.
 *
 * <p>Sequences (as in a transformer): input {@code [N, D, T]} (NCW, DL4J's default) or {@code [N, T, D]} (NWC; the
 * layout comes from the input type, or {@link Builder#dataFormat}), any {@code T}; every step of every example is
 * standardised over its {@code D} features, with the same {@code gamma, beta: [D]}; output the same shape.
 */
public class LayerNorm extends NormalizationLayer {

    private static final long serialVersionUID = 1L;

    private RNNFormat dataFormat = RNNFormat.NCW;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected LayerNorm() {
        super();
    }

    private LayerNorm(Builder b) {
        super(b);
        this.dataFormat = b.dataFormat;
    }

    /** @return a new builder; every option has a default, {@code nIn} is inferred from the input type when unset */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected String acceptedInput() {
        return "feed-forward [N, D] or sequence (NCW [N, D, T], NWC [N, T, D]) input (for images use GroupNorm with "
                + "groups = 1)";
    }

    @Override
    protected long sizeOf(InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent) {
            return ((InputType.InputTypeRecurrent) inputType).getSize();
        }
        return NormInputs.featureSize(inputType, describe(), acceptedInput());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeRecurrent) {
            dataFormat = ((InputType.InputTypeRecurrent) inputType).getFormat();
        }
        super.setNIn(inputType, override);
    }

    @Override
    protected boolean acceptsRank(int rank) {
        return rank == 2 || rank == 3;
    }

    @Override
    public void validateInput(INDArray input) {
        if (input.rank() == 3 && input.size(dataFormat == RNNFormat.NCW ? 1 : 2) != getNIn()) {
            throw new IllegalArgumentException(describe() + " takes " + dataFormat + " sequences of D = " + getNIn()
                    + " features, got an array of shape " + Arrays.toString(input.shape()));
        }
        if (input.rank() != 3) {
            super.validateInput(input);
        }
    }

    @Override
    public INDArray onesMaskForInput(INDArray input) {
        if (input.rank() == 3) {
            return Nd4j.ones(input.dataType(), input.size(0), input.size(dataFormat == RNNFormat.NCW ? 2 : 1));
        }
        return super.onesMaskForInput(input);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        return normalize(sd, layerInput, layerInput.getShape().length, paramTable.get(GAMMA_KEY),
                paramTable.get(BETA_KEY)).rename(OUTPUT);
    }

    /**
     * This layer's computation on a variable of a larger graph (e.g. inside a transformer layer), without naming
     * its output: {@code gamma * (x - mu) / sqrt(s2 + eps) + beta} over the features of each example (and step).
     *
     * @param sd    the graph
     * @param x     {@code [N, D]}, or a sequence in this layer's {@link #getDataFormat()}
     * @param rank  the rank of {@code x}: 2 or 3
     * @param gamma {@code [D]}
     * @param beta  {@code [D]}
     * @return the normalised {@code x}, same shape
     */
    public SDVariable normalize(SameDiff sd, SDVariable x, int rank, SDVariable gamma, SDVariable beta) {
        boolean ff = rank != 3;
        int axis = ff ? 2 : dataFormat == RNNFormat.NCW ? 1 : 2;
        NormGraphs.Centered c = NormGraphs.center(sd, ff ? NormGraphs.toRank3(x, getNIn()) : x, getEps(), null, null,
                axis);
        SDVariable xhat = NormGraphs.broadcastMul(sd, c.xc(), c.inv());
        SDVariable out = NormGraphs.broadcastMul(sd, xhat, NormGraphs.along(gamma, 3, axis))
                .add(NormGraphs.along(beta, 3, axis));
        return ff ? out.reshape(-1, getNIn()) : out;
    }

    /** @return the layout of sequence input (NCW by default; set from the input type) */
    public RNNFormat getDataFormat() {
        return dataFormat;
    }

    /** @param dataFormat the layout of sequence input */
    public void setDataFormat(RNNFormat dataFormat) {
        this.dataFormat = dataFormat;
    }

    @Override
    protected CorrectedSameDiffLayerImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new RowNormImpl(conf, dataType); // [N, D] on the fast path; sequences of any length on the graph
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerNorm && super.equals(o) && dataFormat == ((LayerNorm) o).dataFormat;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), dataFormat);
    }

    /** Builds a validated {@link LayerNorm}. */
    public static final class Builder extends NormalizationLayer.Builder<Builder> {
        private RNNFormat dataFormat = RNNFormat.NCW;

        private Builder() {
        }

        /**
         * @param format the layout of sequence input, NCW (default) or NWC; a network's input type sets it
         * @return this builder
         */
        public Builder dataFormat(RNNFormat format) {
            this.dataFormat = Objects.requireNonNull(format, "dataFormat");
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LayerNorm build() {
            validate(describe("LayerNorm"));
            return new LayerNorm(this);
        }
    }
}
