package dev.cs231n.searches.nets;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The course's two-layer net (affine - ReLU - affine - softmax) as an Arbiter {@code MultiLayerSpace} of DL4J
 * layers: weights drawn from {@code N(0, weightScale²)}, biases 0, L2 {@code reg} on the weights only (DL4J's
 * {@code l2(reg)} adds {@code 0.5 · reg · ΣW²} to the loss, the course's term; checked in the tests), softmax
 * cross-entropy averaged over the minibatch, and the course Solver's update: SGD (or Nesterov momentum) with the
 * learning rate × {@code lrDecay} after every epoch ({@link DecayedSgdSpace}). The same space on image features
 * ({@code inputSize} 154) is the course's net on HOG + colour features.
 */
public final class TwoLayerSpace {

    private TwoLayerSpace() {
    }

    /**
     * @param inputSize   flat input size (3072 for pixels)
     * @param classes     number of classes
     * @param hidden      hidden size's space
     * @param lr          initial learning rate's space
     * @param reg         L2 strength's space
     * @param weightScale standard deviation of the initial weights (the course: 1e-3)
     * @param lrDecay     learning-rate factor per epoch (the course: 0.95)
     * @param momentum    0 for plain SGD (the course), else Nesterov momentum
     * @param seed        initialisation seed
     * @return the space
     */
    public static MultiLayerSpace of(int inputSize, int classes, ParameterSpace<Integer> hidden,
            ParameterSpace<Double> lr, ParameterSpace<Double> reg, double weightScale, double lrDecay,
            double momentum, long seed) {
        if (inputSize < 1 || classes < 2 || !(weightScale > 0)) {
            throw new IllegalArgumentException("two-layer space: need input size >= 1, classes >= 2 and a weight "
                    + "scale > 0, got " + inputSize + ", " + classes + ", " + weightScale);
        }
        NormalDistribution init = new NormalDistribution(0, weightScale);
        return new MultiLayerSpace.Builder().seed(seed).updater(new DecayedSgdSpace(lr, lrDecay, momentum)).l2(reg)
                .addLayer(new DenseLayerSpace.Builder().nOut(hidden).activation(Activation.RELU)
                        .dist(init).biasInit(0).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(classes).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).dist(init).biasInit(0).build())
                .setInputType(InputType.feedForward(inputSize)).build();
    }
}
