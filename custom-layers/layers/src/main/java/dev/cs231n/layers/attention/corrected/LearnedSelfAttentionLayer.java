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
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * DL4J's {@link org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer} with exact gradients: a drop-in (change
 * the import from {@code org.deeplearning4j.nn.conf.layers} to {@code dev.cs231n.layers.attention.corrected}).
 *
 * <p>Same definition, configuration fields, builder and JSON fields as DL4J's layer: multi-head scaled dot-product
 * attention of {@code nQueries} learned queries {@code Q: [1, nIn, nQueries]} over the input sequence (Vaswani et al.
 * 2017), input NCW {@code [N, nIn, T]}, output {@code [N, nOut, nQueries]} (or {@code [N, nIn, nQueries]} without
 * input projection; no output mask), per-head projections {@code Wq, Wk, Wv: [nHeads, headSize, nIn]} and
 * {@code Wo: [nHeads * headSize, nOut]}, the sequence mask applied to the keys. Three differences, all deliberate:
 * <ul>
 * <li>the runtime is {@link dev.cs231n.layers.samediff.CorrectedSameDiffLayerImpl}: on DL4J 1.0.0-M2.1 the original's
 * gradients are exactly twice the true ones (every SameDiff layer's are, see
 * {@link dev.cs231n.layers.samediff.GradientScale}); these are exact;</li>
 * <li>each parameter is initialised from its own fan-in and fan-out: {@code Wq, Wk, Wv} from {@code nIn} and
 * {@code nHeads * headSize}, {@code Wo} from {@code nHeads * headSize} and {@code nOut}, {@code Q} from {@code nIn} and {@code nQueries} (as DL4J
 * does). DL4J initialises the
 * projections from {@code (nHeads * headSize, nOut)} and {@code Wo} from {@code (nIn, headSize)}, fans that belong to
 * other matrices. A per-parameter initialisation ({@code weightInit(key, init)}) is honoured too, which DL4J's
 * ignores. Parameters loaded from a saved model are not re-initialised, so saved DL4J models give the same outputs.</li>
 * <li>it runs: DL4J's original fails on M2.1 in its first forward pass ({@code scatter_update}, see
 * {@link #defineLayer}).</li>
 * </ul>
 */
public class LearnedSelfAttentionLayer extends org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the query projection {@code [nHeads, headSize, nIn]}. */
    public static final String WEIGHT_KEY_QUERY_PROJECTION = "Wq";
    /** Parameter key of the key projection {@code [nHeads, headSize, nIn]}. */
    public static final String WEIGHT_KEY_KEY_PROJECTION = "Wk";
    /** Parameter key of the value projection {@code [nHeads, headSize, nIn]}. */
    public static final String WEIGHT_KEY_VALUE_PROJECTION = "Wv";
    /** Parameter key of the output projection {@code [nHeads * headSize, nOut]}. */
    public static final String WEIGHT_KEY_OUT_PROJECTION = "Wo";
    /** Parameter key of the learned queries {@code [1, nIn, nQueries]}. */
    public static final String WEIGHT_QUERIES = "Q";

    /** For JSON deserialisation (DL4J's no-argument constructor is private); use the {@link Builder}. */
    protected LearnedSelfAttentionLayer() {
        super(new org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer.Builder().nHeads(1));
    }

    /** @param builder a validated builder */
    protected LearnedSelfAttentionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return CorrectedLayers.instantiate(this, conf, trainingListeners, layerIndex, layerParamsView,
                initializeParams, networkDataType);
    }

    /**
     * DL4J's definition, except for how the learned queries are repeated over the minibatch: DL4J's builds the tile
     * multiples with {@code scatter_update}, which fails on M2.1 for every input (the original layer cannot run);
     * here they are {@code concat(N, 1, 1)} of the input's shape. Same values.
     */
    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        SDVariable batch = layerInput.shape().get(SDIndex.interval(0, 1));
        SDVariable multiples = sameDiff.concat(0, batch, sameDiff.constant(Nd4j.createFromArray(1L, 1L)));
        SDVariable queries = sameDiff.tile(paramTable.get(WEIGHT_QUERIES), multiples);
        if (isProjectInput()) {
            return sameDiff.nn.multiHeadDotProductAttention(getLayerName(), queries, layerInput, layerInput,
                    paramTable.get(WEIGHT_KEY_QUERY_PROJECTION), paramTable.get(WEIGHT_KEY_KEY_PROJECTION),
                    paramTable.get(WEIGHT_KEY_VALUE_PROJECTION), paramTable.get(WEIGHT_KEY_OUT_PROJECTION), mask,
                    true);
        }
        return sameDiff.nn.dotProductAttention(getLayerName(), queries, layerInput, layerInput, mask, true);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        long projected = (long) getNHeads() * getHeadSize();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            String k = e.getKey();
            long fanIn = k.equals(WEIGHT_KEY_OUT_PROJECTION) ? projected : getNIn();
            long fanOut = k.equals(WEIGHT_KEY_OUT_PROJECTION) ? getNOut()
                    : k.equals(WEIGHT_QUERIES) ? getNQueries() : projected;
            AttentionInit.init(k, fanIn, fanOut, e.getValue(), getWeightInit(), getParamWeightInit());
        }
    }

    /** Lombok's {@code equals} of DL4J's class asks this: an original never equals a corrected configuration. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof LearnedSelfAttentionLayer;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + getClass().hashCode();
    }

    /** DL4J's builder for {@link LearnedSelfAttentionLayer}, building the corrected layer; every setter keeps this type. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer.Builder {

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
        public Builder nQueries(int nQueries) {
            super.nQueries(nQueries);
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
        public LearnedSelfAttentionLayer build() {
            AttentionInit.validate("LearnedSelfAttentionLayer", getNIn(), getNOut(), getNHeads(), getHeadSize(),
                    isProjectInput());
            if (getNQueries() <= 0) {
                throw new IllegalArgumentException("LearnedSelfAttentionLayer: nQueries must be positive, got "
                        + getNQueries());
            }
            return new LearnedSelfAttentionLayer(this);
        }
    }
}
