package dev.cs231n.pipelines.nn;

import dev.cs231n.layers.dropout.InvertedDropout;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The course's {@code FullyConnectedNet}: {@code {affine - [norm] - relu - [dropout]} x (L - 1) - affine - softmax}
 * on flat {@code [N, D]} input, with our normalisation and dropout layers.
 */
public final class FcNets {

    private FcNets() {
    }

    /**
     * The architecture and its training settings.
     *
     * @param inputSize   D
     * @param hidden      sizes of the hidden layers
     * @param norm        normalisation after each hidden affine layer
     * @param keepProb    dropout keep probability (1 = no dropout)
     * @param weightScale std of the N(0, scale²) weight initialisation, or 0 for He (ReLU) initialisation
     * @param reg         L2 regularisation: loss + 0.5 reg ΣW² over the affine weights
     * @param updater     the update rule
     * @param dtype       data type
     * @param seed        initialisation and dropout seed
     */
    public record Spec(int inputSize, int[] hidden, NormKind norm, double keepProb, double weightScale, double reg,
            IUpdater updater, DataType dtype, long seed) {
    }

    /**
     * @param s the specification
     * @return the network configuration
     */
    public static MultiLayerConfiguration conf(Spec s) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(s.seed()).dataType(s.dtype())
                .updater(s.updater()).list();
        for (int h : s.hidden()) {
            DenseLayer.Builder dense = new DenseLayer.Builder().nOut(h).activation(Activation.IDENTITY).l2(s.reg());
            if (s.weightScale() > 0) {
                dense.weightInit(new WeightInitDistribution(new NormalDistribution(0, s.weightScale())));
            } else {
                dense.weightInit(WeightInit.RELU);
            }
            b.layer(dense.build());
            if (s.norm() != NormKind.NONE) {
                b.layer(s.norm().layer(1));
            }
            b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
            if (s.keepProb() < 1.0) {
                b.layer(InvertedDropout.builder().keepProbability(s.keepProb()).build());
            }
        }
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                .activation(Activation.SOFTMAX).l2(s.reg());
        if (s.weightScale() > 0) {
            out.weightInit(new WeightInitDistribution(new NormalDistribution(0, s.weightScale())));
        }
        return b.layer(out.build()).setInputType(InputType.feedForward(s.inputSize())).build();
    }
}
