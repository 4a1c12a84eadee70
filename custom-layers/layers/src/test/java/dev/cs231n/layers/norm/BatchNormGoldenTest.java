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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BatchNorm (feed-forward and spatial) against PyTorch float64 golden values ({@code batchnorm.json},
 * {@code spatial_batchnorm.json}: output, input/gamma/beta gradients, running statistics, test-mode output) and
 * against the course's hand-derived backward passes ported to ND4J ({@link CourseNorms}, staged and "alt").
 */
@ExtendWith(OneNativeThread.class)
class BatchNormGoldenTest {

    /** float64 against float64: only rounding differs. */
    static final double TOL = 1e-10;

    static Layer layer(long c, double eps, double momentum, INDArray gamma, INDArray beta, INDArray runMean,
            INDArray runVar) {
        return NormHarness.layer(BatchNorm.builder().nIn(c).eps(eps).momentum(momentum).build(), DataType.DOUBLE,
                Map.of(BatchNorm.GAMMA_KEY, gamma, BatchNorm.BETA_KEY, beta, BatchNorm.RUNNING_MEAN_KEY, runMean,
                        BatchNorm.RUNNING_VAR_KEY, runVar));
    }

    /**
     * One training-mode pass on the fixture's input: output, gradients of x, gamma and beta, the updated running
     * statistics (the course's biased variance), and exactly zero gradients for the running statistics.
     */
    static void assertMatchesTrainingPass(Fixture f, Layer bn) {
        NormHarness.Pass p = NormHarness.run(bn, f.input("x"), f.input("dout"), true);
        assertClose("out", f.output("out"), p.out(), TOL);
        assertClose("dx", f.grad("x"), p.dx(), TOL);
        assertClose("dgamma", f.grad("gamma"), p.grad(BatchNorm.GAMMA_KEY), TOL);
        assertClose("dbeta", f.grad("beta"), p.grad(BatchNorm.BETA_KEY), TOL);
        assertClose("running_mean", f.output("running_mean"), bn.getParam(BatchNorm.RUNNING_MEAN_KEY), TOL);
        assertClose("running_var", f.output("running_var"), bn.getParam(BatchNorm.RUNNING_VAR_KEY), TOL);
        assertEquals(0.0, p.grad(BatchNorm.RUNNING_MEAN_KEY).norm1Number().doubleValue(), "running mean gradient");
        assertEquals(0.0, p.grad(BatchNorm.RUNNING_VAR_KEY).norm1Number().doubleValue(), "running var gradient");
    }

    @Test
    void feedForwardMatchesPyTorchFixture() {
        Fixture f = Fixture.load("batchnorm");
        assertEquals("train", f.paramString("mode"));
        assertArrayEquals(new long[] {(long) f.param("N"), (long) f.param("D")}, f.input("x").shape(),
                "the fixture's N, D are its x's shape");
        double eps = f.param("eps");
        Layer bn = layer(f.input("x").size(1), eps, f.param("momentum"), f.input("gamma"), f.input("beta"),
                f.input("running_mean0"), f.input("running_var0"));
        assertMatchesTrainingPass(f, bn);

        INDArray outTest = bn.activate(f.input("x"), false, LayerWorkspaceMgr.noWorkspaces());
        assertClose("out_test (from the updated running statistics)", f.output("out_test"), outTest, TOL);
    }

    @Test
    void spatialMatchesPyTorchFixture() {
        Fixture f = Fixture.load("spatial_batchnorm");
        double eps = f.param("eps");
        Layer bn = layer(f.input("x").size(1), eps, f.param("momentum"), f.input("gamma"), f.input("beta"),
                f.input("running_mean0"), f.input("running_var0"));
        assertMatchesTrainingPass(f, bn);

        // the fixture has no spatial test-mode output: the course's formula from its running statistics
        INDArray expected = CourseNorms.spatialTest(f.input("x"), f.input("gamma"), f.input("beta"),
                f.output("running_mean"), f.output("running_var"), eps);
        assertClose("test-mode output", expected, bn.activate(f.input("x"), false, LayerWorkspaceMgr.noWorkspaces()),
                TOL);
    }

