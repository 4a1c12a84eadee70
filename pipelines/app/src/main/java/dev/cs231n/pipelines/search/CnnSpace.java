package dev.cs231n.pipelines.search;

import java.util.Map;

import dev.cs231n.searches.nets.BlockLayerCount;
import dev.cs231n.searches.nets.HyperparameterChoice;
import dev.cs231n.searches.spaces.BatchNormSpace;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.ActivationLayerSpace;
import org.deeplearning4j.arbiter.layers.ConvolutionLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.layers.SubsamplingLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small CNN for CIFAR-10 as an Arbiter {@code MultiLayerSpace}, shaped like the {@code cnn} job's deep net:
 * three blocks {conv3x3(width) - [our BatchNorm] - ReLU - maxpool2}, then a softmax output; Adam, L2 on the
 * convolution and output weights, He initialisation. Hyperparameters: {@code width} (the same for the three blocks),
 * {@code batch_norm}, {@code lr}, {@code reg}.
 */
public final class CnnSpace {

    private CnnSpace() {
    }

    /**
     * @param named     gets the searched hyperparameters' names
     * @param widths    convolution widths to choose from
     * @param batchNorm {false}, {true} or {false, true}
     * @param lr        Adam learning rate's space
     * @param reg       L2 strength's space
     * @param seed      initialisation seed
     * @return the space
     */
    public static MultiLayerSpace of(Map<String, ParameterSpace<?>> named, int[] widths, boolean[] batchNorm,
            ParameterSpace<Double> lr, ParameterSpace<Double> reg, long seed) {
        ParameterSpace<Integer> width = HyperparameterChoice.sizes(named, "width", widths);
        ParameterSpace<Boolean> bn;
        if (batchNorm.length == 1) {
            bn = new FixedValue<>(batchNorm[0]);
        } else {
            bn = new DiscreteParameterSpace<>(false, true);
            named.put("batch_norm", bn);
        }
        ParameterSpace<Integer> three = new FixedValue<>(3);
        MultiLayerSpace.Builder b = new MultiLayerSpace.Builder().seed(seed).weightInit(WeightInit.RELU)
                .updater(new AdamSpace(lr)).l2(reg).convolutionMode(ConvolutionMode.Same);
        for (int block = 1; block <= 3; block++) {
            b.addLayer(new ConvolutionLayerSpace.Builder().kernelSize(3, 3).stride(1, 1).nOut(width)
                    .activation(Activation.IDENTITY).build());
            b.addLayer(new BatchNormSpace.Builder().build(), new BlockLayerCount(three, block, bn));
            b.addLayer(new ActivationLayerSpace.Builder().activation(Activation.RELU).build());
            b.addLayer(new SubsamplingLayerSpace.Builder().poolingType(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2).stride(2, 2).build());
        }
        b.addLayer(new OutputLayerSpace.Builder().nOut(10).activation(Activation.SOFTMAX)
                .lossFunction(LossFunctions.LossFunction.MCXENT).build());
        b.setInputType(InputType.convolutional(32, 32, 3));
        return b.build();
    }
}
