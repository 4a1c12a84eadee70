package dev.cs231n.layers.readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.dropout.InvertedDropout;
import dev.cs231n.layers.norm.BatchNorm;
import dev.cs231n.layers.norm.GroupNorm;
import dev.cs231n.layers.norm.LayerNorm;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The configuration shown in the README's "Using the custom layers" section builds, trains and infers. */
class ReadmeExampleTest {

    @Test
    void readmeConfigurationTrains() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(BatchNorm.builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(GroupNorm.builder().groups(8).build())
                .layer(new GlobalPoolingLayer(PoolingType.AVG))
                .layer(new DenseLayer.Builder().nOut(256).activation(Activation.IDENTITY).build())
                .layer(LayerNorm.builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(InvertedDropout.builder().keepProbability(0.8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(32, 32, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i, 1.0);
        }
        INDArray runningMean = net.getLayer(1).getParam(BatchNorm.RUNNING_MEAN_KEY).dup();
        double first = 0;
        for (int i = 0; i < 20; i++) {
            net.fit(x, y);
            first = i == 0 ? net.score() : first;
        }
        assertTrue(net.score() < first, "loss should fall on a fixed batch: " + first + " -> " + net.score());
        assertNotEquals(runningMean, net.getLayer(1).getParam(BatchNorm.RUNNING_MEAN_KEY), "running mean updated");
        assertArrayEquals(new long[] {4, 10}, net.output(x).shape());
    }
}
