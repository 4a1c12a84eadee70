package dev.cs231n.classic.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's affine (fully connected) layer: {@code out = x2 w + b}, where {@code x2} is the input
 * {@code x [N, d1, ..., dk]} flattened row-major to {@code [N, D]} ({@code D = d1 * ... * dk}), {@code w [D, M]},
 * {@code b [M]}, {@code out [N, M]}.
 *
 * <p>Backward, for an upstream gradient {@code dout [N, M]}: {@code dx = dout w^T} reshaped to x's shape,
 * {@code dw = x2^T dout}, {@code db = sum_n dout[n, :]}.
 */
public final class Affine {

    /**
     * The forward pass's inputs, kept for the backward pass.
     *
     * @param x the input as given (any shape {@code [N, ...]})
     * @param w the weights {@code [D, M]}
     * @param b the bias {@code [M]}
     */
    public record Cache(INDArray x, INDArray w, INDArray b) {
    }

    /**
     * The gradients of the layer's inputs.
     *
     * @param dx gradient of x, x's shape; null when the backward pass was asked not to compute it
     * @param dw gradient of w {@code [D, M]}
     * @param db gradient of b {@code [M]}
     */
    public record Grads(INDArray dx, INDArray dw, INDArray db) {
    }

    private Affine() {
    }

    /**
     * @param x input {@code [N, d1, ..., dk]}
     * @param w weights {@code [D, M]}
     * @param b bias {@code [M]}
     * @return {@code out [N, M]} and the cache
     * @throws IllegalArgumentException when the shapes do not fit
     */
    public static Forward<Cache> forward(INDArray x, INDArray w, INDArray b) {
        INDArray x2 = flatten(x);
        if (w.rank() != 2 || w.size(0) != x2.size(1) || b.length() != w.size(1)) {
            throw new IllegalArgumentException("affine: x " + shape(x) + " flattens to " + shape(x2) + ", needs w [D="
                    + x2.size(1) + ", M] and b [M]; got w " + shape(w) + ", b " + shape(b));
        }
        if (x.dataType() != w.dataType() || b.dataType() != w.dataType()) {
            throw new IllegalArgumentException("affine: x, w and b must share one data type, got " + x.dataType()
                    + ", " + w.dataType() + ", " + b.dataType());
        }
        // Nd4j.gemm goes straight to BLAS; INDArray.mmul takes a slower route for these shapes (3x at 200x3072x100)
        INDArray out = Nd4j.gemm(x2, w, false, false);
        out.addiRowVector(b);
        return new Forward<>(out, new Cache(x, w, b));
    }

    /**
     * @param dout  upstream gradient {@code [N, M]}
     * @param cache the forward pass's cache
     * @return dx (x's shape), dw {@code [D, M]}, db {@code [M]}
     */
    public static Grads backward(INDArray dout, Cache cache) {
        return backward(dout, cache, true);
    }

    /**
     * @param dout      upstream gradient {@code [N, M]}
     * @param cache     the forward pass's cache
     * @param computeDx false to skip {@code dx} (a first layer, whose input is data: saves a third of the work)
     * @return dx (null when not computed), dw, db
     */
    public static Grads backward(INDArray dout, Cache cache, boolean computeDx) {
        INDArray x2 = flatten(cache.x());
        INDArray dw = Nd4j.gemm(x2, dout, true, false);
        INDArray db = dout.sum(0);
        INDArray dx = null;
        if (computeDx) {
            dx = Nd4j.gemm(dout, cache.w(), false, true).reshape('c', cache.x().shape());
        }
        return new Grads(dx, dw, db);
    }

    /** @return x as {@code [N, D]}, row-major (a view when x is c-contiguous) */
    static INDArray flatten(INDArray x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("affine: x must be [N, d1, ...], got " + shape(x));
        }
        long n = x.size(0);
        return x.rank() == 2 ? x : x.reshape('c', n, x.length() / n);
    }

    static String shape(INDArray a) {
        return java.util.Arrays.toString(a.shape());
    }
}
