package dev.cs231n.layers.core;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

/**
 * How this package's layers and vertices take the network builder's global settings when they set none of their
 * own, as DL4J's {@code DenseLayer} does: the global activation and weight initialisation (DL4J's defaults: sigmoid
 * and Xavier); settings they cannot honour are rejected with the layer's name and what to do instead.
 */
final class GlobalDefaults {

    private GlobalDefaults() {
    }

    /**
     * @param global the network builder's activation function
     * @param layer  the layer's description, for the message
     * @return the {@link Activation} constant whose function equals {@code global}
     * @throws IllegalArgumentException when no constant does (an activation with non-default parameters)
     */
    static Activation activation(IActivation global, String layer) {
        for (Activation a : Activation.values()) {
            if (global.equals(functionOf(a))) {
                return a;
            }
        }
        throw new IllegalArgumentException(layer + ": the network's global activation " + global + " is not one of "
                + "the Activation constants (e.g. an activation with non-default parameters), which this layer "
                + "stores; set .activation(Activation.X) on the layer");
    }

    /**
     * @param global the network builder's weight initialisation
     * @return the {@link WeightInit} constant whose function equals {@code global}, or null (e.g. a distribution)
     */
    static WeightInit weightInit(IWeightInit global) {
        for (WeightInit w : WeightInit.values()) {
            if (w != WeightInit.DISTRIBUTION && global.equals(functionOf(w))) {
                return w;
            }
        }
        return null;
    }

    /**
     * Rejects the global settings a DL4J {@code DenseLayer} honours and these layers do not implement.
     *
     * @param b     the network builder
     * @param layer the layer's description, for the message
     * @throws IllegalArgumentException for a non-zero {@code biasInit} or any {@code weightNoise}
     */
    static void rejectUnsupported(NeuralNetConfiguration.Builder b, String layer) {
        if (b.getBiasInit() != 0.0) {
            throw new IllegalArgumentException(layer + ": biases start at 0; the network's global biasInit("
                    + b.getBiasInit() + ") is not supported. Remove it from the NeuralNetConfiguration.Builder and "
                    + "set biasInit on the DL4J layers that need it");
        }
        if (b.getWeightNoise() != null) {
            throw new IllegalArgumentException(layer + ": the network's global weightNoise(" + b.getWeightNoise()
                    + ") is not applied by SameDiff layers. Remove it from the NeuralNetConfiguration.Builder and set "
                    + "weightNoise on the DL4J layers that should use it");
        }
    }

    private static IWeightInit functionOf(WeightInit w) {
        try {
            return w.getWeightInitFunction();
        } catch (RuntimeException e) {
            return null; // a constant that needs arguments
        }
    }

    private static IActivation functionOf(Activation a) {
        try {
            return a.getActivationFunction();
        } catch (RuntimeException e) {
            return null; // a constant without a function of its own
        }
    }
}
