package dev.cs231n.layers.core;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks the tests of this package build around a layer under test. */
final class Nets {

    private Nets() {
    }

    /**
     * @param hidden  the layer under test (nIn 4)
     * @param nHidden its output size
     * @param updater the updater
     * @param ws      workspace mode for training and inference
     * @param dtype   network data type
     * @return {@code hidden -> softmax output (2 classes, MCXENT)}, initialised with seed 12345
     */
    static MultiLayerNetwork withSoftmaxOutput(Layer hidden, int nHidden, IUpdater updater, WorkspaceMode ws,
            DataType dtype) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(dtype)
                .updater(updater).trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws).list()
                .layer(hidden)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(nHidden).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
