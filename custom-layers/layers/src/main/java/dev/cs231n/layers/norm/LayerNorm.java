package dev.cs231n.layers.norm;

import java.util.Map;

import dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

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
 */
public class LayerNorm extends NormalizationLayer {

    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected LayerNorm() {
        super();
    }

    private LayerNorm(Builder b) {
        super(b);
    }

    /** @return a new builder; every option has a default, {@code nIn} is inferred from the input type when unset */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected String acceptedInput() {
        return "feed-forward [N, D] input (for images use GroupNorm with groups = 1)";
    }

    @Override
    protected long sizeOf(InputType inputType) {
        return NormInputs.featureSize(inputType, describe(), acceptedInput());
    }

    @Override
    protected boolean acceptsRank(int rank) {
        return rank == 2;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        NormGraphs.Centered c = NormGraphs.center(sd, NormGraphs.toRank3(layerInput, getNIn()), getEps(), null, null,
                2);
        SDVariable xhat = NormGraphs.broadcastMul(sd, c.xc(), c.inv());
        SDVariable out = NormGraphs.broadcastMul(sd, xhat, NormGraphs.along(paramTable.get(GAMMA_KEY), 3, 2))
                .add(NormGraphs.along(paramTable.get(BETA_KEY), 3, 2));
        return out.reshape(-1, getNIn()).rename(OUTPUT);
    }

    @Override
    protected CorrectedSameDiffLayerImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new RowNormImpl(conf, dataType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerNorm && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /** Builds a validated {@link LayerNorm}. */
    public static final class Builder extends NormalizationLayer.Builder<Builder> {

        private Builder() {
        }

        @Override
        @SuppressWarnings("unchecked")
        public LayerNorm build() {
            validate(describe("LayerNorm"));
            return new LayerNorm(this);
        }
    }
}
