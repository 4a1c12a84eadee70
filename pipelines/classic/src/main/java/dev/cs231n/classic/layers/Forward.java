package dev.cs231n.classic.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a layer's forward pass returns, as the course's {@code out, cache = layer_forward(...)}: the output and
 * what the backward pass needs.
 *
 * @param out   the layer's output
 * @param cache the values saved for {@code backward(dout, cache)}
 * @param <C>   the layer's cache type
 */
public record Forward<C>(INDArray out, C cache) {
}
