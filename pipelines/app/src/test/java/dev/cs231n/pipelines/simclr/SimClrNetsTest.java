package dev.cs231n.pipelines.simclr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.loss.NtXentLoss;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** The SimCLR networks: layout, the encoder's representation, and copying the encoder between networks. */
class SimClrNetsTest {

    private static INDArray views(int n) {
        Nd4j.getRandom().setSeed(4);
        return Nd4j.randn(DataType.FLOAT, n, 3, 32, 32);
    }

    @Test
    void pretrainingNetworkIsEncoderHeadAndLoss() {
        SimClrSpec s = SimClrSpec.course();
        MultiLayerNetwork net = SimClrNets.pretraining(s, new Adam(1e-3), 1);
        int k = SimClrNets.encoderLayers(s);
        assertEquals(13, k);
        assertTrue(net.getLayerWiseConfigurations().getConf(k - 1).getLayer() instanceof GlobalPoolingLayer);
        DenseLayer hidden = (DenseLayer) net.getLayerWiseConfigurations().getConf(k).getLayer();
        assertEquals(512, hidden.getNOut());
        assertTrue(!hidden.hasBias(), "the course's head: linear 512 without bias");
        assertEquals(128, ((DenseLayer) net.getLayerWiseConfigurations().getConf(k + 3).getLayer()).getNOut());
        assertTrue(net.getLayerWiseConfigurations().getConf(k + 4).getLayer() instanceof NtXentLoss);
        // one step on 4 pairs runs and gives a finite loss near log(2N - 1)
        INDArray x = views(8);
        net.fit(new DataSet(x, Nd4j.zeros(DataType.FLOAT, 8, 1)));
        assertTrue(Double.isFinite(net.score()) && Math.abs(net.score() - Math.log(7)) < 1.0, "" + net.score());
        assertArrayEquals(new long[] {8, 128}, net.output(x, false).shape(), "output is the projection");
    }

    @Test
    void encoderOfGivesTheRepresentationAndCopiesIntoAClassifier() {
        SimClrSpec s = SimClrSpec.course();
        MultiLayerNetwork net = SimClrNets.pretraining(s, new Adam(1e-3), 1);
        INDArray x = views(6);
        net.fit(new DataSet(x, Nd4j.zeros(DataType.FLOAT, 6, 1)));
        int last = SimClrNets.encoderLayers(s) - 1;
        INDArray expected = net.feedForwardToLayer(last, x, false).get(last + 1);
        INDArray h = SimClrNets.encoderOf(s, net).output(x, false);
        assertArrayEquals(new long[] {6, SimClrNets.FEATURES}, h.shape());
        assertEquals(expected, h, "the encoder alone computes what the encoder inside the network computes");

        MultiLayerNetwork classifier = SimClrNets.classifier(s, new Adam(1e-3), 2);
        SimClrNets.copyEncoder(s, net, classifier);
        assertEquals(expected, SimClrNets.encoderOf(s, classifier).output(x, false),
                "the encoder (BatchNorm running statistics included) copied over");
        assertEquals(10, classifier.output(x, false).size(1));
    }
}
