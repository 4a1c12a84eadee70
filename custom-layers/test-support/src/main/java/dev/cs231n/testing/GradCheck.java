package dev.cs231n.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GradientCheckUtil in DOUBLE with this project's tolerances, for MultiLayerNetwork and ComputationGraph.
 *
 * <p>GradientCheckUtil requires the JVM's global data type to be DOUBLE, which every later test in the same
 * JVM would inherit: classes that use this helper carry {@code @Tag("gradcheck")}, and the build runs that tag
 * in a surefire execution (a JVM) of its own. The networks must be built with {@code .dataType(DOUBLE)} and a
 * {@code NoOp} updater.
 */
public final class GradCheck {

    /** Centred-difference step. */
    public static final double EPSILON = 1e-6;
    /** Largest relative error accepted per parameter. */
    public static final double MAX_REL_ERROR = 1e-5;
    /** Absolute differences below this pass whatever their relative error. */
    public static final double MIN_ABS_ERROR = 1e-9;

    private GradCheck() {
    }

    /** Sets the JVM-wide default data type to DOUBLE, as GradientCheckUtil requires. */
    public static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /**
     * @param net    the network (DOUBLE, NoOp updater)
     * @param input  its input
     * @param labels its labels
     * @return a GradientCheckUtil configuration with this project's tolerances, to refine (masks, ...)
     */
    public static GradientCheckUtil.MLNConfig mln(MultiLayerNetwork net, INDArray input, INDArray labels) {
        return new GradientCheckUtil.MLNConfig().net(net).input(input).labels(labels).epsilon(EPSILON)
                .maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY);
    }

    /**
     * @param net    the graph (DOUBLE, NoOp updater)
     * @param inputs its inputs
     * @param labels its labels
     * @return a GradientCheckUtil configuration with this project's tolerances, to refine (masks, ...)
     */
    public static GradientCheckUtil.GraphConfig graph(ComputationGraph net, INDArray[] inputs, INDArray[] labels) {
        return new GradientCheckUtil.GraphConfig().net(net).inputs(inputs).labels(labels).epsilon(EPSILON)
                .maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY);
    }

    /**
     * @param config what to check
     * @param what   a description for the failure message
     */
    public static void assertPasses(GradientCheckUtil.MLNConfig config, String what) {
        useDouble();
        assertTrue(GradientCheckUtil.checkGradients(config), "gradient check failed: " + what);
    }

    /**
     * @param config what to check
     * @param what   a description for the failure message
     */
    public static void assertPasses(GradientCheckUtil.GraphConfig config, String what) {
        useDouble();
        assertTrue(GradientCheckUtil.checkGradients(config), "gradient check failed: " + what);
    }
}
