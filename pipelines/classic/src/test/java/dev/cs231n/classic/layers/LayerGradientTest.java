package dev.cs231n.classic.layers;

import static dev.cs231n.testing.NdAssert.assertClose;
import static dev.cs231n.testing.NdAssert.maxRelError;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import dev.cs231n.classic.Arrays64;
import dev.cs231n.classic.NumericGradient;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every layer's hand-derived backward pass against centred-difference numerical gradients in float64 (the course's
 * checks in {@code FullyConnectedNets.ipynb}), with the course's relative error: max < 1e-7.
 */
class LayerGradientTest {

    private static final double TOL = 1e-7;

    @Test
    void affineBackwardMatchesNumericalGradientsOfEveryInput() {
        Random rng = new Random(231);
        INDArray x = Arrays64.randn(rng, 10, 2, 3);
        INDArray w = Arrays64.randn(rng, 6, 5);
        INDArray b = Arrays64.randn(rng, 5);
        INDArray dout = Arrays64.randn(rng, 10, 5);
        Affine.Grads g = Affine.backward(dout, Affine.forward(x, w, b).cache());
        assertClose("affine dx", NumericGradient.ofArray(() -> Affine.forward(x, w, b).out(), x, dout), g.dx(), TOL);
        assertClose("affine dw", NumericGradient.ofArray(() -> Affine.forward(x, w, b).out(), w, dout), g.dw(), TOL);
        assertClose("affine db", NumericGradient.ofArray(() -> Affine.forward(x, w, b).out(), b, dout), g.db(), TOL);
    }

    @Test
    void affineBackwardWithoutDxGivesTheSameParameterGradients() {
        Random rng = new Random(5);
        INDArray x = Arrays64.randn(rng, 4, 7);
        INDArray w = Arrays64.randn(rng, 7, 3);
        INDArray b = Arrays64.randn(rng, 3);
        INDArray dout = Arrays64.randn(rng, 4, 3);
        Affine.Cache cache = Affine.forward(x, w, b).cache();
        Affine.Grads all = Affine.backward(dout, cache);
        Affine.Grads noDx = Affine.backward(dout, cache, false);
        assertNull(noDx.dx());
        assertClose("dw", all.dw(), noDx.dw(), 0);
        assertClose("db", all.db(), noDx.db(), 0);
    }

    @Test
    void reluBackwardMatchesNumericalGradient() {
        Random rng = new Random(7);
        INDArray x = Arrays64.randn(rng, 10, 10);
        INDArray dout = Arrays64.randn(rng, 10, 10);
        INDArray dx = Relu.backward(dout, Relu.forward(x).cache());
        assertClose("relu dx", NumericGradient.ofArray(() -> Relu.forward(x).out(), x, dout), dx, TOL);
        // the course's convention: no gradient where x <= 0
        assertTrue(dx.mul(x.lte(0.0).castTo(dx.dataType())).amaxNumber().doubleValue() == 0.0);
    }

    @Test
    void affineReluBackwardMatchesNumericalGradientsOfEveryInput() {
        Random rng = new Random(11);
        INDArray x = Arrays64.randn(rng, 2, 3, 4);
        INDArray w = Arrays64.randn(rng, 12, 10);
        INDArray b = Arrays64.randn(rng, 10);
        INDArray dout = Arrays64.randn(rng, 2, 10);
        Affine.Grads g = AffineRelu.backward(dout, AffineRelu.forward(x, w, b).cache());
        assertClose("affine_relu dx", NumericGradient.ofArray(() -> AffineRelu.forward(x, w, b).out(), x, dout),
                g.dx(), TOL);
        assertClose("affine_relu dw", NumericGradient.ofArray(() -> AffineRelu.forward(x, w, b).out(), w, dout),
                g.dw(), TOL);
        assertClose("affine_relu db", NumericGradient.ofArray(() -> AffineRelu.forward(x, w, b).out(), b, dout),
                g.db(), TOL);
    }

    @Test
    void softmaxLossGradientMatchesNumericalGradient() {
        Random rng = new Random(13);
        INDArray x = Arrays64.randn(rng, 8, 6);
        int[] y = Arrays64.labels(rng, 8, 6);
        INDArray dx = SoftmaxLoss.compute(x, y).gradient();
        INDArray num = NumericGradient.of(() -> SoftmaxLoss.compute(x, y).loss(), x);
        assertTrue(maxRelError(num, dx) < TOL, "softmax dx rel error " + maxRelError(num, dx));
    }

    @Test
    void svmLossGradientMatchesNumericalGradient() {
        Random rng = new Random(17);
        // the course's scores: small, so that every margin is near 1 and away from the hinge
        INDArray x = Arrays64.randn(rng, 20, 6).muli(1e-3);
        int[] y = Arrays64.labels(rng, 20, 6);
        INDArray dx = SvmLoss.compute(x, y).gradient();
        INDArray num = NumericGradient.of(() -> SvmLoss.compute(x, y).loss(), x);
        assertTrue(maxRelError(num, dx) < TOL, "svm dx rel error " + maxRelError(num, dx));
    }
}
