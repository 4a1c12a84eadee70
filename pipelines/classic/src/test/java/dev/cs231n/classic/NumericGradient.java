package dev.cs231n.classic;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's numerical gradients ({@code gradient_check.py}): centred differences
 * {@code (f(x + h e_i) - f(x - h e_i)) / 2h}, one element of x at a time, in float64.
 */
public final class NumericGradient {

    /** The course's step. */
    public static final double H = 1e-5;

    private NumericGradient() {
    }

    /**
     * @param f a scalar function of the current contents of x
     * @param x a c-contiguous DOUBLE array, perturbed in place and restored
     * @return {@code df/dx}, x's shape
     */
    public static INDArray of(DoubleSupplier f, INDArray x) {
        check(x);
        INDArray grad = x.ulike();
        for (long i = 0; i < x.length(); i++) {
            double old = x.getDouble(i);
            x.putScalar(i, old + H);
            double plus = f.getAsDouble();
            x.putScalar(i, old - H);
            double minus = f.getAsDouble();
            x.putScalar(i, old);
            grad.putScalar(i, (plus - minus) / (2 * H));
        }
        return grad;
    }

    /**
     * The numerical gradient of {@code sum(f(x) * dout)}: what a layer's backward pass returns for upstream
     * gradient {@code dout}.
     *
     * @param f    an array function of the current contents of x
     * @param x    a c-contiguous DOUBLE array, perturbed in place and restored
     * @param dout the upstream gradient, f's output shape
     * @return x's shape
     */
    public static INDArray ofArray(Supplier<INDArray> f, INDArray x, INDArray dout) {
        return of(() -> f.get().mul(dout).sumNumber().doubleValue(), x);
    }

    private static void check(INDArray x) {
        if (x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("numerical gradients need a DOUBLE array, got " + x.dataType());
        }
    }
}
