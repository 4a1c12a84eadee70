package dev.cs231n.pipelines.nn;

import dev.cs231n.m21.OneDnnHelpers;
import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The M2.1 shim turns DL4J's oneDNN helpers on, and the helpers compute what DL4J's Java path computes.
 */
class OneDnnHelpersTest {

    @AfterEach
    void restoreHelpers() {
        System.clearProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY);
    }

    private static MultiLayerNetwork net(boolean helpers) {
        System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, Boolean.toString(!helpers));
        MultiLayerNetwork n = new MultiLayerNetwork(SmallCnn.conf(1e-2, DataType.FLOAT, 5));
        n.init();
        return n;
    }

    @Test
    void m21DisablesHelpersByDefaultAndEnableTurnsThemOn() {
        System.clearProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY);
        assertFalse(OneDnnHelpers.enabled(), "M2.1's default: helpers disabled");
        OneDnnHelpers.enable();
        assertTrue(OneDnnHelpers.enabled(), "the shim should make BaseMKLDNNHelper.mklDnnEnabled() true");
        MultiLayerNetwork n = new MultiLayerNetwork(SmallCnn.conf(1e-2, DataType.FLOAT, 5));
        n.init();
        assertNotNull(n.getLayer(0).getHelper(), "convolution helper after enable()");
        System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, "true");
        OneDnnHelpers.enable();
        assertFalse(OneDnnHelpers.enabled(), "an explicit user setting wins");
    }

    @Test
    void helpersAreEnabledOnTheOneDnnBuild() {
        MultiLayerNetwork on = net(true);
        assertNotNull(on.getLayer(0).getHelper(), "convolution helper");
        assertNotNull(on.getLayer(1).getHelper(), "subsampling helper");
        assertNull(net(false).getLayer(0).getHelper(), "DL4J's switch turns them off");
    }

    @Test
    void helperPathMatchesTheJavaPath() {
        MultiLayerNetwork on = net(true);
        MultiLayerNetwork off = net(false);
        off.setParams(on.params());
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, (3 * i) % 10, 1.0);
        }
        assertClose("output", off.output(x), on.output(x), 1e-4);
        Pair<Gradient, INDArray> gOn = on.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> gOff = off.calculateGradients(x, y, null, null);
        assertNormClose("input gradient", gOff.getSecond(), gOn.getSecond());
        for (Map.Entry<String, INDArray> e : gOff.getFirst().gradientForVariable().entrySet()) {
            assertNormClose(e.getKey(), e.getValue(), gOn.getFirst().getGradientFor(e.getKey()));
        }
    }

    /** Float32 kernels sum in different orders: compare whole arrays, ||a - b|| / ||a|| < 1e-5. */
    private static void assertNormClose(String what, INDArray expected, INDArray actual) {
        double rel = expected.sub(actual).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
        assertTrue(rel < 1e-5, what + ": relative difference " + rel);
    }
}
