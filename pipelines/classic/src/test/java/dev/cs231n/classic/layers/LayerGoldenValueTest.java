package dev.cs231n.classic.layers;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.classic.Arrays64;
import dev.cs231n.testing.Fixture;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layers against PyTorch float64 golden values ({@code /fixtures/affine_relu.json},
 * {@code /fixtures/svm_softmax_loss.json}) and the course notebook's own expected numbers.
 */
class LayerGoldenValueTest {

    private static final double TOL = 1e-9;

    @Test
    void affineReluForwardAndBackwardMatchTheFixture() {
        Fixture f = Fixture.load("affine_relu");
        INDArray x = f.input("x");
        Forward<AffineRelu.Cache> fwd = AffineRelu.forward(x, f.input("w"), f.input("b"));
        assertClose("out", f.output("out"), fwd.out(), TOL);
        Affine.Grads g = AffineRelu.backward(f.input("dout"), fwd.cache());
        assertClose("dx", f.grad("x"), g.dx(), TOL);
        assertClose("dw", f.grad("w"), g.dw(), TOL);
        assertClose("db", f.grad("b"), g.db(), TOL);
    }

    @Test
    void softmaxAndSvmLossesMatchTheFixture() {
        Fixture f = Fixture.load("svm_softmax_loss");
        INDArray x = f.input("x");
        int[] y = f.input("y").toIntVector();
        LossAndGradient softmax = SoftmaxLoss.compute(x, y);
        assertEquals(f.output("softmax_loss").getDouble(0), softmax.loss(), 1e-12);
        assertClose("softmax dx", f.grad("x_softmax"), softmax.gradient(), TOL);
        LossAndGradient svm = SvmLoss.compute(x, y);
        assertEquals(f.output("svm_loss").getDouble(0), svm.loss(), 1e-12);
        assertClose("svm dx", f.grad("x_svm"), svm.gradient(), TOL);
    }

    @Test
    void affineForwardMatchesTheNotebooksExpectedOutput() {
        // FullyConnectedNets.ipynb: 2 inputs of shape (4, 5, 6), output dim 3, values from np.linspace
        INDArray x = Arrays64.linspace(-0.1, 0.5, 2, 4, 5, 6);
        INDArray w = Arrays64.linspace(-0.2, 0.3, 120, 3);
        INDArray b = Arrays64.linspace(-0.3, 0.1, 3);
        INDArray expected = Nd4j.createFromArray(new double[][] {{1.49834967, 1.70660132, 1.91485297},
            {3.25553199, 3.5141327, 3.77273342}});
        assertClose("affine out", expected, Affine.forward(x, w, b).out(), 1e-8);
    }

    @Test
    void softmaxLossOfUniformScoresIsLogC() {
        // the course's sanity check: near-zero scores give loss log(C) and zero-mean gradient rows
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 4, 10);
        LossAndGradient l = SoftmaxLoss.compute(x, new int[] {0, 3, 9, 3});
        assertEquals(Math.log(10), l.loss(), 1e-12);
        assertTrue(l.gradient().sum(1).amaxNumber().doubleValue() < 1e-15);
    }

    @Test
    void badLabelsAndShapesFailWithTheirPlace() {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxLoss.compute(x, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label 3 of example 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SvmLoss.compute(x, new int[] {0}));
        assertTrue(e.getMessage().contains("N = 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Affine.forward(x, Nd4j.zeros(DataType.DOUBLE, 4, 2), Nd4j.zeros(DataType.DOUBLE, 2)));
        assertTrue(e.getMessage().contains("w [D=3, M]"), e.getMessage());
    }
}
