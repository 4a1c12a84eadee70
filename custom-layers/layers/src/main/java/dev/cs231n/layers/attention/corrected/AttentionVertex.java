package dev.cs231n.layers.attention.corrected;

import java.util.Map;

import dev.cs231n.layers.samediff.CorrectedSameDiffGraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link org.deeplearning4j.nn.conf.graph.AttentionVertex} with exact gradients: a drop-in (change the import
 * from {@code org.deeplearning4j.nn.conf.graph} to {@code dev.cs231n.layers.attention.corrected}).
 *
 * <p>Same definition, configuration fields, builder and JSON fields as DL4J's vertex: multi-head scaled dot-product
 * attention (Vaswani et al. 2017) with inputs queries {@code [N, nInQueries, Tq]}, keys {@code [N, nInKeys, Tk]} and
 * values {@code [N, nInValues, Tk]} (NCW), output {@code [N, nOut, Tq]} (or {@code [N, nInValues, Tq]} without input
 * projection), per-head projections {@code Wq: [nHeads, headSize, nInQueries]}, {@code Wk: [nHeads, headSize,
 * nInKeys]}, {@code Wv: [nHeads, headSize, nInValues]}, {@code Wo: [nHeads * headSize, nOut]}; the keys' and values'
 * masks mask the keys, the queries' mask the output. Differences, all deliberate:
 * <ul>
 * <li>the runtime is {@link CorrectedSameDiffGraphVertex}: on DL4J 1.0.0-M2.1 the original's gradients are exactly
 * twice the true ones (see {@link dev.cs231n.layers.samediff.GradientScale}), and its gradient function is built in a
 * workspace (see {@link CorrectedSameDiffGraphVertex}); these are exact;</li>
 * <li>each projection is initialised from its own fan-in and from all heads' output, {@code nHeads * headSize}, as
 * fan-out (DL4J uses {@code headSize}, one head's); {@code Wo} from {@code nHeads * headSize} and {@code nOut}, as
 * DL4J does. The two agree for one head;</li>
 * <li>{@link #clone()} keeps this class and the vertex's name, regularisation and updaters (DL4J's returns its own
 * class and drops them).</li>
 * </ul>
 */
public class AttentionVertex extends org.deeplearning4j.nn.conf.graph.AttentionVertex {

    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation; use the {@link Builder}. */
    public AttentionVertex() {
        super();
    }

    /** @param builder a validated builder */
    protected AttentionVertex(Builder builder) {
        super(builder);
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new CorrectedSameDiffGraphVertex(this, graph, name, idx, paramsView, initializeParams,
                networkDatatype);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        long projected = (long) getNHeads() * getHeadSize();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            String k = e.getKey();
            long fanIn;
            long fanOut = projected;
            switch (k) {
                case "Wq":
                    fanIn = getNInQueries();
                    break;
                case "Wk":
                    fanIn = getNInKeys();
                    break;
                case "Wv":
                    fanIn = getNInValues();
                    break;
                default: // Wo
                    fanIn = projected;
                    fanOut = getNOut();
                    break;
            }
            AttentionInit.init(k, fanIn, fanOut, e.getValue(), getWeightInit(), null);
        }
    }

    @Override
    public AttentionVertex clone() {
        AttentionVertex v = new AttentionVertex();
        v.setNInKeys(getNInKeys());
        v.setNInValues(getNInValues());
        v.setNInQueries(getNInQueries());
        v.setNOut(getNOut());
        v.setHeadSize(getHeadSize());
        v.setNHeads(getNHeads());
        v.setProjectInput(isProjectInput());
        v.setWeightInit(getWeightInit());
        v.setRegularization(getRegularization());
        v.setRegularizationBias(getRegularizationBias());
        v.setUpdater(getUpdater() == null ? null : getUpdater().clone());
        v.setBiasUpdater(getBiasUpdater() == null ? null : getBiasUpdater().clone());
        v.setGradientNormalization(getGradientNormalization());
        v.setGradientNormalizationThreshold(getGradientNormalizationThreshold());
        v.setDataType(getDataType());
        v.setName(getName());
        return v;
    }

    /** Lombok's {@code equals} of DL4J's class asks this: an original never equals a corrected configuration. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof AttentionVertex;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + getClass().hashCode();
    }

    /** DL4J's builder for {@link AttentionVertex}, building the corrected vertex; every setter keeps this type. */
    public static class Builder extends org.deeplearning4j.nn.conf.graph.AttentionVertex.Builder {

        @Override
        public Builder nInKeys(long nInKeys) {
            super.nInKeys(nInKeys);
            return this;
        }

        @Override
        public Builder nInQueries(long nInQueries) {
            super.nInQueries(nInQueries);
            return this;
        }

        @Override
        public Builder nInValues(long nInValues) {
            super.nInValues(nInValues);
            return this;
        }

        @Override
        public Builder headSize(long headSize) {
            super.headSize(headSize);
            return this;
        }

        @Override
        public Builder nHeads(int nHeads) {
            super.nHeads(nHeads);
            return this;
        }

        @Override
        public Builder nOut(long nOut) {
            super.nOut(nOut);
            return this;
        }

        @Override
        public Builder weightInit(WeightInit weightInit) {
            super.weightInit(weightInit);
            return this;
        }

        @Override
        public Builder projectInput(boolean projectInput) {
            super.projectInput(projectInput);
            return this;
        }

        @Override
        public AttentionVertex build() {
            int heads = getNHeads() == 0 ? 1 : getNHeads();
            String sizes = " (nInQueries = " + getNInQueries() + ", nInKeys = " + getNInKeys() + ", nInValues = "
                    + getNInValues() + ", nOut = " + getNOut() + ", nHeads = " + heads + ", headSize = "
                    + getHeadSize() + ")";
            if (getNOut() <= 0 || getNInKeys() <= 0 || getNInQueries() <= 0 || getNInValues() <= 0) {
                throw new IllegalArgumentException("AttentionVertex: nOut, nInKeys, nInQueries and nInValues must all "
                        + "be set" + sizes);
            }
            if (getHeadSize() <= 0 && getNOut() % heads != 0) {
                throw new IllegalArgumentException("AttentionVertex: nOut is not divisible by nHeads; set headSize"
                        + sizes);
            }
            if (!isProjectInput() && !(getNInQueries() == getNInKeys() && getNInKeys() == getNInValues()
                    && getNInValues() == getNOut() && heads == 1)) {
                throw new IllegalArgumentException("AttentionVertex: without projectInput all nIn* must equal nOut and "
                        + "nHeads must be 1" + sizes);
            }
            setNHeads(heads);
            setWeightInit(getWeightInit() == null ? WeightInit.XAVIER : getWeightInit());
            setHeadSize(getHeadSize() == 0 ? getNOut() / heads : getHeadSize());
            return new AttentionVertex(this);
        }
    }
}
