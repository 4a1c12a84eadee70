package dev.cs231n.pipelines.nn;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Convolutional networks of the {@code cnn} job on NCHW {@code [N, 3, 32, 32]} CIFAR-10, with our spatial
 * normalisation layers after each convolution. Convolution, pooling and affine layers are DL4J's built-ins (on
 * oneDNN through {@link OneDnnHelpers}); a convolution followed by a normalisation has no bias (beta replaces it).
 */
public final class ConvNets {

    /** The architectures. */
    public enum Arch {
        /** The course's {@code ThreeLayerConvNet}: conv7x7(32) - [norm] - relu - pool2 - affine(100) - relu - affine. */
        THREE_LAYER,
        /**
         * A deeper net sized for a 2-core CPU: {conv3x3(w) - [norm] - relu - pool2} for w = 32, 64, 128, then
         * affine(128·4·4 → 10).
         */
        DEEP
    }

    /**
     * @param arch    the architecture
     * @param norm    normalisation after each convolution ({@link NormKind#NONE}, BATCH or GROUP)
     * @param groups  channel groups for GROUP
     * @param reg     L2 regularisation of convolution and affine weights (loss + 0.5 reg ΣW²); the
     *                normalisation layers' gamma/beta are not regularised, as in the course
     * @param updater the update rule
     * @param dtype   data type
     * @param seed    initialisation seed
     */
    public record Spec(Arch arch, NormKind norm, int groups, double reg, IUpdater updater, DataType dtype, long seed) {
    }

    private ConvNets() {
    }

    /**
     * @param s the specification
     * @return the network configuration
     */
    public static MultiLayerConfiguration conf(Spec s) {
        if (s.norm() == NormKind.LAYER) {
            throw new IllegalArgumentException("cnn: --norm layer is for fully-connected nets; use batch or group");
        }
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(s.seed()).dataType(s.dtype())
                .updater(s.updater()).weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same).list();
        if (s.arch() == Arch.THREE_LAYER) {
            convBlock(b, s, 32, 7);
            b.layer(pool());
            b.layer(new DenseLayer.Builder().nOut(100).activation(Activation.RELU).l2(s.reg()).build());
        } else {
            for (int width : new int[] {32, 64, 128}) {
                convBlock(b, s, width, 3);
                b.layer(pool());
            }
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                .l2(s.reg()).build());
        return b.setInputType(InputType.convolutional(32, 32, 3)).build();
    }

    private static void convBlock(NeuralNetConfiguration.ListBuilder b, Spec s, int width, int kernel) {
        boolean normed = s.norm() != NormKind.NONE;
        b.layer(new ConvolutionLayer.Builder(kernel, kernel).nOut(width).hasBias(!normed).l2(s.reg())
                .activation(normed ? Activation.IDENTITY : Activation.RELU).build());
        if (normed) {
            b.layer(s.norm().layer(s.groups()));
            b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        }
    }

    private static SubsamplingLayer pool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }
}
