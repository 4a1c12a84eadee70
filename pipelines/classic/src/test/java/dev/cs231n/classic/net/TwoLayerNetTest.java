package dev.cs231n.classic.net;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import dev.cs231n.classic.Arrays64;
import dev.cs231n.classic.NumericGradient;
import dev.cs231n.classic.solver.LossAndGrads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The two-layer net: the course notebook's expected values, numerical gradient checks, initialisation. */
class TwoLayerNetTest {

    /** The course notebook's net: N, D, H, C = 3, 5, 50, 7 with np.linspace parameters and inputs. */
    private static TwoLayerNet notebookNet(double reg) {
        int d = 5;
        int h = 50;
        int c = 7;
        return new TwoLayerNet(Arrays64.linspace(-0.7, 0.3, d, h), Arrays64.linspace(-0.1, 0.9, h),
                Arrays64.linspace(-0.3, 0.4, h, c), Arrays64.linspace(-0.9, 0.1, c), reg);
    }

    /** {@code np.linspace(-5.5, 4.5, num=N*D).reshape(D, N).T}. */
    private static INDArray notebookX() {
        return Arrays64.linspace(-5.5, 4.5, 5, 3).transpose().dup('c');
    }

    @Test
    void scoresAndLossMatchTheNotebooksExpectedValues() {
        INDArray expected = Nd4j.createFromArray(new double[][] {
            {11.53165108, 12.2917344, 13.05181771, 13.81190102, 14.57198434, 15.33206765, 16.09215096},
            {12.05769098, 12.74614105, 13.43459113, 14.1230412, 14.81149128, 15.49994135, 16.18839143},
            {12.58373087, 13.20054771, 13.81736455, 14.43418138, 15.05099822, 15.66781506, 16.2846319}});
        assertClose("scores", expected, notebookNet(0).scores(notebookX()), 1e-8);
        int[] y = {0, 5, 1};
        assertEquals(3.4702243556, notebookNet(0).loss(notebookX(), y).loss(), 1e-10);
        assertEquals(26.5948426952, notebookNet(1.0).loss(notebookX(), y).loss(), 1e-10);
    }

    @ParameterizedTest(name = "reg {0}")
    @ValueSource(doubles = {0.0, 0.7})
    void lossGradientsMatchNumericalGradients(double reg) {
        Random rng = new Random(3);
        int n = 3;
        TwoLayerNet net = TwoLayerNet.create(5, 12, 7, 1e-1, reg, DataType.DOUBLE, 17);
        INDArray x = Arrays64.randn(rng, n, 5);
        int[] y = Arrays64.labels(rng, n, 7);
        LossAndGrads lg = net.loss(x, y);
        for (Map.Entry<String, INDArray> p : net.params().entrySet()) {
            INDArray num = NumericGradient.of(() -> net.loss(x, y).loss(), p.getValue());
            assertClose(p.getKey() + " (reg " + reg + ")", num, lg.grads().get(p.getKey()), 1e-7);
        }
    }

    @Test
    void initialisationIsTheCoursesAndDeterministic() {
        TwoLayerNet a = TwoLayerNet.create(3072, 100, 10, 1e-3, 0, DataType.FLOAT, 5);
        TwoLayerNet b = TwoLayerNet.create(3072, 100, 10, 1e-3, 0, DataType.FLOAT, 5);
        INDArray w1 = a.params().get(TwoLayerNet.W1);
        assertEquals(1e-3, w1.stdNumber().doubleValue(), 2e-5);
        assertEquals(0, w1.meanNumber().doubleValue(), 1e-5);
        assertEquals(1e-3, a.params().get(TwoLayerNet.W2).stdNumber().doubleValue(), 1e-4);
        assertEquals(0, a.params().get(TwoLayerNet.B1).amaxNumber().doubleValue());
        assertEquals(0, a.params().get(TwoLayerNet.B2).amaxNumber().doubleValue());
        assertEquals(w1, b.params().get(TwoLayerNet.W1));
        assertEquals(DataType.FLOAT, a.dataType());
        assertEquals(3072, a.inputDim());
        assertEquals(100, a.hiddenDim());
        assertEquals(10, a.numClasses());
    }

    @Test
    void floatLossAgreesWithDouble() {
        TwoLayerNet d = TwoLayerNet.create(20, 8, 4, 0.3, 0.05, DataType.DOUBLE, 9);
        TwoLayerNet f = new TwoLayerNet(d.params().get(TwoLayerNet.W1).castTo(DataType.FLOAT),
                d.params().get(TwoLayerNet.B1).castTo(DataType.FLOAT),
                d.params().get(TwoLayerNet.W2).castTo(DataType.FLOAT),
                d.params().get(TwoLayerNet.B2).castTo(DataType.FLOAT), 0.05);
        INDArray x = Arrays64.randn(new Random(1), 6, 20);
        int[] y = {0, 1, 2, 3, 0, 1};
        LossAndGrads ld = d.loss(x, y);
        LossAndGrads lf = f.loss(x.castTo(DataType.FLOAT), y);
        assertEquals(ld.loss(), lf.loss(), 1e-5);
        for (String k : ld.grads().keySet()) {
            assertClose(k, ld.grads().get(k), lf.grads().get(k), 1e-3);
        }
    }

    @Test
    void mismatchedParametersAreRejected() {
        INDArray w1 = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TwoLayerNet(w1,
                Nd4j.zeros(DataType.DOUBLE, 3), Nd4j.zeros(DataType.DOUBLE, 2, 5), Nd4j.zeros(DataType.DOUBLE, 5), 0));
        assertTrue(e.getMessage().contains("[2, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TwoLayerNet(w1, Nd4j.zeros(DataType.FLOAT, 3),
                Nd4j.zeros(DataType.DOUBLE, 3, 5), Nd4j.zeros(DataType.DOUBLE, 5), 0));
        assertTrue(e.getMessage().contains("one floating type"), e.getMessage());
        TwoLayerNet net = TwoLayerNet.create(4, 3, 5, 1e-3, 0, DataType.DOUBLE, 1);
        e = assertThrows(IllegalArgumentException.class, () -> net.scores(Nd4j.zeros(DataType.FLOAT, 2, 4)));
        assertTrue(e.getMessage().contains("data type"), e.getMessage());
    }
}
