package dev.cs231n.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Array assertions with the error measures the course uses. */
public final class NdAssert {

    private NdAssert() {
    }

    /**
     * The course's relative error: {@code max |a - b| / max(1e-8, |a| + |b|)}, elementwise, then the maximum.
     *
     * @param a an array
     * @param b an array of the same shape
     * @return the largest elementwise relative error
     */
    public static double maxRelError(INDArray a, INDArray b) {
        INDArray x = a.castTo(DataType.DOUBLE);
        INDArray y = b.castTo(DataType.DOUBLE);
        INDArray num = Transforms.abs(x.sub(y));
        INDArray den = Transforms.max(Transforms.abs(x).addi(Transforms.abs(y)), 1e-8);
        return num.divi(den).maxNumber().doubleValue();
    }

    /**
     * Asserts equal shapes and a maximum relative error of at most {@code tol}.
     *
     * @param what     a name for the message
     * @param expected the reference
     * @param actual   the value under test
     * @param tol      the largest allowed relative error
     */
    public static void assertClose(String what, INDArray expected, INDArray actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double err = maxRelError(expected, actual);
        if (!(err <= tol)) {
            fail(what + ": max relative error " + err + " > " + tol + "\nexpected " + expected + "\nactual   "
                    + actual);
        }
    }

    /**
     * Asserts equal shapes and a maximum absolute difference of at most {@code tol} (for values that are zero
     * in exact arithmetic, where a relative error means nothing).
     *
     * @param what     a name for the message
     * @param expected the reference
     * @param actual   the value under test
     * @param tol      the largest allowed absolute difference
     */
    public static void assertCloseAbs(String what, INDArray expected, INDArray actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double err = Transforms.abs(expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)))
                .maxNumber().doubleValue();
        if (!(err <= tol)) {
            fail(what + ": max absolute difference " + err + " > " + tol);
        }
    }
}
