package dev.cs231n.searches.nets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cs231n.searches.spaces.BatchNormSpace;
import dev.cs231n.searches.spaces.InvertedDropoutSpace;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.ActivationLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The course's fully-connected net as an Arbiter {@code MultiLayerSpace}: {@code depth} hidden blocks of
 * {@code dense(width) -> [our BatchNorm] -> ReLU -> our InvertedDropout(keep_prob)}, then a softmax output over
 * {@code classes} classes with cross-entropy, Adam with learning rate {@code lr}, L2 {@code reg}
 * ({@code 0.5 reg ΣW²} in the loss), He initialisation, on flat inputs of {@code inputSize}. Up to {@code maxDepth}
 * blocks are in the space; each block's layers are counted by {@link BlockLayerCount} (present when
 * {@code depth >= block}; the norm also when {@code batch_norm} is true), so that depth and norm are searched like
 * any hyperparameter. {@code keep_prob = 1} keeps everything (no dropout).
 *
 * <p>Hyperparameters (a range whose ends are equal, or a single value, is fixed and not named):
 * {@code depth} (integer), {@code width} (one of the given sizes, the same for every block), {@code lr} and
 * {@code reg} (log-uniform), {@code batch_norm} (false/true, or fixed), {@code keep_prob} (uniform).
 */
public final class FcNetSpace {

    private final MultiLayerSpace space;
    private final Map<String, ParameterSpace<?>> named;

    private FcNetSpace(MultiLayerSpace space, Map<String, ParameterSpace<?>> named) {
        this.space = space;
        this.named = named;
    }

    /** @return a builder with the defaults of {@code ./cs231n search --space fc-net} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the Arbiter space */
    public MultiLayerSpace space() {
        return space;
    }

    /** @return the searched hyperparameters by name, in report order (leaves of {@link #space()}) */
    public Map<String, ParameterSpace<?>> named() {
        return named;
    }

    /** Builds an {@link FcNetSpace}; every option is validated at {@link #build()}. */
    public static final class Builder {
        private int inputSize = 3072;
        private int classes = 10;
        private int minDepth = 1;
        private int maxDepth = 3;
        private int[] widths = {64, 128, 256};
        private double minLr = 1e-4;
        private double maxLr = 1e-2;
        private double minReg = 1e-5;
        private double maxReg = 1e-1;
        private boolean[] batchNorm = {false, true};
        private double minKeep = 0.5;
        private double maxKeep = 1.0;
        private long seed = 42;

        private Builder() {
        }

        /** @param n flat input size (3072 for CIFAR-10) @return this */
        public Builder inputSize(int n) {
            this.inputSize = n;
            return this;
        }

        /** @param n classes @return this */
        public Builder classes(int n) {
            this.classes = n;
            return this;
        }

        /** @param min fewest hidden blocks, &gt;= 1 @param max most @return this */
        public Builder depth(int min, int max) {
            this.minDepth = min;
            this.maxDepth = max;
            return this;
        }

        /** @param sizes the hidden widths to choose from @return this */
        public Builder widths(int... sizes) {
            this.widths = sizes.clone();
            return this;
        }

        /** @param min smallest learning rate @param max largest (log-uniform) @return this */
        public Builder lr(double min, double max) {
            this.minLr = min;
            this.maxLr = max;
            return this;
        }

        /** @param min smallest L2 strength @param max largest (log-uniform) @return this */
        public Builder reg(double min, double max) {
            this.minReg = min;
            this.maxReg = max;
            return this;
        }

        /** @param choices whether blocks have our BatchNorm: {false}, {true} or {false, true} @return this */
        public Builder batchNorm(boolean... choices) {
            this.batchNorm = choices.clone();
            return this;
        }

        /** @param min smallest keep probability, in (0, 1] @param max largest @return this */
        public Builder keepProb(double min, double max) {
            this.minKeep = min;
            this.maxKeep = max;
            return this;
        }