    /** The ported course functions reproduce the fixture: they are a valid second oracle. */
    @Test
    void courseOraclesReproduceTheFixture() {
        Fixture f = Fixture.load("batchnorm");
        double eps = f.param("eps");
        CourseNorms.Forward fw = CourseNorms.batchnormForward(f.input("x"), f.input("gamma"), f.input("beta"), eps);
        assertClose("course out", f.output("out"), fw.out(), TOL);
        for (CourseNorms.Backward b : new CourseNorms.Backward[] {
            CourseNorms.batchnormBackward(f.input("dout"), fw.cache()),
            CourseNorms.batchnormBackwardAlt(f.input("dout"), fw.cache())}) {
            assertClose("course dx", f.grad("x"), b.dx(), TOL);
            assertClose("course dgamma", f.grad("gamma"), b.dgamma(), TOL);
            assertClose("course dbeta", f.grad("beta"), b.dbeta(), TOL);
        }
        assertClose("course running mean", f.output("running_mean"),
                CourseNorms.runningUpdate(f.input("running_mean0"), fw.mean(), f.param("momentum")), TOL);
        assertClose("course out_test", f.output("out_test"), CourseNorms.batchnormTest(f.input("x"), f.input("gamma"),
                f.input("beta"), f.output("running_mean"), f.output("running_var"), eps), TOL);
    }

