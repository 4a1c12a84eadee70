package dev.cs231n.layers.attention.corrected;

import java.util.Collection;
import java.util.Map;

import dev.cs231n.layers.samediff.CorrectedLayers;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * DL4J's {@link org.deeplearning4j.nn.conf.layers.SelfAttentionLayer} with exact gradients: a drop-in (change the
 * import from {@code org.deeplearning4j.nn.conf.layers} to {@code dev.cs231n.layers.attention.corrected}).
 *
 * <p>Same definition, configuration fields, builder and JSON fields as DL4J's layer: multi-head scaled dot-product
 * self-attention (Vaswani et al. 2017, "Attention Is All You Need"), input NCW {@code [N, nIn, T]}, output
 * {@code [N, nOut, T]} (or {@code [N, nIn, T]} without input projection), per-head projections
 * {@code Wq, Wk, Wv: [nHeads, headSize, nIn]} and {@code Wo: [nHeads * headSize, nOut]}, the sequence mask applied to
 * the keys. Two differences, both deliberate:
 * <ul>
 * <li>the runtime is {@link dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl}: on DL4J 1.0.0-M2.1 the original's
 * gradients are exactly twice the true ones (every SameDiff layer's are, see
 * {@link dev.cs231n.layers.samediff.GradientScale}); these are exact;</li>
 * <li>each parameter is initialised from its own fan-in and fan-out: {@code Wq, Wk, Wv} from {@code nIn} and
 * {@code nHeads * headSize}, {@code Wo} from {@code nHeads * headSize} and {@code nOut}. DL4J initialises the
 * projections from {@code (nHeads * headSize, nOut)} and {@code Wo} from {@code (nIn, headSize)}, fans that belong to
 * other matrices. A per-parameter initialisation ({@code weightInit(key, init)}) is honoured too, which DL4J's
 * ignores. Parameters loaded from a saved model are not re-initialised, so saved DL4J models give the same outputs.</li>
 * </ul>
 */
public class SelfAttentionLayer extends org.deeplearning4j.nn.conf.layers.SelfAttentionLayer {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the query projection {@code [nHeads, headSize, nIn]}. */
    public static final String WEIGHT_KEY_QUERY_PROJECTION = "Wq";
    /** Parameter key of the key projection {@code [nHeads, headSize, nIn]}. */
    public static final String WEIGHT_KEY_KEY_PROJECTION = "Wk";
    /** Parameter key of the value projection {@code [nHeads, headSize, nIn]}. */
    public static final String WEIGHT_KEY_VALUE_PROJECTION = "Wv";
    /** Parameter key of the output projection {@code [nHeads * headSize, nOut]}. */
    public static final String WEIGHT_KEY_OUT_PROJECTION = "Wo";

    /** For JSON deserialisation (DL4J's no-argument constructor is private); use the {@link Builder}. */
    protected SelfAttentionLayer() {
        super(new org.deeplearning4j.nn.conf.layers.SelfAttentionLayer.Builder().nHeads(1));
    }

    /** @param builder a validated builder */
    protected SelfAttentionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return CorrectedLayers.instantiate(this, conf, trainingListeners, layerIndex, layerParamsView,
                initializeParams, networkDataType);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        long projected = (long) getNHeads() * getHeadSize();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            boolean out = e.getKey().equals(WEIGHT_KEY_OUT_PROJECTION);
            AttentionInit.init(e.getKey(), out ? projected : getNIn(), out ? getNOut() : projected, e.getValue(),
                    getWeightInit(), getParamWeightInit());
        }
    }

    /** Lombok's {@code equals} of DL4J's class asks this: an original never equals a corrected configuration. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof SelfAttentionLayer;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + getClass().hashCode();
    }

    /** DL4J's builder for {@link SelfAttentionLayer}, building the corrected layer; every setter keeps this type. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.SelfAttentionLayer.Builder {

        @Override
        public Builder nIn(int nIn) {
            super.nIn(nIn);
            return this;
        }

        @Override
        public Builder nOut(int nOut) {
            super.nOut(nOut);
            return this;
        }

        @Override
        public Builder nHeads(int nHeads) {
            super.nHeads(nHeads);
            return this;
        }

        @Override
        public Builder headSize(int headSize) {
            super.headSize(headSize);
            return this;
        }

        @Override
        public Builder projectInput(boolean projectInput) {
            super.projectInput(projectInput);
            return this;
        }

        @Override
        public Builder name(String layerName) {
            super.name(layerName);
            return this;
        }

        @Override
        public Builder weightInit(WeightInit weightInit) {
            super.weightInit(weightInit);
            return this;
        }

        @Override
        public Builder weightInit(String param, IWeightInit weightInit) {
            super.weightInit(param, weightInit);
            return this;
        }

        @Override
        public Builder updater(IUpdater updater) {
            super.updater(updater);
            return this;
        }

        @Override
        public Builder dropOut(double inputRetainProbability) {
            super.dropOut(inputRetainProbability);
            return this;
        }

        @Override
        public Builder l2(double l2) {
            super.l2(l2);
            return this;
        }

        @Override
        public SelfAttentionLayer build() {
            AttentionInit.validate("SelfAttentionLayer", getNIn(), getNOut(), getNHeads(), getHeadSize(),
                    isProjectInput());
            return new SelfAttentionLayer(this);
        }
    }
}
