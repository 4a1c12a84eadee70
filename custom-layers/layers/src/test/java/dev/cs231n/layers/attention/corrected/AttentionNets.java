package dev.cs231n.layers.attention.corrected;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Graphs around each attention component, ours or DL4J's original: inputs "in" (NCW, {@link #N_IN} features, and
 * "kv" with {@link #N_KV} features for the vertex) -> the component "att" -> average pooling over time -> softmax
 * over {@link #CLASSES}.
 */
final class AttentionNets {

    static final int N_IN = 4;
    static final int N_KV = 5;
    static final int N_OUT = 6;
    static final int HEADS = 2;
    static final int QUERIES = 3;
    static final int CLASSES = 3;
    static final int T = 5;

    /** The four components. */
    enum Kind {
        SELF, LEARNED, RECURRENT, VERTEX
    }

    private AttentionNets() {
    }

    static Layer layer(Kind kind, boolean ours) {
        switch (kind) {
            case SELF:
                return ours ? new SelfAttentionLayer.Builder().nIn(N_IN).nOut(N_OUT).nHeads(HEADS).projectInput(true)
                        .build()
                        : new org.deeplearning4j.nn.conf.layers.SelfAttentionLayer.Builder().nIn(N_IN).nOut(N_OUT)
                                .nHeads(HEADS).projectInput(true).build();
            case LEARNED:
                return ours ? new LearnedSelfAttentionLayer.Builder().nIn(N_IN).nOut(N_OUT).nHeads(HEADS)
                        .nQueries(QUERIES).projectInput(true).build()
                        : new org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer.Builder().nIn(N_IN)
                                .nOut(N_OUT).nHeads(HEADS).nQueries(QUERIES).projectInput(true).build();
            case RECURRENT:
                return ours ? new RecurrentAttentionLayer.Builder().nIn(N_IN).nOut(N_OUT).nHeads(HEADS)
                        .projectInput(true).activation(Activation.TANH).build()
                        : new org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer.Builder().nIn(N_IN)
                                .nOut(N_OUT).nHeads(HEADS).projectInput(true).activation(Activation.TANH).build();
            default:
                throw new IllegalArgumentException("not a layer: " + kind);
        }
    }

    static GraphVertex vertex(boolean ours) {
        return ours ? new AttentionVertex.Builder().nInQueries(N_IN).nInKeys(N_KV).nInValues(N_KV).nOut(N_OUT)
                .nHeads(HEADS).projectInput(true).build()
                : new org.deeplearning4j.nn.conf.graph.AttentionVertex.Builder().nInQueries(N_IN).nInKeys(N_KV)
                        .nInValues(N_KV).nOut(N_OUT).nHeads(HEADS).projectInput(true).build();
    }

    static ComputationGraph graph(Kind kind, boolean ours, IUpdater updater, WorkspaceMode ws) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(17)
                .dataType(DataType.DOUBLE).updater(updater).trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws)
                .graphBuilder();
        if (kind == Kind.VERTEX) {
            b.addInputs("in", "kv").setInputTypes(InputType.recurrent(N_IN, T), InputType.recurrent(N_KV, T))
                    .addVertex("att", vertex(ours), "in", "kv", "kv");
        } else {
            b.addInputs("in").setInputTypes(InputType.recurrent(N_IN, T)).addLayer("att", layer(kind, ours), "in");
        }
        ComputationGraph g = new ComputationGraph(b
                .addLayer("pool", new GlobalPoolingLayer.Builder().poolingType(PoolingType.AVG).build(), "att")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(N_OUT).nOut(CLASSES).build(), "pool")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    /**
     * @param kind   the component
     * @param n      the minibatch size
     * @param masked whether the sequences carry a padding mask (example i has its last i steps padded, at most 2)
     * @param seed   the data's seed
     * @return inputs, labels and masks
     */
    static MultiDataSet data(Kind kind, int n, boolean masked, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray in = Nd4j.rand(DataType.DOUBLE, n, N_IN, T).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, CLASSES);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % CLASSES, 1.0);
        }
        INDArray m = null;
        if (masked) {
            m = Nd4j.ones(DataType.DOUBLE, n, T);
            for (int i = 0; i < n; i++) {
                for (int j = T - Math.min(i, 2); j < T; j++) {
                    m.putScalar(i, j, 0.0);
                }
            }
        }
        if (kind == Kind.VERTEX) {
            INDArray kv = Nd4j.rand(DataType.DOUBLE, n, N_KV, T).subi(0.5);
            return new MultiDataSet(new INDArray[] {in, kv}, new INDArray[] {y},
                    masked ? new INDArray[] {m, m.dup()} : null, null);
        }
        return new MultiDataSet(new INDArray[] {in}, new INDArray[] {y}, masked ? new INDArray[] {m} : null, null);
    }

    /** Runs one forward and backward pass with the data's masks. */
    static void computeGradient(ComputationGraph g, MultiDataSet ds) {
        g.setLayerMaskArrays(ds.getFeaturesMaskArrays(), ds.getLabelsMaskArrays());
        g.setInputs(ds.getFeatures());
        g.setLabels(ds.getLabels());
        g.computeGradientAndScore();
        g.clearLayerMaskArrays();
    }
}
