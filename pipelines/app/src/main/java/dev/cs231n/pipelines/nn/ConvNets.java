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
 * oneDNN through {@code dev.cs231n.m21.OneDnnHelpers}); a convolution followed by a normalisation has no bias (beta replaces it).
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

    /** The architecture and its training settings; {@link #builder()} validates them. */
    public static final class Spec {
        private final Arch arch;
        private final NormKind norm;
        private final int groups;
        private final double reg;
        private final IUpdater updater;
        private final DataType dtype;
        private final long seed;

        private Spec(Builder b) {
            this.arch = b.arch;
            this.norm = b.norm;
            this.groups = b.groups;
            this.reg = b.reg;
            this.updater = b.updater;
            this.dtype = b.dtype;
            this.seed = b.seed;
        }

        /** @return a builder: DEEP, BATCH norm, 8 groups, no L2, Adam 1e-3, FLOAT, seed 42 */
        public static Builder builder() {
            return new Builder();
        }

        /** @return the architecture */
        public Arch arch() {
            return arch;
        }

        /** @return normalisation after each convolution (NONE, BATCH or GROUP) */
        public NormKind norm() {
            return norm;
        }

        /** @return channel groups for GROUP */
        public int groups() {
            return groups;
        }

        /**
         * @return L2 regularisation of convolution and affine weights (loss + 0.5 reg ΣW²); the normalisation layers'
         *         gamma/beta are not regularised, as in the course
         */
        public double reg() {
            return reg;
        }

        /** @return the update rule */
        public IUpdater updater() {
            return updater;
        }

        /** @return data type */
        public DataType dtype() {
            return dtype;
        }

        /** @return initialisation seed */
        public long seed() {
            return seed;
        }

        /** Validating builder of a {@link Spec}. */
        public static final class Builder {
            private Arch arch = Arch.DEEP;
            private NormKind norm = NormKind.BATCH;
            private int groups = 8;
            private double reg;
            private IUpdater updater = new org.nd4j.linalg.learning.config.Adam(1e-3);
            private DataType dtype = DataType.FLOAT;
            private long seed = 42;

            private Builder() {
            }

            /** @param a the architecture @return this */
            public Builder arch(Arch a) {
                this.arch = a;
                return this;
            }

            /** @param n NONE, BATCH or GROUP @return this */
            public Builder norm(NormKind n) {
                this.norm = n;
                return this;
            }

            /** @param g channel groups of GROUP norm, at least 1 @return this */
            public Builder groups(int g) {
                this.groups = g;
                return this;
            }

            /** @param r L2 strength, at least 0 @return this */
            public Builder reg(double r) {
                this.reg = r;
                return this;
            }

            /** @param u the update rule @return this */
            public Builder updater(IUpdater u) {
                this.updater = u;
                return this;
            }

            /** @param t data type @return this */
            public Builder dataType(DataType t) {
                this.dtype = t;
                return this;
            }

            /** @param s seed @return this */
            public Builder seed(long s) {
                this.seed = s;
                return this;
            }

            /** @return the validated specification */
            public Spec build() {
                if (norm == NormKind.LAYER) {
                    throw new IllegalArgumentException("cnn: norm LAYER is for fully-connected nets; use NONE, BATCH "
                            + "or GROUP");
                }
                if (groups < 1 || !(reg >= 0)) {
                    throw new IllegalArgumentException("cnn: groups must be >= 1 and reg >= 0, got " + groups + " and "
                            + reg);
                }
                java.util.Objects.requireNonNull(arch, "arch");
                java.util.Objects.requireNonNull(updater, "updater");
                java.util.Objects.requireNonNull(dtype, "dtype");
                return new Spec(this);
            }
        }
    }

    private ConvNets() {
    }

    /**
     * @param s the specification
     * @return the network configuration
     */
    public static MultiLayerConfiguration conf(Spec s) {
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
