package dev.cs231n.layers.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.cs231n.m21.LineFilterOutputStream;
import dev.cs231n.m21.M21Fixes;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A DL4J user of our layers does not see M2.1's {@code Added differentiated op ...} lines: instantiating a layer on
 * the corrected base installs the dl4j-m21-fixes stdout filter in front of whatever {@code System.out} is, and other
 * output passes through.
 */
class SameDiffStdoutTest {

    @Test
    void buildingAndTrainingANetworkPrintsNoSameDiffGradientLines() {
        String out = buildAndTrain();
        assertFalse(out.contains(LineFilterOutputStream.SAMEDIFF_GRADIENT_LINES.trim()), out);
        assertTrue(out.contains("a line of the user's own"), out);
    }

    @Test
    void withTheFilterSwitchedOffM21PrintsThem() {
        System.setProperty(M21Fixes.STDOUT_PROPERTY, "false");
        try {
            String out = buildAndTrain();
            assertTrue(out.contains(LineFilterOutputStream.SAMEDIFF_GRADIENT_LINES.trim()), out);
        } finally {
            System.clearProperty(M21Fixes.STDOUT_PROPERTY);
        }
    }

    /** Builds and trains a one-layer net while System.out is captured; returns what was printed. */
    private static String buildAndTrain() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            MultiLayerNetwork net = Nets.withSoftmaxOutput(SameDiffDense.builder().nIn(4).nOut(3)
                    .activation(Activation.TANH).build(), 3, new Sgd(0.1), WorkspaceMode.ENABLED, DataType.DOUBLE);
            net.fit(new DataSet(Nd4j.rand(DataType.DOUBLE, 5, 4), Nd4j.eye(5).getColumns(0, 1).castTo(
                    DataType.DOUBLE)));
            System.out.println("a line of the user's own");
            System.out.flush();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
