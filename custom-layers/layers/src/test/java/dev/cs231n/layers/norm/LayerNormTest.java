package dev.cs231n.layers.norm;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import dev.cs231n.testing.Fixture;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LayerNorm against PyTorch float64 golden values ({@code layernorm.json}), the course's hand-derived
 * {@code layernorm_backward} ported to ND4J, and SameDiff's own {@code layerNorm} op (DL4J has no layer-norm layer).
 */
@ExtendWith(OneNativeThread.class)
class LayerNormTest {

    private static final double TOL = 1e-10;

    static Layer layer(long d, double eps, INDArray gamma, INDArray beta) {
        return NormHarness.layer(LayerNorm.builder().nIn(d).eps(eps).build(), DataType.DOUBLE,
                Map.of(LayerNorm.GAMMA_KEY, gamma, LayerNorm.BETA_KEY, beta));
    }

    @Test
    void matchesPyTorchFixtureInTrainingAndInference() {
        Fixture f = Fixture.load("layernorm");
        assertArrayEquals(new long[] {(long) f.param("N"), (long) f.param("D")}, f.input("x").shape(),
                "the fixture's N, D are its x's shape");
        Layer ln = layer(f.input("x").size(1), f.param("eps"), f.input("gamma"), f.input("beta"));
        NormHarness.Pass p = NormHarness.run(ln, f.input("x"), f.input("dout"), true);
        assertClose("out", f.output("out"), p.out(), TOL);
        assertClose("dx", f.grad("x"), p.dx(), TOL);
        assertClose("dgamma", f.grad("gamma"), p.grad(LayerNorm.GAMMA_KEY), TOL);
        assertClose("dbeta", f.grad("beta"), p.grad(LayerNorm.BETA_KEY), TOL);
        assertEquals(p.out(), ln.activate(f.input("x"), false, LayerWorkspaceMgr.noWorkspaces()),
                "inference computes exactly what training does");
    }

    @Test
    void matchesTheCourseBackwardPass() {
        Fixture f = Fixture.load("layernorm");
        CourseNorms.Backward fixture = CourseNorms.layernormBackward(f.input("dout"), f.input("x"), f.input("gamma"),
                f.param("eps"));
        assertClose("course port reproduces the fixture", f.grad("x"), fixture.dx(), TOL);

        Nd4j.getRandom().setSeed(60);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 7).muli(2).addi(0.5);
        INDArray gamma = Nd4j.rand(DataType.DOUBLE, 7).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.DOUBLE, 7);
        INDArray dout = Nd4j.randn(DataType.DOUBLE, 6, 7);
        NormHarness.Pass p = NormHarness.run(layer(7, 1e-5, gamma, beta), x, dout, true);
        CourseNorms.Backward b = CourseNorms.layernormBackward(dout, x, gamma, 1e-5);
        assertClose("out", CourseNorms.layernormForward(x, gamma, beta, 1e-5).out(), p.out(), TOL);
        assertClose("dx", b.dx(), p.dx(), TOL);
        assertClose("dgamma", b.dgamma(), p.grad(LayerNorm.GAMMA_KEY), TOL);
        assertClose("dbeta", b.dbeta(), p.grad(LayerNorm.BETA_KEY), TOL);
    }

    /**
     * SameDiff's {@code layerNorm} op standardises with the biased standard deviation and no epsilon
     * ({@code (x - mean) / std}): with {@code eps = 1e-300}, {@code var + eps == var} in double precision and the
     * two must agree to rounding, forward and backward.
     */
    @Test
    void matchesSameDiffLayerNormOp() {
        Nd4j.getRandom().setSeed(61);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 8).muli(3).subi(1);
        INDArray gamma = Nd4j.rand(DataType.DOUBLE, 8).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.DOUBLE, 8);
        INDArray dout = Nd4j.randn(DataType.DOUBLE, 5, 8);

        SameDiff sd = SameDiff.create();
        SDVariable xv = sd.var("x", x.dup());
        SDVariable g = sd.var("gain", gamma.dup());
        SDVariable b = sd.var("bias", beta.dup());
        SDVariable out = sd.nn().layerNorm(xv, g, b, true, 1);
        out.mul(sd.constant(dout)).sum().markAsLoss();
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), "x", "gain", "bias");

        NormHarness.Pass p = NormHarness.run(layer(8, 1e-300, gamma, beta), x, dout, true);
        assertClose("out", out.eval(), p.out(), TOL);
        assertClose("dx", grads.get("x"), p.dx(), TOL);
        assertClose("dgamma", grads.get("gain"), p.grad(LayerNorm.GAMMA_KEY), TOL);
        assertClose("dbeta", grads.get("bias"), p.grad(LayerNorm.BETA_KEY), TOL);
    }

    /** One example, or one feature: degenerate statistics still run (M2.1's SameDiff fails on them naively). */
    @Test
    void degenerateShapesRun() {
        INDArray gamma = Nd4j.createFromArray(2.0);
        INDArray beta = Nd4j.createFromArray(0.5);
        NormHarness.Pass p = NormHarness.run(layer(1, 1e-5, gamma, beta), Nd4j.createFromArray(new double[][] {{3},
            {4}}), Nd4j.ones(DataType.DOUBLE, 2, 1), true);
        assertEquals(Nd4j.valueArrayOf(new long[] {2, 1}, 0.5, DataType.DOUBLE), p.out(), "one feature: xhat = 0, out = beta");
        assertEquals(0.0, p.dx().norm1Number().doubleValue());
        NormHarness.Pass one = NormHarness.run(layer(3, 1e-5, Nd4j.ones(DataType.DOUBLE, 3),
                Nd4j.zeros(DataType.DOUBLE, 3)), Nd4j.createFromArray(new double[][] {{1, 2, 4}}),
                Nd4j.ones(DataType.DOUBLE, 1, 3), true);
        assertClose("one example", CourseNorms.layernormForward(Nd4j.createFromArray(new double[][] {{1, 2, 4}}),
                Nd4j.ones(DataType.DOUBLE, 3), Nd4j.zeros(DataType.DOUBLE, 3), 1e-5).out(), one.out(), TOL);
    }
}
