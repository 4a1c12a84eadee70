package dev.cs231n.classic.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's {@code affine_relu} sandwich: {@code out = max(0, x2 w + b)} with the shapes of {@link Affine}
 * ({@code x [N, d1, ..., dk]} flattened to {@code [N, D]}, {@code w [D, M]}, {@code b [M]}, {@code out [N, M]}).
 * Backward chains {@link Relu#backward} into {@link Affine#backward}.
 */
public final class AffineRelu {

    /**
     * The caches of both halves.
     *
     * @param affine the affine layer's cache
     * @param relu   the ReLU's cache (its input, the affine output)
     */
    public record Cache(Affine.Cache affine, Relu.Cache relu) {
    }

    private AffineRelu() {
    }

    /**
     * @param x input {@code [N, d1, ..., dk]}
     * @param w weights {@code [D, M]}
     * @param b bias {@code [M]}
     * @return {@code out [N, M]} and the cache
     */
    public static Forward<Cache> forward(INDArray x, INDArray w, INDArray b) {
        Forward<Affine.Cache> a = Affine.forward(x, w, b);
        Forward<Relu.Cache> r = Relu.forward(a.out());
        return new Forward<>(r.out(), new Cache(a.cache(), r.cache()));
    }

    /**
     * @param dout  upstream gradient {@code [N, M]}
     * @param cache the forward pass's cache
     * @return dx (x's shape), dw {@code [D, M]}, db {@code [M]}
     */
    public static Affine.Grads backward(INDArray dout, Cache cache) {
        return backward(dout, cache, true);
    }

    /**
     * @param dout      upstream gradient {@code [N, M]}
     * @param cache     the forward pass's cache
     * @param computeDx false to skip dx (the input is data)
     * @return dx (null when not computed), dw, db
     */
    public static Affine.Grads backward(INDArray dout, Cache cache, boolean computeDx) {
        return Affine.backward(Relu.backward(dout, cache.relu()), cache.affine(), computeDx);
    }
}
