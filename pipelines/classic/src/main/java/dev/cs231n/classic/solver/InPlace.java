package dev.cs231n.classic.solver;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * In-place updates without temporaries. {@code y.subi(x.mul(a))} allocates an array of x's size on every call;
 * for a weight matrix that is a fresh off-heap buffer per step (1.2 MB for the two-layer net's W1), whose
 * allocation and first touch cost more than the arithmetic. These write into {@code y} directly.
 */
public final class InPlace {

    private InPlace() {
    }

    /**
     * {@code y += alpha * x}, elementwise, in one native pass.
     *
     * @param alpha the factor
     * @param x     an array of y's shape and type (unchanged)
     * @param y     updated in place
     * @return y
     */
    public static INDArray axpy(double alpha, INDArray x, INDArray y) {
        return Nd4j.exec(new Axpy(x, y, y, alpha));
    }
}
