package dev.cs231n.classic.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import dev.cs231n.classic.layers.Affine;
import dev.cs231n.classic.layers.AffineRelu;
import dev.cs231n.classic.layers.Forward;
import dev.cs231n.classic.layers.LossAndGradient;
import dev.cs231n.classic.layers.SoftmaxLoss;
import dev.cs231n.classic.solver.InPlace;
import dev.cs231n.classic.solver.LossAndGrads;
import dev.cs231n.classic.solver.SolverModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's two-layer fully connected net ({@code cs231n/classifiers/fc_net.py}, {@code TwoLayerNet}):
 * affine - ReLU - affine - softmax, over inputs of any dimension D (CIFAR-10 pixels, D = 3072; HOG + colour
 * features, D = 154; ...).
 *
 * <p>Shapes: {@code x [N, d1, ..., dk]} flattened to {@code [N, D]}; {@code W1 [D, H]}, {@code b1 [H]},
 * {@code W2 [H, C]}, {@code b2 [C]}; {@code scores = relu(x W1 + b1) W2 + b2}, {@code [N, C]}.
 *
 * <p>Loss, as the course: {@code L = softmax_loss(scores, y) + 0.5 * reg * (sum W1^2 + sum W2^2)}; the gradients
 * come from the layers' hand-derived backward passes, plus {@code reg * W} on each weight matrix (biases are not
 * regularised). Initialisation: weights drawn from {@code N(0, weight_scale^2)} (the course's
 * {@code weight_scale * np.random.randn}), biases zero.
 *
 * <p>The data type of the parameters (FLOAT for training speed, DOUBLE for gradient checks) is the type the inputs
 * must have.
 */
public final class TwoLayerNet implements SolverModel {

    /** Parameter name of the first weight matrix {@code [D, H]}. */
    public static final String W1 = "W1";
    /** Parameter name of the first bias {@code [H]}. */
    public static final String B1 = "b1";
    /** Parameter name of the second weight matrix {@code [H, C]}. */
    public static final String W2 = "W2";
    /** Parameter name of the second bias {@code [C]}. */
    public static final String B2 = "b2";
    /** The course's default standard deviation of the initial weights. */
    public static final double DEFAULT_WEIGHT_SCALE = 1e-3;

    private final Map<String, INDArray> params;
    private final double reg;

    /**
     * A freshly initialised net.
     *
     * @param inputDim    D, the flattened input size
     * @param hiddenDim   H, the hidden layer's size
     * @param numClasses  C
     * @param weightScale the initial weights' standard deviation ({@link #DEFAULT_WEIGHT_SCALE})
     * @param reg         the L2 regularisation strength, {@code >= 0}
     * @param type        FLOAT or DOUBLE
     * @param seed        seed of the initial weights ({@code java.util.Random}, the same on every JVM)
     * @return the net
     */
    public static TwoLayerNet create(int inputDim, int hiddenDim, int numClasses, double weightScale, double reg,
            DataType type, long seed) {
        if (inputDim < 1 || hiddenDim < 1 || numClasses < 2 || !(weightScale >= 0)) {
            throw new IllegalArgumentException("two-layer net: needs D >= 1, H >= 1, C >= 2 and weight scale >= 0, "
                    + "got D " + inputDim + ", H " + hiddenDim + ", C " + numClasses + ", scale " + weightScale);
        }
        Random rng = new Random(seed);
        return new TwoLayerNet(gaussian(inputDim, hiddenDim, weightScale, type, rng), Nd4j.zeros(type, hiddenDim),
                gaussian(hiddenDim, numClasses, weightScale, type, rng), Nd4j.zeros(type, numClasses), reg);
    }

    /**
     * A net with the given parameters (kept, not copied; trained in place).
     *
     * @param w1  {@code [D, H]}
     * @param b1  {@code [H]}
     * @param w2  {@code [H, C]}
     * @param b2  {@code [C]}
     * @param reg the L2 regularisation strength, {@code >= 0}
     * @throws IllegalArgumentException when the shapes or types do not fit together
     */
    public TwoLayerNet(INDArray w1, INDArray b1, INDArray w2, INDArray b2, double reg) {
        if (w1.rank() != 2 || w2.rank() != 2 || b1.rank() != 1 || b2.rank() != 1 || b1.length() != w1.size(1)
                || w2.size(0) != w1.size(1) || b2.length() != w2.size(1)) {
            throw new IllegalArgumentException("two-layer net: needs W1 [D, H], b1 [H], W2 [H, C], b2 [C]; got "
                    + shape(w1) + ", " + shape(b1) + ", " + shape(w2) + ", " + shape(b2));
        }
        DataType t = w1.dataType();
        if (b1.dataType() != t || w2.dataType() != t || b2.dataType() != t || !t.isFPType()) {
            throw new IllegalArgumentException("two-layer net: parameters must share one floating type, got "
                    + w1.dataType() + ", " + b1.dataType() + ", " + w2.dataType() + ", " + b2.dataType());
        }
        if (!(reg >= 0)) {
            throw new IllegalArgumentException("two-layer net: reg must be >= 0, got " + reg);
        }
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(W1, w1);
        m.put(B1, b1);
        m.put(W2, w2);
        m.put(B2, b2);
        this.params = Collections.unmodifiableMap(m);
        this.reg = reg;
    }

    @Override
    public Map<String, INDArray> params() {
        return params;
    }

    /** @return the L2 regularisation strength */
    public double reg() {
        return reg;
    }

    /** @return D */
    public int inputDim() {
        return (int) params.get(W1).size(0);
    }

    /** @return H */
    public int hiddenDim() {
        return (int) params.get(W1).size(1);
    }

    /** @return C */
    public int numClasses() {
        return (int) params.get(W2).size(1);
    }

    /** @return the parameters' data type */
    public DataType dataType() {
        return params.get(W1).dataType();
    }

    @Override
    public INDArray scores(INDArray x) {
        INDArray h = AffineRelu.forward(x, params.get(W1), params.get(B1)).out();
        return Affine.forward(h, params.get(W2), params.get(B2)).out();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The gradient of W1 skips the input gradient {@code dx} (the input is data), which saves a third of the
     * backward pass.
     */
    @Override
    public LossAndGrads loss(INDArray x, int[] y) {
        INDArray w1 = params.get(W1);
        INDArray w2 = params.get(W2);
        Forward<AffineRelu.Cache> hidden = AffineRelu.forward(x, w1, params.get(B1));
        Forward<Affine.Cache> out = Affine.forward(hidden.out(), w2, params.get(B2));
        LossAndGradient data = SoftmaxLoss.compute(out.out(), y);
        Affine.Grads g2 = Affine.backward(data.gradient(), out.cache());
        Affine.Grads g1 = AffineRelu.backward(g2.dx(), hidden.cache(), false);
        double loss = data.loss();
        if (reg > 0) {
            double n1 = w1.norm2Number().doubleValue();
            double n2 = w2.norm2Number().doubleValue();
            loss += 0.5 * reg * (n1 * n1 + n2 * n2);
            InPlace.axpy(reg, w1, g1.dw());
            InPlace.axpy(reg, w2, g2.dw());
        }
        Map<String, INDArray> grads = new LinkedHashMap<>();
        grads.put(W1, g1.dw());
        grads.put(B1, g1.db());
        grads.put(W2, g2.dw());
        grads.put(B2, g2.db());
        return new LossAndGrads(loss, grads);
    }

    private static INDArray gaussian(int rows, int cols, double std, DataType type, Random rng) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = std * rng.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c').castTo(type);
    }

    private static String shape(INDArray a) {
        return java.util.Arrays.toString(a.shape());
    }
}