    @Test
    void feedForwardMatchesTheCourseBackwardPassesOnRandomData() {
        Nd4j.getRandom().setSeed(31);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 9, 6).muli(3).addi(1.5);
        INDArray gamma = Nd4j.rand(DataType.DOUBLE, 6).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.DOUBLE, 6);
        INDArray dout = Nd4j.randn(DataType.DOUBLE, 9, 6);
        Layer bn = layer(6, 1e-5, 0.9, gamma, beta, Nd4j.zeros(DataType.DOUBLE, 6), Nd4j.ones(DataType.DOUBLE, 6));
        NormHarness.Pass p = NormHarness.run(bn, x, dout, true);

        CourseNorms.Forward fw = CourseNorms.batchnormForward(x, gamma, beta, 1e-5);
        assertClose("out", fw.out(), p.out(), TOL);
        CourseNorms.Backward staged = CourseNorms.batchnormBackward(dout, fw.cache());
        CourseNorms.Backward alt = CourseNorms.batchnormBackwardAlt(dout, fw.cache());
        assertClose("dx vs batchnorm_backward", staged.dx(), p.dx(), TOL);
        assertClose("dx vs batchnorm_backward_alt", alt.dx(), p.dx(), TOL);
        assertClose("dgamma", alt.dgamma(), p.grad(BatchNorm.GAMMA_KEY), TOL);
        assertClose("dbeta", alt.dbeta(), p.grad(BatchNorm.BETA_KEY), TOL);
        assertClose("running mean", CourseNorms.runningUpdate(Nd4j.zeros(DataType.DOUBLE, 6), fw.mean(), 0.9),
                bn.getParam(BatchNorm.RUNNING_MEAN_KEY), TOL);
        assertClose("running var", CourseNorms.runningUpdate(Nd4j.ones(DataType.DOUBLE, 6), fw.var(), 0.9),
                bn.getParam(BatchNorm.RUNNING_VAR_KEY), TOL);
    }

    @Test
    void spatialMatchesTheCourseBackwardPassOnRandomData() {
        Nd4j.getRandom().setSeed(32);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 4, 5, 2).muli(2).subi(1);
        INDArray gamma = Nd4j.rand(DataType.DOUBLE, 4).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.DOUBLE, 4);
        INDArray dout = Nd4j.randn(DataType.DOUBLE, 3, 4, 5, 2);
        Layer bn = layer(4, 1e-3, 0.5, gamma, beta, Nd4j.zeros(DataType.DOUBLE, 4), Nd4j.ones(DataType.DOUBLE, 4));
        NormHarness.Pass p = NormHarness.run(bn, x, dout, true);

        CourseNorms.Forward fw = CourseNorms.spatialForward(x, gamma, beta, 1e-3);
        CourseNorms.Backward b = CourseNorms.spatialBackward(dout, fw.cache());
        assertClose("out", fw.out(), p.out(), TOL);
        assertClose("dx", b.dx(), p.dx(), TOL);
        assertClose("dgamma", b.dgamma(), p.grad(BatchNorm.GAMMA_KEY), TOL);
        assertClose("dbeta", b.dbeta(), p.grad(BatchNorm.BETA_KEY), TOL);
        assertClose("running var, momentum 0.5", CourseNorms.runningUpdate(Nd4j.ones(DataType.DOUBLE, 4), fw.var(),
                0.5), bn.getParam(BatchNorm.RUNNING_VAR_KEY), TOL);
    }

    /**
     * One feed-forward example: zero batch variance, so (as in the course's code) the output is beta and the
     * gradients of x and gamma are exactly zero; beta's gradient is dout.
     */
    @Test
    void feedForwardMinibatchOfOneOutputsBetaWithZeroGradients() {
        INDArray gamma = Nd4j.createFromArray(1.5, -2.0, 0.3);
        INDArray beta = Nd4j.createFromArray(0.1, 0.2, -0.3);
        Layer bn = layer(3, 1e-5, 0.9, gamma, beta, Nd4j.zeros(DataType.DOUBLE, 3), Nd4j.ones(DataType.DOUBLE, 3));
        INDArray dout = Nd4j.createFromArray(new double[][] {{0.7, -1.1, 2.0}});
        NormHarness.Pass p = NormHarness.run(bn, Nd4j.createFromArray(new double[][] {{3.0, -4.0, 5.0}}), dout, true);
        assertEquals(beta.reshape(1, 3), p.out());
        assertEquals(0.0, p.dx().norm1Number().doubleValue());
        assertEquals(0.0, p.grad(BatchNorm.GAMMA_KEY).norm1Number().doubleValue());
        assertEquals(dout.reshape(3), p.grad(BatchNorm.BETA_KEY));
    }

    /** A backward pass after an inference-mode forward pass differentiates that affine map. */
    @Test
    void backwardAfterInferenceForwardIsTheRunningStatisticsAffineMap() {
        Nd4j.getRandom().setSeed(33);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 3, 2, 2);
        INDArray gamma = Nd4j.createFromArray(1.5, -2.0, 0.3);
        INDArray beta = Nd4j.createFromArray(0.1, 0.2, -0.3);
        INDArray rm = Nd4j.createFromArray(0.2, -0.1, 0.4);
        INDArray rv = Nd4j.createFromArray(0.5, 2.0, 1.2);
        INDArray dout = Nd4j.randn(DataType.DOUBLE, 4, 3, 2, 2);
        Layer bn = layer(3, 1e-5, 0.9, gamma, beta, rm, rv);
        NormHarness.Pass p = NormHarness.run(bn, x, dout, false);

        INDArray g4 = gamma.reshape(1, 3, 1, 1);
        INDArray std4 = Transforms.sqrt(rv.add(1e-5)).reshape(1, 3, 1, 1);
        INDArray xhat = x.sub(rm.reshape(1, 3, 1, 1)).div(std4);
        assertClose("test-mode out", CourseNorms.spatialTest(x, gamma, beta, rm, rv, 1e-5), p.out(), TOL);
        assertClose("dx = dout gamma / sqrt(var + eps)", dout.mul(g4).div(std4), p.dx(), TOL);
        assertClose("dgamma", dout.mul(xhat).sum(0, 2, 3), p.grad(BatchNorm.GAMMA_KEY), TOL);
        assertClose("dbeta", dout.sum(0, 2, 3), p.grad(BatchNorm.BETA_KEY), TOL);
        assertEquals(rm, bn.getParam(BatchNorm.RUNNING_MEAN_KEY), "inference does not touch the running mean");
        assertEquals(0.0, p.grad(BatchNorm.RUNNING_VAR_KEY).norm1Number().doubleValue());
    }
}
