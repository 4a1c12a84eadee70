package dev.cs231n.layers.norm;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;

import dev.cs231n.testing.Fixture;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GroupNorm against PyTorch float64 golden values ({@code spatial_groupnorm.json}, whose gamma/beta are stored as
 * {@code (1, C, 1, 1)}: DL4J's are {@code [C]}), the course's hand-derived backward pass for several group counts,
 * and LayerNorm (one group normalises each example over all of {@code C, H, W}).
 */
@ExtendWith(OneNativeThread.class)
class GroupNormTest {

    private static final double TOL = 1e-10;

    static Layer layer(long c, int groups, double eps, INDArray gamma, INDArray beta) {
        return NormHarness.layer(GroupNorm.builder().nIn(c).groups(groups).eps(eps).build(), DataType.DOUBLE,
                Map.of(GroupNorm.GAMMA_KEY, gamma, GroupNorm.BETA_KEY, beta));
    }

    @Test
    void matchesPyTorchFixtureInTrainingAndInference() {
        Fixture f = Fixture.load("spatial_groupnorm");
        int groups = (int) f.param("G");
        long c = f.input("x").size(1);
        INDArray gamma = f.input("gamma").reshape(c); // the course's (1, C, 1, 1)
        INDArray beta = f.input("beta").reshape(c);
        Layer gn = layer(c, groups, f.param("eps"), gamma, beta);
        NormHarness.Pass p = NormHarness.run(gn, f.input("x"), f.input("dout"), true);
        assertClose("out", f.output("out"), p.out(), TOL);
        assertClose("dx", f.grad("x"), p.dx(), TOL);
        assertClose("dgamma", f.grad("gamma").reshape(c), p.grad(GroupNorm.GAMMA_KEY), TOL);
        assertClose("dbeta", f.grad("beta").reshape(c), p.grad(GroupNorm.BETA_KEY), TOL);
        assertEquals(p.out(), gn.activate(f.input("x"), false, LayerWorkspaceMgr.noWorkspaces()),
                "inference computes exactly what training does");

        CourseNorms.Both course = CourseNorms.spatialGroupnorm(f.input("x"), gamma, beta, groups, f.param("eps"),
                f.input("dout"));
        assertClose("course port reproduces the fixture: out", f.output("out"), course.out(), TOL);
        assertClose("course port reproduces the fixture: dx", f.grad("x"), course.grads().dx(), TOL);
    }

    @ParameterizedTest(name = "G={0}")
    @ValueSource(ints = {1, 3, 6})
    void matchesTheCourseBackwardPass(int groups) {
        Nd4j.getRandom().setSeed(70 + groups);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 6, 3, 4).muli(2).addi(0.7);
        INDArray gamma = Nd4j.rand(DataType.DOUBLE, 6).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.DOUBLE, 6);
        INDArray dout = Nd4j.randn(DataType.DOUBLE, 3, 6, 3, 4);
        NormHarness.Pass p = NormHarness.run(layer(6, groups, 1e-5, gamma, beta), x, dout, true);
        CourseNorms.Both c = CourseNorms.spatialGroupnorm(x, gamma, beta, groups, 1e-5, dout);
        assertClose("out", c.out(), p.out(), TOL);
        assertClose("dx", c.grads().dx(), p.dx(), TOL);
        assertClose("dgamma", c.grads().dgamma(), p.grad(GroupNorm.GAMMA_KEY), TOL);
        assertClose("dbeta", c.grads().dbeta(), p.grad(GroupNorm.BETA_KEY), TOL);
    }

    @Test
    void oneGroupIsLayerNormOfTheFlattenedExample() {
        Nd4j.getRandom().setSeed(75);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 2, 2);
        INDArray dout = Nd4j.randn(DataType.DOUBLE, 2, 3, 2, 2);
        NormHarness.Pass gn = NormHarness.run(layer(3, 1, 1e-5, Nd4j.ones(DataType.DOUBLE, 3),
                Nd4j.zeros(DataType.DOUBLE, 3)), x, dout, true);
        NormHarness.Pass ln = NormHarness.run(LayerNormTest.layer(12, 1e-5, Nd4j.ones(DataType.DOUBLE, 12),
                Nd4j.zeros(DataType.DOUBLE, 12)), x.reshape(2, 12), dout.reshape(2, 12), true);
        assertClose("out", ln.out().reshape(2, 3, 2, 2), gn.out(), TOL);
        assertClose("dx", ln.dx().reshape(2, 3, 2, 2), gn.dx(), TOL);
    }

    @Test
    void oneLayerTakesAnySpatialSizeAndMinibatch() {
        Nd4j.getRandom().setSeed(76);
        INDArray gamma = Nd4j.rand(DataType.DOUBLE, 4).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.DOUBLE, 4);
        Layer gn = layer(4, 2, 1e-5, gamma, beta);
        for (long[] shape : new long[][] {{2, 4, 3, 3}, {1, 4, 5, 2}, {3, 4, 1, 1}}) {
            INDArray x = Nd4j.randn(DataType.DOUBLE, shape);
            INDArray dout = Nd4j.randn(DataType.DOUBLE, shape);
            NormHarness.Pass p = NormHarness.run(gn, x, dout, true);
            CourseNorms.Both c = CourseNorms.spatialGroupnorm(x, gamma, beta, 2, 1e-5, dout);
            // two values per group at 1x1: dx is tiny and cancellation-limited, hence 1e-8
            assertClose("out " + Arrays.toString(shape), c.out(), p.out(), 1e-8);
            assertClose("dx " + Arrays.toString(shape), c.grads().dx(), p.dx(), 1e-8);
        }
    }
}
