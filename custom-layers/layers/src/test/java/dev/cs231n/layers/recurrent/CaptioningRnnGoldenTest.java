package dev.cs231n.layers.recurrent;

import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.assertCloseAbs;
import static dev.cs231n.testing.NdAssert.maxRelError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cs231n.testing.Fixture;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The whole course CaptioningRNN loss and every parameter gradient, assembled from the pieces
 * ({@link CaptioningRnn}), against {@code captioning_rnn.json}. DL4J's raw gradients are N times the course's (see
 * {@link BuiltInSequencePiecesTest}); the rows of {@code W_embed} for tokens that only ever predict {@code <NULL>}
 * (or never occur) have exactly zero gradient and are compared absolutely.
 */
class CaptioningRnnGoldenTest {

    static final double TOL = 1e-11;

    static ComputationGraph fixtureModel(Fixture f) {
        ComputationGraph g = new ComputationGraph(CaptioningRnn.configuration((int) f.param("input_dim"),
                (int) f.param("wordvec_dim"), (int) f.param("hidden_dim"), (int) f.param("V"), new NoOp(),
                DataType.DOUBLE, 1));
        g.getConfiguration().setTrainingWorkspaceMode(WorkspaceMode.NONE);
        g.init();
        g.getLayer(CaptioningRnn.PROJECTION).setParam("W", f.input("W_proj"));
        g.getLayer(CaptioningRnn.PROJECTION).setParam("b", f.input("b_proj").reshape(1, -1));
        g.getLayer(CaptioningRnn.EMBEDDING).setParam("W", f.input("W_embed"));
        g.getVertex(CaptioningRnn.RNN).paramTable(false).get(VanillaRnnVertex.WX_KEY).assign(f.input("Wx"));
        g.getVertex(CaptioningRnn.RNN).paramTable(false).get(VanillaRnnVertex.WH_KEY).assign(f.input("Wh"));
        g.getVertex(CaptioningRnn.RNN).paramTable(false).get(VanillaRnnVertex.B_KEY).assign(f.input("b"));
        g.getLayer(CaptioningRnn.OUTPUT).setParam("W", f.input("W_vocab"));
        g.getLayer(CaptioningRnn.OUTPUT).setParam("b", f.input("b_vocab").reshape(1, -1));
        return g;
    }

    @Test
    void lossAndEveryGradientMatchTheCourse() {
        Fixture f = Fixture.load("captioning_rnn");
        int n = (int) f.param("N");
        int v = (int) f.param("V");
        ComputationGraph g = fixtureModel(f);
        MultiDataSet ds = CaptioningRnn.trainingData(f.input("features"), f.input("captions"), v, DataType.DOUBLE);

        double expectedLoss = f.output("loss").getDouble(0);
        double score = g.score(ds);
        assertEquals(expectedLoss, score, TOL * expectedLoss, "loss");
        double worst = Math.abs(score - expectedLoss) / Math.abs(expectedLoss);

        g.setInputs(ds.getFeatures());
        g.setLabels(ds.getLabels());
        g.setLayerMaskArrays(ds.getFeaturesMaskArrays(), ds.getLabelsMaskArrays());
        g.computeGradientAndScore();
        assertEquals(expectedLoss, g.score(), TOL * expectedLoss, "score of the backward pass");
        Gradient raw = g.gradient();
        String[][] keys = {{"W_proj", "proj_W"}, {"b_proj", "proj_b"}, {"W_embed", "embed_W"}, {"Wx", "rnn_Wx"},
            {"Wh", "rnn_Wh"}, {"b", "rnn_b"}, {"W_vocab", "vocab_W"}, {"b_vocab", "vocab_b"}};
        for (String[] k : keys) {
            INDArray expected = f.grad(k[0]);
            INDArray actual = raw.getGradientFor(k[1]).div(n).reshape(expected.shape());
            if (k[0].equals("W_embed")) {
                for (int row = 0; row < expected.size(0); row++) {
                    INDArray e = expected.getRow(row);
                    INDArray a = actual.getRow(row);
                    if (e.norm1Number().doubleValue() == 0.0) {
                        assertCloseAbs("dW_embed row " + row + " (zero in exact arithmetic)", e, a, 1e-15);
                    } else {
                        assertClose("dW_embed row " + row, e, a, TOL);
                        worst = Math.max(worst, maxRelError(e, a));
                    }
                }
            } else {
                assertClose("d" + k[0], expected, actual, TOL);
                worst = Math.max(worst, maxRelError(expected, actual));
            }
        }
        // dL/dfeatures: DL4J returns no input gradient from a ComputationGraph. The loss is (1/N) sum_n L_n, and
        // with one example in the batch the projection's bias gradient is dL_n/dh0[n]; the projection is linear,
        // so dL/dfeatures[n] = (1/N) dL_n/dh0[n] . W_proj^T
        INDArray dFeatures = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, n, f.input("features").size(1));
        for (int i = 0; i < n; i++) {
            MultiDataSet one = CaptioningRnn.trainingData(f.input("features").getRow(i, true),
                    f.input("captions").getRow(i, true), v, DataType.DOUBLE);
            g.setInputs(one.getFeatures());
            g.setLabels(one.getLabels());
            g.setLayerMaskArrays(one.getFeaturesMaskArrays(), one.getLabelsMaskArrays());
            g.computeGradientAndScore();
            INDArray dh0 = g.gradient().getGradientFor("proj_b").reshape(1, -1);
            dFeatures.putRow(i, dh0.mmul(f.input("W_proj").transpose()).div(n));
        }
        assertClose("dfeatures", f.grad("features"), dFeatures, TOL);
        worst = Math.max(worst, maxRelError(f.grad("features"), dFeatures));
        System.out.println("fixture captioning_rnn: max relative error " + worst);
    }
}