        /** @param seed the networks' initialisation seed @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @return the space
         * @throws IllegalArgumentException naming the option that is out of range
         */
        public FcNetSpace build() {
            require(inputSize >= 1 && classes >= 2, "input size >= 1 and classes >= 2, got " + inputSize + ", "
                    + classes);
            require(minDepth >= 1 && maxDepth >= minDepth, "depth range 1 <= min <= max, got " + minDepth + ".."
                    + maxDepth);
            require(widths.length >= 1 && Arrays.stream(widths).allMatch(w -> w >= 1), "widths >= 1, got "
                    + Arrays.toString(widths));
            require(minLr > 0 && maxLr >= minLr, "lr range 0 < min <= max, got " + minLr + ".." + maxLr);
            require(minReg > 0 && maxReg >= minReg, "reg range 0 < min <= max (log-uniform), got " + minReg + ".."
                    + maxReg);
            require(batchNorm.length == 1 || batchNorm.length == 2 && batchNorm[0] != batchNorm[1],
                    "batch norm choices {false}, {true} or {false, true}, got " + Arrays.toString(batchNorm));
            require(minKeep > 0 && maxKeep <= 1 && maxKeep >= minKeep, "keep probability range 0 < min <= max <= 1, "
                    + "got " + minKeep + ".." + maxKeep);
            Map<String, ParameterSpace<?>> named = new LinkedHashMap<>();
            ParameterSpace<Integer> depth = minDepth == maxDepth ? new FixedValue<>(minDepth)
                    : name(named, "depth", new IntegerParameterSpace(minDepth, maxDepth));
            ParameterSpace<Integer> width = widths.length == 1 ? new FixedValue<>(widths[0])
                    : name(named, "width", new DiscreteParameterSpace<>(Arrays.stream(widths).boxed()
                            .toArray(Integer[]::new)));
            ParameterSpace<Double> lr = minLr == maxLr ? new FixedValue<>(minLr)
                    : name(named, "lr", new ContinuousParameterSpace(new LogUniformDistribution(minLr, maxLr)));
            ParameterSpace<Double> reg = minReg == maxReg ? new FixedValue<>(minReg)
                    : name(named, "reg", new ContinuousParameterSpace(new LogUniformDistribution(minReg, maxReg)));
            ParameterSpace<Boolean> bn = batchNorm.length == 1 ? new FixedValue<>(batchNorm[0])
                    : name(named, "batch_norm", new DiscreteParameterSpace<>(false, true));
            ParameterSpace<Double> keep = minKeep == maxKeep ? new FixedValue<>(minKeep)
                    : name(named, "keep_prob", new ContinuousParameterSpace(minKeep, maxKeep));

            MultiLayerSpace.Builder b = new MultiLayerSpace.Builder().seed(seed).weightInit(WeightInit.RELU)
                    .updater(new AdamSpace(lr)).l2(reg);
            for (int block = 1; block <= maxDepth; block++) {
                ParameterSpace<Integer> present = new BlockLayerCount(depth, block, null);
                b.addLayer(new DenseLayerSpace.Builder().nOut(width).activation(Activation.IDENTITY).build(), present);
                b.addLayer(new BatchNormSpace.Builder().build(), new BlockLayerCount(depth, block, bn));
                b.addLayer(new ActivationLayerSpace.Builder().activation(Activation.RELU).build(), present);
                b.addLayer(new InvertedDropoutSpace.Builder().keepProbability(keep).build(), present);
            }
            b.addLayer(new OutputLayerSpace.Builder().nOut(classes).activation(Activation.SOFTMAX)
                    .lossFunction(LossFunctions.LossFunction.MCXENT).build());
            b.setInputType(InputType.feedForward(inputSize));
            return new FcNetSpace(b.build(), java.util.Collections.unmodifiableMap(named));
        }

        private static <P extends ParameterSpace<?>> P name(Map<String, ParameterSpace<?>> named, String n, P p) {
            named.put(n, p);
            return p;
        }

        private static void require(boolean ok, String what) {
            if (!ok) {
                throw new IllegalArgumentException("fc-net space: need " + what);
            }
        }
    }
}
