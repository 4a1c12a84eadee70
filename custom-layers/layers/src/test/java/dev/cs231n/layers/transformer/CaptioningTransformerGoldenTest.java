package dev.cs231n.layers.transformer;

import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.assertCloseAbs;
import static dev.cs231n.testing.NdAssert.maxRelError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import dev.cs231n.testing.Fixture;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The whole course CaptioningTransformer loss and every parameter gradient, assembled from the pieces
 * ({@link CaptioningTransformer}: projection, one-token memory, word embedding, PositionalEncoding, L
 * TransformerDecoderLayers, temporal affine and the masked softmax loss), against {@code captioning_transformer.json}
 * (PyTorch float64, dropout 0). Every size, the number of layers and heads, the feed-forward width and activation,
 * eps and the positional encoding's maximum length come from the file.
 *
 * <p>DL4J's raw gradients are N times the course's (see {@code BuiltInSequencePiecesTest}). Compared absolutely: the
 * gradients the fixture marks as zero in exact arithmetic ({@link Fixture#structurallyZero}: the key biases, and with
 * one memory token the cross-attention's query and key projections, whose softmax over a single key is exactly 1), and
 * the rows of {@code W_embed} of tokens that never reach an unmasked prediction (exactly zero in both).
 */
class CaptioningTransformerGoldenTest {

    static final double TOL = 1e-9;
    static final double ZERO_TOL = 1e-12;

    static ComputationGraph fixtureModel(Fixture f) {
        ComputationGraph g = new ComputationGraph(CaptioningTransformer.configuration((int) f.param("input_dim"),
                (int) f.param("wordvec_dim"), (int) f.param("num_heads"), (int) f.param("num_layers"),
                (int) f.param("dim_feedforward"), (int) f.param("V"), (int) f.param("max_length"), 0.0,
                FeedForwardActivation.valueOf(f.paramString("ffn_activation").toUpperCase(Locale.ROOT)), new NoOp(),
                DataType.DOUBLE, 1));
        g.getConfiguration().setTrainingWorkspaceMode(WorkspaceMode.NONE);
        g.init();
        for (int l = 0; l < (int) f.param("num_layers"); l++) {
            TransformerDecoderLayer conf = (TransformerDecoderLayer) g.getConfiguration().getVertices()
                    .get(CaptioningTransformer.decoder(l));
            assertEquals(f.param("eps"), conf.getEps(), 0.0, "the decoder layers' LayerNorm eps is the course's");
        }
        for (String k : f.keys("grads")) {
            if (!k.equals("features")) {
                INDArray target = param(g, k);
                target.assign(f.input(k).reshape(target.shape()));
            }
        }
        return g;
    }

    /** @return the graph's parameter view of a fixture parameter ({@code l0_sa_Wq}: vertex dec0, key saWq) */
    static INDArray param(ComputationGraph g, String fixtureKey) {
        INDArray p = g.paramTable().get(graphKey(fixtureKey));
        if (p == null) {
            throw new AssertionError("the graph has no parameter " + graphKey(fixtureKey) + " for the fixture's "
                    + fixtureKey + "; it has " + g.paramTable().keySet());
        }
        return p;
    }

    /** @return the graph's {@code vertex_key} name of a fixture parameter */
    static String graphKey(String fixtureKey) {
        switch (fixtureKey) {
            case "W_visual":
                return CaptioningTransformer.PROJECTION + "_W";
            case "b_visual":
                return CaptioningTransformer.PROJECTION + "_b";
            case "W_embed":
                return CaptioningTransformer.EMBEDDING + "_W";
            case "W_out":
                return CaptioningTransformer.OUTPUT + "_W";
            case "b_out":
                return CaptioningTransformer.OUTPUT + "_b";
            default:
                if (!fixtureKey.matches("l[0-9]+_.*")) {
                    throw new AssertionError("unknown fixture parameter " + fixtureKey);
                }
                int cut = fixtureKey.indexOf('_');
                int layer = Integer.parseInt(fixtureKey.substring(1, cut));
                return CaptioningTransformer.decoder(layer) + "_" + fixtureKey.substring(cut + 1).replace("_", "");
        }
    }

    @Test
    void lossAndEveryGradientMatchTheCourse() {
        Fixture f = Fixture.load("captioning_transformer");
        int n = (int) f.param("N");
        int v = (int) f.param("V");
        assertEquals(n, f.input("captions").size(0));
        assertEquals((long) f.param("T_captions"), f.input("captions").size(1));
        ComputationGraph g = fixtureModel(f);
        MultiDataSet ds = CaptioningTransformer.trainingData(f.input("features"), f.input("captions"), v,
                DataType.DOUBLE);

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
        Set<String> compared = new HashSet<>();
        double worstZero = 0;
        for (String k : f.keys("grads")) {
            if (k.equals("features")) {
                continue;
            }
            INDArray expected = f.grad(k);
            INDArray actual = raw.getGradientFor(graphKey(k)).div(n).reshape(expected.shape());
            compared.add(graphKey(k));
            if (f.structurallyZero(k)) {
                assertCloseAbs("d" + k + " (zero in exact arithmetic)", expected, actual, ZERO_TOL);
                worstZero = Math.max(worstZero, actual.amaxNumber().doubleValue());
            } else if (k.equals("W_embed")) {
                for (int row = 0; row < expected.size(0); row++) {
                    INDArray e = expected.getRow(row);
                    INDArray a = actual.getRow(row);
                    if (e.norm1Number().doubleValue() == 0.0) {
                        assertCloseAbs("dW_embed row " + row + " (zero: token never reaches an unmasked target)", e,
                                a, ZERO_TOL);
                        worstZero = Math.max(worstZero, a.amaxNumber().doubleValue());
                    } else {
                        assertClose("dW_embed row " + row, e, a, TOL);
                        worst = Math.max(worst, maxRelError(e, a));
                    }
                }
            } else {
                assertClose("d" + k, expected, actual, TOL);
                worst = Math.max(worst, maxRelError(expected, actual));
            }
        }
        assertEquals(g.paramTable().keySet(), compared, "every parameter of the graph has its fixture gradient");

        // dL/dfeatures: DL4J returns no input gradient from a ComputationGraph. The loss is (1/N) sum_n L_n; with one
        // example in the batch, the projection's bias gradient is dL_n/dmemory[n] (summed over the memory's one
        // step), and the projection is linear: dL/dfeatures[n] = (1/N) dL_n/dmemory[n] . W_visual^T
        INDArray dFeatures = Nd4j.zeros(DataType.DOUBLE, n, f.input("features").size(1));
        for (int i = 0; i < n; i++) {
            MultiDataSet one = CaptioningTransformer.trainingData(f.input("features").getRow(i, true),
                    f.input("captions").getRow(i, true), v, DataType.DOUBLE);
            g.setInputs(one.getFeatures());
            g.setLabels(one.getLabels());
            g.setLayerMaskArrays(one.getFeaturesMaskArrays(), one.getLabelsMaskArrays());
            g.computeGradientAndScore();
            INDArray dMemory = g.gradient().getGradientFor(graphKey("b_visual")).reshape(1, -1);
            dFeatures.putRow(i, dMemory.mmul(f.input("W_visual").transpose()).div(n));
        }
        assertClose("dfeatures", f.grad("features"), dFeatures, TOL);
        worst = Math.max(worst, maxRelError(f.grad("features"), dFeatures));
        System.out.println("fixture captioning_transformer: max relative error " + worst + " (loss and "
                + (compared.size() + 1) + " gradients); largest gradient that is zero in exact arithmetic "
                + worstZero);
    }
}
