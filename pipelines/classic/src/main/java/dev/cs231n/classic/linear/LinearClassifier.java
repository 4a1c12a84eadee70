package dev.cs231n.classic.linear;

import java.util.Arrays;
import java.util.Random;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.layers.DataLoss;
import dev.cs231n.classic.layers.LossAndGradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear classifier {@code s = X W} with the bias trick: features {@code X [N, D+1]} whose last column is 1, weights
 * {@code W [D+1, C]} whose last row is the bias. The prediction is the arg-max score.
 *
 * <p>Loss, following the course ({@code linear_svm.py} / {@code softmax.py}, 2025):
 * {@code L(W) = data_loss(X W, y) + reg * sum(W * W)} and {@code dL/dW = X^T dscores + 2 reg W}. The regularisation
 * covers <em>all</em> of W, including the bias row, exactly as the course does (a common alternative leaves the bias
 * unregularised; with reg ~ 1e4 and one bias row out of 3073 the difference is negligible, and following the course
 * keeps its numbers comparable).
 *
 * <p>Weights are initialised as in the course: {@code 0.001 * N(0, 1)} per entry, from a {@link java.util.Random} of
 * the given seed (so the same on every backend). The weights' type (FLOAT or DOUBLE) is the type of every computation;
 * X must have it too. Labels are N integers in {@code 0 .. C-1}.
 */
public final class LinearClassifier {

    /** The course's initial weight scale. */
    public static final double INIT_SCALE = 0.001;

    private final DataLoss loss;
    private final INDArray weights;

    /**
     * @param loss    the data loss
     * @param weights {@code [D+1, C]}, FLOAT or DOUBLE; used (and updated) in place
     */
    public LinearClassifier(DataLoss loss, INDArray weights) {
        if (weights.rank() != 2 || !weights.dataType().isFPType()) {
            throw new IllegalArgumentException("weights must be a floating [D+1, C] matrix, got "
                    + weights.dataType() + " " + Arrays.toString(weights.shape()));
        }
        this.loss = loss;
        this.weights = weights;
    }

    /**
     * @param loss     the data loss
     * @param features D+1 (including the bias column)
     * @param classes  C
     * @param type     FLOAT or DOUBLE
     * @param seed     seed of the initial weights
     * @return a classifier with weights {@code 0.001 * N(0, 1)}
     */
    public static LinearClassifier initialised(DataLoss loss, int features, int classes, DataType type, long seed) {
        Random rng = new Random(seed);
        double[] w = new double[features * classes];
        for (int i = 0; i < w.length; i++) {
            w[i] = INIT_SCALE * rng.nextGaussian();
        }
        return new LinearClassifier(loss, Nd4j.create(w, new long[] {features, classes}, 'c').castTo(type));
    }

    /** @return the data loss */
    public DataLoss loss() {
        return loss;
    }

    /** @return W {@code [D+1, C]} (the live array, not a copy) */
    public INDArray weights() {
        return weights;
    }

    /**
     * @param x {@code [N, D+1]}
     * @return scores {@code [N, C]}
     */
    public INDArray scores(INDArray x) {
        if (x.rank() != 2 || x.size(1) != weights.size(0)) {
            throw new IllegalArgumentException("features must be [N, " + weights.size(0) + "] (bias column included), "
                    + "got " + Arrays.toString(x.shape()));
        }
        return x.mmul(weights);
    }

    /**
     * @param x {@code [N, D+1]}
     * @return N predicted labels (arg-max score)
     */
    public int[] predict(INDArray x) {
        return Labels.argMax(scores(x));
    }

    /**
     * @param x   {@code [N, D+1]}
     * @param y   N labels in {@code 0 .. C-1}
     * @param reg regularisation strength
     * @return {@code L = data_loss + reg * sum(W^2)} and {@code dL/dW = X^T dscores + 2 reg W}, {@code [D+1, C]}
     */
    public LossAndGradient lossAndGradient(INDArray x, int[] y, double reg) {
        LossAndGradient data = loss.compute(scores(x), y);
        // dW = 2 reg W, then += X^T dscores (GEMM with beta = 1)
        INDArray dW = weights.mul(2.0 * reg);
        Nd4j.gemm(x, data.gradient(), dW, true, false, 1.0, 1.0);
        double penalty = reg * Nd4j.getExecutioner().exec(new SquaredNorm(weights)).getDouble(0);
        return new LossAndGradient(data.loss() + penalty, dW);
    }

    /**
     * One gradient-descent step, {@code W -= learningRate * dW}, in place.
     *
     * @param gradient     {@code [D+1, C]}
     * @param learningRate step size
     */
    public void step(INDArray gradient, double learningRate) {
        Nd4j.getBlasWrapper().level1().axpy(weights.length(), -learningRate, gradient, weights);
    }
}
