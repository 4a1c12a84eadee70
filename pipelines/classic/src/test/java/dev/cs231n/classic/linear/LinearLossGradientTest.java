package dev.cs231n.classic.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.classic.TestArrays;
import dev.cs231n.classic.layers.DataLoss;
import dev.cs231n.classic.layers.LossAndGradient;
import dev.cs231n.testing.NdAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The vectorised SVM and softmax losses through {@link LinearClassifier}, including the regularisation: centred
 * numerical gradient checks in float64 (the course's relative error) on every weight of a small problem, and
 * agreement with the naive loop oracles.
 */
class LinearLossGradientTest {

    private static final int N = 16;
    private static final int D = 13;
    private static final int C = 5;
    private static final double H = 1e-5;

    private final INDArray x = withBiasColumn(TestArrays.gaussian(1, N, D - 1).muli(3));
    private final int[] y = TestArrays.ints(2, N, C);
    private final INDArray w = TestArrays.gaussian(3, D, C).muli(0.1);

    private static DataLoss loss(String name) {
        return DataLoss.byId(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"svm", "softmax"})
    void analyticGradientMatchesCentredDifferencesIncludingRegularisation(String name) {
        double reg = 0.7;
        if (name.equals("svm")) {
            assertNoMarginNearAKink();
        }
        LinearClassifier c = new LinearClassifier(loss(name), w.dup());
        INDArray analytic = c.lossAndGradient(x, y, reg).gradient();
        INDArray numeric = Nd4j.create(DataType.DOUBLE, D, C);
        INDArray weights = c.weights();
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < C; j++) {
                double old = weights.getDouble(i, j);
                weights.putScalar(i, j, old + H);
                double plus = c.lossAndGradient(x, y, reg).loss();
                weights.putScalar(i, j, old - H);
                double minus = c.lossAndGradient(x, y, reg).loss();
                weights.putScalar(i, j, old);
                numeric.putScalar(i, j, (plus - minus) / (2 * H));
            }
        }
        double err = NdAssert.maxRelError(numeric, analytic);
        assertTrue(err < 1e-7, name + ": max relative error " + err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"svm", "softmax"})
    void vectorisedMatchesTheNaiveLoops(String name) {
        double reg = 0.35;
        double[][] dW = new double[D][C];
        double expected = name.equals("svm")
                ? NaiveLinearLoss.svm(w.toDoubleMatrix(), x.toDoubleMatrix(), y, reg, dW)
                : NaiveLinearLoss.softmax(w.toDoubleMatrix(), x.toDoubleMatrix(), y, reg, dW);
        LossAndGradient lg = new LinearClassifier(loss(name), w.dup()).lossAndGradient(x, y, reg);
        assertEquals(expected, lg.loss(), 1e-12 * Math.abs(expected));
        NdAssert.assertClose(name + " dW", Nd4j.createFromArray(dW), lg.gradient(), 1e-10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"svm", "softmax"})
    void regularisationAddsRegTimesSumOfSquaresAndTwiceRegW(String name) {
        LinearClassifier c = new LinearClassifier(loss(name), w.dup());
        LossAndGradient plain = c.lossAndGradient(x, y, 0.0);
        LossAndGradient reg = c.lossAndGradient(x, y, 2.5);
        assertEquals(2.5 * w.mul(w).sumNumber().doubleValue(), reg.loss() - plain.loss(), 1e-12);
        NdAssert.assertCloseAbs("2 reg W", w.mul(5.0), reg.gradient().sub(plain.gradient()), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"svm", "softmax"})
    void float32AgreesWithFloat64(String name) {
        LossAndGradient d64 = new LinearClassifier(loss(name), w.dup()).lossAndGradient(x, y, 0.5);
        LossAndGradient d32 = new LinearClassifier(loss(name), w.castTo(DataType.FLOAT))
                .lossAndGradient(x.castTo(DataType.FLOAT), y, 0.5);
        assertEquals(DataType.FLOAT, d32.gradient().dataType());
        assertEquals(d64.loss(), d32.loss(), 1e-5 * Math.abs(d64.loss()));
        NdAssert.assertCloseAbs(name + " float32 dW", d64.gradient(), d32.gradient(), 1e-4);
    }

    @Test
    void softmaxIsStableForHugeScores() {
        INDArray big = Nd4j.createFromArray(new double[][] {{1000, 0, -1000}, {0, 800, 799}});
        LossAndGradient lg = DataLoss.SOFTMAX.compute(big, new int[] {0, 2});
        assertTrue(Double.isFinite(lg.loss()));
        assertEquals((0 + Math.log1p(Math.exp(-1)) + 1) / 2, lg.loss(), 1e-12);
    }

    @Test
    void mismatchedShapesAreRejected() {
        LinearClassifier c = new LinearClassifier(DataLoss.SOFTMAX, w.dup());
        assertThrows(IllegalArgumentException.class, () -> c.scores(Nd4j.zeros(DataType.DOUBLE, 2, D + 1)));
        assertThrows(IllegalArgumentException.class,
                () -> DataLoss.SOFTMAX.compute(Nd4j.zeros(DataType.DOUBLE, 2, 3), new int[] {0, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> DataLoss.byId("hinge"));
    }

    private void assertNoMarginNearAKink() {
        INDArray s = x.mmul(w);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < C; j++) {
                double m = s.getDouble(i, j) - s.getDouble(i, y[i]) + 1;
                assertTrue(j == y[i] || Math.abs(m) > 1e-3, "margin " + m + " at " + i + "," + j
                        + " is too close to the hinge for a finite-difference check; pick another seed");
            }
        }
    }

    private static INDArray withBiasColumn(INDArray features) {
        return Nd4j.hstack(features, Nd4j.ones(DataType.DOUBLE, features.size(0), 1));
    }
}
