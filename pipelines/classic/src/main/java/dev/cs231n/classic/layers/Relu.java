package dev.cs231n.classic.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The course's ReLU: {@code out = max(0, x)}, elementwise, any shape. Backward: {@code dx = dout * [x > 0]}
 * (the gradient at exactly 0 is taken as 0, as the course does).
 */
public final class Relu {

    /**
     * The forward pass's input.
     *
     * @param x the input
     */
    public record Cache(INDArray x) {
    }

    private Relu() {
    }

    /**
     * @param x input, any shape
     * @return {@code max(0, x)} (a new array) and the cache
     */
    public static Forward<Cache> forward(INDArray x) {
        return new Forward<>(Transforms.relu(x, true), new Cache(x));
    }

    /**
     * @param dout  upstream gradient, x's shape
     * @param cache the forward pass's cache
     * @return {@code dx = dout * [x > 0]}
     */
    public static INDArray backward(INDArray dout, Cache cache) {
        return dout.mul(cache.x().gt(0.0).castTo(dout.dataType()));
    }
}
