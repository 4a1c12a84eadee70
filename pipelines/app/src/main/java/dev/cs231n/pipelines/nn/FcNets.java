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
     * The architecture and its training settings; {@link #builder()} validates them.
     */
    public static final class Spec {
        private final int inputSize;
        private final int[] hidden;
        private final NormKind norm;
        private final double keepProb;
        private final double weightScale;
        private final double reg;
        private final IUpdater updater;
        private final DataType dtype;
        private final long seed;

        private Spec(Builder b) {
            this.inputSize = b.inputSize;
            this.hidden = b.hidden.clone();
            this.norm = b.norm;
            this.keepProb = b.keepProb;
            this.weightScale = b.weightScale;
            this.reg = b.reg;
            this.updater = b.updater;
            this.dtype = b.dtype;
            this.seed = b.seed;
        }

        /** @return a builder: D 3072, hidden 100, no norm, no dropout, He init, no L2, Adam 1e-3, FLOAT, seed 42 */
        public static Builder builder() {
            return new Builder();
        }

        /** @return D */
        public int inputSize() {
            return inputSize;
        }

        /** @return sizes of the hidden layers */
        public int[] hidden() {
            return hidden.clone();
        }

        /** @return normalisation after each hidden affine layer */
        public NormKind norm() {
            return norm;
        }

        /** @return dropout keep probability (1 = no dropout) */
        public double keepProb() {
            return keepProb;
        }

        /** @return std of the N(0, scale²) weight initialisation, or 0 for He (ReLU) initialisation */
        public double weightScale() {
            return weightScale;
        }

        /** @return L2 regularisation: loss + 0.5 reg ΣW² over the affine weights */
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

        /** @return initialisation and dropout seed */
        public long seed() {
            return seed;
        }

        /** Validating builder of a {@link Spec}. */
        public static final class Builder {
            private int inputSize = 3072;
            private int[] hidden = {100};
            private NormKind norm = NormKind.NONE;
            private double keepProb = 1.0;
            private double weightScale;
            private double reg;
            private IUpdater updater = new org.nd4j.linalg.learning.config.Adam(1e-3);
            private DataType dtype = DataType.FLOAT;
            private long seed = 42;

            private Builder() {
            }

            /** @param d input size D, at least 1 @return this */
            public Builder inputSize(int d) {
                this.inputSize = d;
                return this;
            }

            /** @param h hidden layer sizes, each at least 1 @return this */
            public Builder hidden(int... h) {
                this.hidden = h.clone();
                return this;
            }

            /** @param n NONE, BATCH or LAYER @return this */
            public Builder norm(NormKind n) {
                this.norm = n;
                return this;
            }

            /** @param p dropout keep probability in (0, 1] @return this */
            public Builder keepProb(double p) {
                this.keepProb = p;
                return this;
            }

            /** @param s std of N(0, s²) initial weights, or 0 for He initialisation @return this */
            public Builder weightScale(double s) {
                this.weightScale = s;
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
                if (inputSize < 1 || hidden.length == 0 || java.util.Arrays.stream(hidden).anyMatch(h -> h < 1)) {
                    throw new IllegalArgumentException("fc-net: input size and every hidden size must be >= 1 and "
                            + "there must be a hidden layer; got D " + inputSize + ", hidden "
                            + java.util.Arrays.toString(hidden));
                }
                if (norm == NormKind.GROUP) {
                    throw new IllegalArgumentException("fc-net: norm GROUP is for convolutional nets; use NONE, "
                            + "BATCH or LAYER");
                }
                if (!(keepProb > 0 && keepProb <= 1)) {
                    throw new IllegalArgumentException("fc-net: keep probability must be in (0, 1], got " + keepProb);
                }
                if (!(weightScale >= 0) || !(reg >= 0)) {
                    throw new IllegalArgumentException("fc-net: weight scale and reg must be >= 0, got "
                            + weightScale + " and " + reg);
                }
                java.util.Objects.requireNonNull(updater, "updater");
                java.util.Objects.requireNonNull(dtype, "dtype");
                return new Spec(this);
            }
        }
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
