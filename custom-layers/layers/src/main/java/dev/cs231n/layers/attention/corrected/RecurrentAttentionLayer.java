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
 * DL4J's {@link org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer} with exact gradients: a drop-in (change
 * the import from {@code org.deeplearning4j.nn.conf.layers} to {@code dev.cs231n.layers.attention.corrected}).
 *
 * <p>Same definition, configuration fields, builder and JSON fields as DL4J's layer: a simple RNN whose recurrent
 * input is attention over the whole input sequence, queried by the previous output,
 * {@code out_t = act(x_t W + b + attn(out_{t-1}, x, x) RW)} ({@code out_0} without the attention term), input NCW
 * {@code [N, nIn, T]} of a fixed length, output {@code [N, nOut, T]}, parameters {@code W [nIn, nOut]},
 * {@code RW [nOut, nOut]}, {@code b [nOut]}, {@code Wq: [nHeads, headSize, nOut]}, {@code Wk, Wv: [nHeads, headSize,
 * nIn]}, {@code Wo: [nHeads * headSize, nOut]}. Two differences, both deliberate:
 * <ul>
 * <li>the runtime is {@link dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl}: on DL4J 1.0.0-M2.1 the original's
 * gradients are exactly twice the true ones (every SameDiff layer's are, see
 * {@link dev.cs231n.layers.samediff.GradientScale}); these are exact;</li>
 * <li>each parameter is initialised from its own fan-in and fan-out: {@code Wq} from {@code nOut} (it projects the
 * previous output) and {@code nHeads * headSize}, {@code Wk, Wv} from {@code nIn} and {@code nHeads * headSize},
 * {@code Wo} from {@code nHeads * headSize} and {@code nOut}; {@code W}, {@code RW} and {@code b} as DL4J does. DL4J
 * initialises the projections from {@code (nHeads * headSize, nOut)} and {@code Wo} from {@code (nIn, headSize)},
 * fans that belong to other matrices. A per-parameter initialisation ({@code weightInit(key, init)}) is honoured too, which DL4J's
 * ignores. Parameters loaded from a saved model are not re-initialised, so saved DL4J models give the same outputs.</li>
 * </ul>
 */
public class RecurrentAttentionLayer extends org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the input weights {@code [nIn, nOut]}. */
    public static final String WEIGHT_KEY = "W";
    /** Parameter key of the recurrent weights {@code [nOut, nOut]}. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    /** Parameter key of the bias {@code [nOut]}. */
    public static final String BIAS_KEY = "b";
    /** Parameter key of the query projection {@code [nHeads, headSize, nOut]}. */
    public static final String WEIGHT_KEY_QUERY_PROJECTION = "Wq";
    /** Parameter key of the key projection {@code [nHeads, headSize, nIn]}. */
    public static final String WEIGHT_KEY_KEY_PROJECTION = "Wk";
    /** Parameter key of the value projection {@code [nHeads, headSize, nIn]}. */
    public static final String WEIGHT_KEY_VALUE_PROJECTION = "Wv";
    /** Parameter key of the output projection {@code [nHeads * headSize, nOut]}. */
    public static final String WEIGHT_KEY_OUT_PROJECTION = "Wo";

    /** For JSON deserialisation (DL4J's no-argument constructor is private); use the {@link Builder}. */
    protected RecurrentAttentionLayer() {
        super(new org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer.Builder().nHeads(1));
    }

    /** @param builder a validated builder */
    protected RecurrentAttentionLayer(Builder builder) {
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
            String k = e.getKey();
            switch (k) {
                case BIAS_KEY:
                    e.getValue().assign(0.0);
                    break;
                case WEIGHT_KEY:
                    AttentionInit.init(k, getNIn(), getNOut(), e.getValue(), getWeightInit(), getParamWeightInit());
                    break;
                case RECURRENT_WEIGHT_KEY:
                    AttentionInit.init(k, getNOut(), getNOut(), e.getValue(), getWeightInit(), getParamWeightInit());
                    break;
                case WEIGHT_KEY_QUERY_PROJECTION:
                    AttentionInit.init(k, getNOut(), projected, e.getValue(), getWeightInit(), getParamWeightInit());
                    break;
                case WEIGHT_KEY_OUT_PROJECTION:
                    AttentionInit.init(k, projected, getNOut(), e.getValue(), getWeightInit(), getParamWeightInit());
                    break;
                default: // Wk, Wv
                    AttentionInit.init(k, getNIn(), projected, e.getValue(), getWeightInit(), getParamWeightInit());
                    break;
            }
        }
    }

    /** Lombok's {@code equals} of DL4J's class asks this: an original never equals a corrected configuration. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof RecurrentAttentionLayer;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + getClass().hashCode();
    }

    /** DL4J's builder for {@link RecurrentAttentionLayer}, building the corrected layer; every setter keeps this type. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer.Builder {

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
        public Builder hasBias(boolean hasBias) {
            super.hasBias(hasBias);
            return this;
        }

        @Override
        public Builder activation(org.nd4j.linalg.activations.Activation activation) {
            super.activation(activation);
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
        public RecurrentAttentionLayer build() {
            AttentionInit.validate("RecurrentAttentionLayer", getNIn(), getNOut(), getNHeads(), getHeadSize(),
                    isProjectInput());
            return new RecurrentAttentionLayer(this);
        }
    }
}
