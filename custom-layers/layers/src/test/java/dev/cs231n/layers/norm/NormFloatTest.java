package dev.cs231n.layers.norm;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cs231n.layers.norm.NormNets.Kind;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * FLOAT networks run forward and backward, agree with the same network in DOUBLE to float precision (outputs
 * elementwise, gradients normwise), and train without NaNs.
 */
@ExtendWith(OneNativeThread.class)
class NormFloatTest {

    /** {@code ||a - b|| / ||a||}. */
    static double normwise(INDArray a, INDArray b) {
        INDArray x = a.castTo(DataType.DOUBLE);
        return x.sub(b.castTo(DataType.DOUBLE)).norm2Number().doubleValue() / x.norm2Number().doubleValue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cs231n.layers.norm.NormLayers#all")
    void floatAgreesWithDouble(String name, Kind kind, NormLayers.Factory layer) {
        Nd4j.getRandom().setSeed(90);
        MultiLayerNetwork d = NormNets.mln(kind, layer.create(), new Sgd(0.1), WorkspaceMode.ENABLED,
                DataType.DOUBLE);
        MultiLayerNetwork f = NormNets.mln(kind, layer.create(), new Sgd(0.1), WorkspaceMode.ENABLED,
                DataType.FLOAT);
        f.setParams(d.params().castTo(DataType.FLOAT));
        INDArray x = NormNets.features(kind, 8, DataType.DOUBLE);
        INDArray y = NormNets.labels(8, DataType.DOUBLE);

        INDArray outF = f.output(x.castTo(DataType.FLOAT), false);
        assertEquals(DataType.FLOAT, outF.dataType());
        assertClose(name + " inference output", d.output(x, false), outF, 1e-5);
        Pair<Gradient, INDArray> gd = d.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> gf = f.calculateGradients(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT), null,
                null);
        assertEquals(DataType.FLOAT, gf.getSecond().dataType());
        assertTrue(normwise(gd.getSecond(), gf.getSecond()) < 1e-5, name + " input gradient");
        for (String k : gd.getFirst().gradientForVariable().keySet()) {
            INDArray a = gd.getFirst().getGradientFor(k);
            if (a.norm2Number().doubleValue() > 0) {
                assertTrue(normwise(a, gf.getFirst().getGradientFor(k)) < 1e-5, name + " gradient " + k + ": "
                        + normwise(a, gf.getFirst().getGradientFor(k)));
            }
        }
        for (int i = 0; i < 5; i++) {
            f.fit(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT));
        }
        assertFalse(f.params().isNaN().any() || f.params().isInfinite().any(), name + " FLOAT training");
    }
}
