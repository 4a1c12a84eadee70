package dev.cs231n.layers.globalconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Networks and measurements shared by the tests of how layers take the network builder's global settings. */
final class GlobalConfigNets {

    /** Rows of the probe input: 200 x 50 = 10,000 entries measure a keep fraction to about +-0.005 (1 sigma). */
    static final int ROWS = 200;
    /** Features of the probe input. */
    static final int FEATURES = 50;
    /** Allowed distance of a measured keep fraction from its probability (6 sigma at p = 0.5). */
    static final double FRACTION_TOL = 0.03;

    private GlobalConfigNets() {
    }

    /**
     * @param global the network builder (seed and data type are set here)
     * @param input  the network's input type
     * @param layers the layers
     * @return the configuration, DOUBLE, seed 12345
     */
    static MultiLayerConfiguration conf(NeuralNetConfiguration.Builder global, InputType input, Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = global.seed(12345).dataType(DataType.DOUBLE).list();
        for (Layer l : layers) {
            b.layer(l);
        }
        return b.setInputType(input).build();
    }

    /**
     * @param global the network builder
     * @param input  the network's input type
     * @param layers the layers
     * @return the initialised network
     */
    static MultiLayerNetwork net(NeuralNetConfiguration.Builder global, InputType input, Layer... layers) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(global, input, layers));
        net.init();
        return net;
    }

    /** @return a {@code [ROWS, FEATURES]} DOUBLE input with entries in [1, 2): a dropped entry is the only zero */
    static INDArray positive() {
        Nd4j.getRandom().setSeed(42);
        return Nd4j.rand(DataType.DOUBLE, ROWS, FEATURES).addi(1.0);
    }

    /**
     * Asserts that {@code out} is inverted dropout of {@code x} with keep probability {@code p}: every entry is 0 or
     * {@code x / p}, and the kept fraction is {@code p} within {@link #FRACTION_TOL}.
     *
     * @param what a name for the message
     * @param x    the positive input
     * @param out  the layer's output
     * @param p    the keep probability
     */
    static void assertInvertedDropout(String what, INDArray x, INDArray out, double p) {
        long kept = 0;
        for (long i = 0; i < x.length(); i++) {
            double o = out.getDouble(i);
            double scaled = x.getDouble(i) / p;
            if (o == 0.0) {
                continue;
            }
            if (Math.abs(o - scaled) > 1e-12 * scaled) {
                fail(what + ": entry " + i + " is " + o + ", neither 0 nor x / p = " + scaled);
            }
            kept++;
        }
        double fraction = (double) kept / x.length();
        assertEquals(p, fraction, FRACTION_TOL, what + ": kept fraction");
    }

    /**
     * @param fragments what the message must mention
     * @param e         the build step
     * @return the exception, whose message names every fragment
     */
    static IllegalArgumentException assertRejected(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message should mention '" + f + "': " + ex.getMessage());
        }
        return ex;
    }
}
