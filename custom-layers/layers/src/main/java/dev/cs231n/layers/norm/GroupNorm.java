package dev.cs231n.layers.norm;

import java.util.Map;
import java.util.Objects;

import dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Group normalisation (Wu &amp; He 2018, "Group Normalization", arXiv:1803.08494), as in CS231n's
 * {@code spatial_groupnorm_forward}: the {@code C} channels are split into {@code G} contiguous groups of
 * {@code C/G}, and each example is standardised over each group's channels and all positions, the same way in
 * training and at inference.
 *
 * <p>Input NCHW {@code x: [N, C, H, W]} (any {@code H, W}), output the same shape, parameters
 * {@code gamma, beta: [C]} ({@link #GAMMA_KEY}, {@link #BETA_KEY}; the course stores them as {@code (1, C, 1, 1)}):
 * <pre>
 * for each example n and group g (channels g*C/G .. (g+1)*C/G - 1):
 *   mu = mean of x[n, group, :, :],  s2 = mean of (x[n, group, :, :] - mu)^2     (biased variance)
 * out[n, c, h, w] = gamma[c] * (x[n, c, h, w] - mu) / sqrt(s2 + eps) + beta[c]
 * </pre>
 * {@code G = 1} is layer normalisation of images, {@code G = C} is instance normalisation. {@code G} must divide
 * {@code C}; default {@code eps = 1e-5} ({@link NormDefaults#EPS}).
 */
public class GroupNorm extends NormalizationLayer {

    private static final long serialVersionUID = 1L;

    private int groups;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected GroupNorm() {
        super();
    }

    private GroupNorm(Builder b) {
        super(b);
        this.groups = b.groups;
    }

    /** @return a new builder; {@code groups} is required, {@code nIn} is inferred from the input type when unset */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected String acceptedInput() {
        return "NCHW [N, C, H, W] input";
    }

    @Override
    protected long sizeOf(InputType inputType) {
        return NormInputs.channels(inputType, describe(), acceptedInput());
    }

    @Override
    protected boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    protected void validateSize(long channels) {
        checkGroups(describe(), groups, channels);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        // [N, C, H, W] -> [N, G, C/G * H * W]: N, H and W are only known when the graph runs
        SDVariable shape = sd.shape(layerInput).castTo(DataType.LONG);
        SDVariable grouped = sd.reshape(layerInput, sd.concat(0, shape.get(SDIndex.interval(0, 1)),
                sd.constant(Nd4j.createFromArray((long) groups, -1L))));
        NormGraphs.Centered c = NormGraphs.center(sd, grouped, getEps(), null, null, 2);
        SDVariable xhat = sd.reshape(NormGraphs.broadcastMul(sd, c.xc(), c.inv()), shape);
        return NormGraphs.broadcastMul(sd, xhat, NormGraphs.along(paramTable.get(GAMMA_KEY), 4, 1))
                .add(OUTPUT, NormGraphs.along(paramTable.get(BETA_KEY), 4, 1));
    }

    @Override
    protected CorrectedSameDiffLayerImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new RowNormImpl(conf, dataType);
    }

    /** @return the number of channel groups {@code G} */
    public int getGroups() {
        return groups;
    }

    /** @param groups the number of channel groups {@code G} */
    public void setGroups(int groups) {
        this.groups = groups;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupNorm && super.equals(o) && groups == ((GroupNorm) o).groups;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), groups);
    }

    private static void checkGroups(String layer, int groups, long channels) {
        if (channels % groups != 0) {
            StringBuilder divisors = new StringBuilder();
            for (long d = 1; d <= channels; d++) {
                if (channels % d == 0) {
                    divisors.append(divisors.length() == 0 ? "" : ", ").append(d);
                }
            }
            throw new IllegalArgumentException(layer + ": groups = " + groups + " does not divide the " + channels
                    + " channels (each group holds C/G channels); choose one of " + divisors);
        }
    }

    /** Builds a validated {@link GroupNorm}. */
    public static final class Builder extends NormalizationLayer.Builder<Builder> {
        private int groups;

        private Builder() {
        }

        /**
         * @param groups the number of channel groups {@code G}: positive, dividing {@code C}
         * @return this builder
         */
        public Builder groups(int groups) {
            this.groups = groups;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GroupNorm build() {
            String layer = describe("GroupNorm");
            validate(layer);
            if (groups <= 0) {
                throw new IllegalArgumentException(layer + ": groups must be positive, got " + groups
                        + "; call .groups(G) with G dividing the channel count (1 = layer norm, C = instance norm)");
            }
            if (nInValue() > 0) {
                checkGroups(layer, groups, nInValue());
            }
            return new GroupNorm(this);
        }
    }
}
