package dev.cs231n.layers.recurrent;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cs231n.testing.Fixture;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The captioning pieces DL4J already has, proven against the course's definitions: {@code EmbeddingSequenceLayer}
 * is the word embedding ({@code word_embedding.json}), {@code TimeDistributed(DenseLayer)} the temporal affine
 * ({@code temporal_affine.json}), and {@code RnnOutputLayer} (softmax, MCXENT) with a per-time-step label mask the
 * temporal softmax loss ({@code temporal_softmax_loss.json}), with one factor made explicit: DL4J's score is the
 * course's loss (summed over unmasked steps, divided by N), but the gradient DL4J's backward pass returns is that
 * of the sum, N times the course's; the updater divides it by the minibatch size before the step, so what training
 * applies is exactly the course's gradient.
 */
class BuiltInSequencePiecesTest {

    /** Machine precision for float64 values of order one after a few operations. */
    static final double EXACT = 1e-12;

    static MultiLayerNetwork single(org.deeplearning4j.nn.conf.layers.Layer layer, IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(updater).list().layer(layer).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        return net;
    }

    @Test
    void embeddingSequenceLayerIsTheWordEmbedding() {
        Fixture f = Fixture.load("word_embedding");
        Layer l = single(new EmbeddingSequenceLayer.Builder().nIn(6).nOut(3).hasBias(false)
                .activation(Activation.IDENTITY).build(), new NoOp()).getLayer(0);
        l.setParam("W", f.input("W"));
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        l.setInput(f.input("x").castTo(DataType.DOUBLE), mgr); // [N, T] token indices
        INDArray out = l.activate(true, mgr); // NCW [N, D, T]
        assertClose("word_embedding out", f.output("out"), Sequences.toNtc(out), 0.0);
        Pair<Gradient, INDArray> g = l.backpropGradient(Sequences.toNcw(f.input("dout")), mgr);
        assertClose("word_embedding dW (repeated indices accumulate)", f.grad("W"),
                g.getFirst().getGradientFor("W"), 0.0);
    }

    @Test
    void timeDistributedDenseIsTheTemporalAffine() {
        Fixture f = Fixture.load("temporal_affine");
        Layer l = single(new TimeDistributed(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.IDENTITY)
                .build(), RNNFormat.NCW), new NoOp()).getLayer(0);
        l.setParam("W", f.input("w"));
        l.setParam("b", f.input("b").reshape(1, 5));
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        l.setInput(Sequences.toNcw(f.input("x")), mgr);
        assertClose("temporal_affine out", f.output("out"), Sequences.toNtc(l.activate(true, mgr)), EXACT);
        Pair<Gradient, INDArray> g = l.backpropGradient(Sequences.toNcw(f.input("dout")), mgr);
        assertClose("temporal_affine dx", f.grad("x"), Sequences.toNtc(g.getSecond()), EXACT);
        assertClose("temporal_affine dw", f.grad("w"), g.getFirst().getGradientFor("W"), EXACT);
        assertClose("temporal_affine db", f.grad("b"), g.getFirst().getGradientFor("b").reshape(5), EXACT);
    }

    /** RnnOutputLayer with {@code W = I}, no bias: its pre-activation is the fixture's scores {@code x}. */
    static MultiLayerNetwork identityScoresLoss(IUpdater updater) {
        MultiLayerNetwork net = single(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(5)
                .hasBias(false).activation(Activation.SOFTMAX).build(), updater);
        net.getLayer(0).setParam("W", Nd4j.eye(5).castTo(DataType.DOUBLE));
        return net;
    }

    @Test
    void rnnOutputLayerWithLabelMaskIsTheTemporalSoftmaxLoss() {
        Fixture f = Fixture.load("temporal_softmax_loss");
        int n = (int) f.param("N");
        INDArray x = Sequences.toNcw(f.input("x"));
        INDArray y = Sequences.oneHotNcw(f.input("y"), 5, DataType.DOUBLE);
        INDArray mask = f.input("mask").castTo(DataType.DOUBLE); // [N, T], 0 at <NULL>
        MultiLayerNetwork net = identityScoresLoss(new NoOp());

        double score = net.score(new DataSet(x, y, null, mask));
        assertEquals(f.output("loss").getDouble(0), score, EXACT * Math.abs(score), "DL4J's score is the loss");

        Pair<Gradient, INDArray> g = net.calculateGradients(x, y, null, mask);
        assertClose("DL4J's raw dx is N x the course's", f.grad("x").mul(n), Sequences.toNtc(g.getSecond()), EXACT);
    }

    @Test
    void theUpdaterDividesByTheMinibatchSoOneSgdStepFollowsTheCoursesGradient() {
        Fixture f = Fixture.load("temporal_softmax_loss");
        INDArray x = Sequences.toNcw(f.input("x"));
        INDArray y = Sequences.oneHotNcw(f.input("y"), 5, DataType.DOUBLE);
        INDArray mask = f.input("mask").castTo(DataType.DOUBLE);
        double lr = 0.1;
        MultiLayerNetwork net = identityScoresLoss(new Sgd(lr));
        INDArray w0 = net.getLayer(0).getParam("W").dup();
        net.fit(new DataSet(x, y, null, mask));
        // With W = I the scores are x, so the course's dL/dscores is grads.x, and dL/dW = x2d^T . dscores2d
        INDArray x2d = f.input("x").reshape(-1, 5);
        INDArray dW = x2d.transpose().mmul(f.grad("x").reshape(-1, 5));
        assertClose("W after one SGD step", w0.sub(dW.mul(lr)), net.getLayer(0).getParam("W"), EXACT);
    }
}
