package dev.cs231n.pipelines.nn;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The benchmark CNN of the PyTorch baseline: conv3x3(3→32, pad 1)–ReLU–maxpool2 – conv3x3(32→64, pad 1)–ReLU–
 * maxpool2 – affine(64·8·8 → 10) – softmax cross-entropy, on NCHW {@code [N, 3, 32, 32]}, trained with SGD.
 */
public final class SmallCnn {

    private SmallCnn() {
    }

    /**
     * @param lr    SGD learning rate (the baseline uses 1e-2)
     * @param dtype network data type
     * @param seed  initialisation seed
     * @return the configuration
     */
    public static MultiLayerConfiguration conf(double lr, DataType dtype, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(dtype).updater(new Sgd(lr))
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(32, 32, 3))
                .build();
    }
}
