package dev.cs231n.layers.norm;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Batch normalisation (Ioffe &amp; Szegedy 2015, "Batch Normalization: Accelerating Deep Network Training by
 * Reducing Internal Covariate Shift", arXiv:1502.03167), as in CS231n's {@code batchnorm_forward} and
 * {@code spatial_batchnorm_forward}.
 *
 * <p>Input feed-forward {@code x: [N, D]} (statistics per feature, over the batch) or convolutional NCHW
 * {@code x: [N, C, H, W]} (spatial batch norm: statistics per channel, over {@code N, H, W}); output the same
 * shape. Parameters {@code gamma, beta: [C]} ({@link #GAMMA_KEY}, {@link #BETA_KEY}, trained) and the running
 * statistics {@code mean, var: [C]} ({@link #RUNNING_MEAN_KEY}, {@link #RUNNING_VAR_KEY}; the same keys as DL4J's
 * BatchNormalization, so parameters copy over one to one).
 * <pre>
 * training:  mu = mean(x),  s2 = mean((x - mu)^2)          (biased variance, over the batch [and H, W])
 *            out = gamma * (x - mu) / sqrt(s2 + eps) + beta
 *            mean = momentum * mean + (1 - momentum) * mu
 *            var  = momentum * var  + (1 - momentum) * s2    (biased, as the course)
 * inference: out = gamma * (x - mean) / sqrt(var + eps) + beta
 * </pre>
 * Defaults {@code eps = 1e-5}, {@code momentum = 0.9} ({@link NormDefaults}); the running statistics start at
 * mean 0, variance 1. With a minibatch of one feed-forward example the batch variance is zero: the output is
 * {@code beta} and the gradients of {@code x} and {@code gamma} are zero (well defined thanks to {@code eps}), as the
 * course's code computes (PyTorch's BatchNorm1d refuses a single example in training mode).
 *
 * <p>The running statistics are parameters (saved and restored with the model, in {@code params()}), but not
 * trained: their gradient is exactly zero, their updater is {@code NoOp} and they are never regularised. The
 * runtime layer updates them in place once per training-mode forward pass ({@code fit} does one per minibatch;
 * so does {@code output(x, true)}, as PyTorch's train mode does); inference-mode passes use them. DL4J's
 * GradientCheckUtil needs no special treatment, though excluding them ({@code excludeParams}) saves time.
 * DL4J's own BatchNormalization instead computes the same update as a pseudo-gradient applied by a NoOp updater
 * (so only on {@code fit}), with {@code decay} in the role of {@code momentum}.
 */
public class BatchNorm extends NormalizationLayer {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the running mean {@code [C]} (not trained; DL4J BatchNormalization's key). */
    public static final String RUNNING_MEAN_KEY = "mean";
    /** Parameter key of the running (biased) variance {@code [C]} (not trained; DL4J BatchNormalization's key). */
    public static final String RUNNING_VAR_KEY = "var";
    /** The parameters that no gradient trains. */
    public static final Set<String> RUNNING_KEYS = Set.of(RUNNING_MEAN_KEY, RUNNING_VAR_KEY);
    /** Name of the batch mean ({@code [1, 1, D]} or {@code [1, C, 1, 1]}) in the layer's graph. */
    static final String BATCH_MEAN = "batchMean";
    /** Name of the biased batch variance (shaped like the mean) in the layer's graph. */
    static final String BATCH_VAR = "batchVar";

    private double momentum = NormDefaults.MOMENTUM;

    /** For JSON deserialisation; use {@link #builder()}. */
    protected BatchNorm() {
        super();
    }

    private BatchNorm(Builder b) {
        super(b);
        this.momentum = b.momentum;
    }

    /** @return a new builder; every option has a default, {@code nIn} is inferred from the input type when unset */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected String acceptedInput() {
        return "feed-forward [N, D] or NCHW [N, C, H, W] input";
    }

    @Override
    protected long sizeOf(InputType inputType) {
        if (inputType.getType() == InputType.Type.FF) {
            return NormInputs.featureSize(inputType, describe(), acceptedInput());
        }
        return NormInputs.channels(inputType, describe(), acceptedInput());
    }

    @Override
    protected boolean acceptsRank(int rank) {
        return rank == 2 || rank == 4;
    }

    @Override
    protected void defineExtraParameters(SDLayerParams params) {
        params.addBiasParam(RUNNING_MEAN_KEY, getNIn());
        params.addBiasParam(RUNNING_VAR_KEY, getNIn());
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        super.initializeParameters(params);
        params.get(RUNNING_MEAN_KEY).assign(NormDefaults.RUNNING_MEAN_INIT);
        params.get(RUNNING_VAR_KEY).assign(NormDefaults.RUNNING_VAR_INIT);
    }

    /**
     * The training-mode graph: the output, and the batch statistics as {@link #BATCH_MEAN} and {@link #BATCH_VAR}.
     */
    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        // out = (x - mu) * (gamma / sqrt(s2 + eps)) + beta: gamma folded into the per-channel scale, so that one
        // full-size product remains
        boolean ff = layerInput.getShape().length == 2;
        SDVariable x = ff ? NormGraphs.toRank3(layerInput, getNIn()) : layerInput;
        int rank = ff ? 3 : 4;
        int channelAxis = ff ? 2 : 1;
        NormGraphs.Centered c = NormGraphs.center(sd, x, getEps(), BATCH_MEAN, BATCH_VAR,
                ff ? new int[] {0} : new int[] {0, 2, 3});
        SDVariable scale = c.inv().mul(NormGraphs.along(paramTable.get(GAMMA_KEY), rank, channelAxis));
        SDVariable shift = NormGraphs.along(paramTable.get(BETA_KEY), rank, channelAxis);
        SDVariable out = NormGraphs.broadcastMul(sd, c.xc(), scale);
        return ff ? out.add(shift).reshape(-1, getNIn()).rename(OUTPUT) : out.add(OUTPUT, shift);
    }

    @Override
    protected CorrectedSameDiffLayerImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new BatchNormImpl(conf, dataType);
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return RUNNING_KEYS.contains(paramName) ? new NoOp() : super.getUpdaterByParam(paramName);
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return RUNNING_KEYS.contains(paramName) ? Collections.emptyList() : super.getRegularizationByParam(paramName);
    }

    /** @return the weight of the old running statistic in {@code momentum * running + (1 - momentum) * batch} */
    public double getMomentum() {
        return momentum;
    }

    /** @param momentum the weight of the old running statistic, in [0, 1) */
    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchNorm && super.equals(o) && Double.compare(momentum, ((BatchNorm) o).momentum) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), momentum);
    }

    /** Builds a validated {@link BatchNorm}. */
    public static final class Builder extends NormalizationLayer.Builder<Builder> {
        private double momentum = NormDefaults.MOMENTUM;

        private Builder() {
        }

        /**
         * @param momentum weight of the old running statistic in
         *                 {@code running = momentum * running + (1 - momentum) * batch}, in [0, 1); default
         *                 {@link NormDefaults#MOMENTUM} (PyTorch's {@code momentum=0.1} is this library's 0.9;
         *                 DL4J's BatchNormalization calls it {@code decay})
         * @return this builder
         */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public BatchNorm build() {
            String layer = describe("BatchNorm");
            validate(layer);
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException(layer + ": momentum must be in [0, 1) (the weight of the old "
                        + "running statistic; default " + NormDefaults.MOMENTUM + "), got " + momentum);
            }
            return new BatchNorm(this);
        }
    }
}
