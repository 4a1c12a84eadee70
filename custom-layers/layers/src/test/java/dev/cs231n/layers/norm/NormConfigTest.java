package dev.cs231n.layers.norm;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Configurations of the normalisation layers: defaults, validation with actionable messages (at build time, or
 * when the size is inferred from the input type), size inference, output types, JSON form, equality and clones.
 */
@ExtendWith(OneNativeThread.class)
class NormConfigTest {

    static void assertFails(String fragment, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(fragment), "message should mention '" + fragment + "': "
                + ex.getMessage());
    }

    static MultiLayerConfiguration withInput(Layer layer, InputType type) {
        return new NeuralNetConfiguration.Builder().list().layer(layer).setInputType(type).build();
    }

    @Test
    void defaultsComeFromNormDefaults() {
        BatchNorm bn = BatchNorm.builder().build();
        assertEquals(NormDefaults.EPS, bn.getEps());
        assertEquals(NormDefaults.MOMENTUM, bn.getMomentum());
        assertEquals(1e-5, NormDefaults.EPS);
        assertEquals(0.9, NormDefaults.MOMENTUM);
        assertEquals(NormDefaults.EPS, LayerNorm.builder().build().getEps());
        assertEquals(NormDefaults.EPS, GroupNorm.builder().groups(1).build().getEps());
        assertEquals(0, bn.getNIn(), "nIn is inferred by default");
    }

    @Test
    void buildersRejectBadOptions() {
        for (double eps : new double[] {0.0, -1e-5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertFails("eps", () -> BatchNorm.builder().eps(eps).build());
            assertFails("eps", () -> LayerNorm.builder().eps(eps).build());
            assertFails("eps", () -> GroupNorm.builder().groups(1).eps(eps).build());
        }
        for (double m : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            assertFails("momentum must be in [0, 1)", () -> BatchNorm.builder().momentum(m).build());
        }
        assertFails("nIn", () -> BatchNorm.builder().nIn(-3).build());
        assertFails("groups must be positive", () -> GroupNorm.builder().build());
        assertFails("choose one of 1, 2, 3, 6", () -> GroupNorm.builder().name("gn").nIn(6).groups(4).build());
        assertFails("'gn'", () -> GroupNorm.builder().name("gn").nIn(6).groups(4).build());
        assertFails("InvertedDropout", () -> BatchNorm.builder().dropOut(0.5).build());
        assertEquals(0.0, BatchNorm.builder().momentum(0.0).build().getMomentum(), "momentum 0: batch statistics");
    }

    @Test
    void groupsMustDivideTheInferredChannelCount() {
        assertFails("choose one of 1, 5", () -> withInput(GroupNorm.builder().name("gn5").groups(2).build(),
                InputType.convolutional(4, 4, 5)));
        GroupNorm ok = (GroupNorm) withInput(GroupNorm.builder().groups(2).build(), InputType.convolutional(4, 4, 6))
                .getConf(0).getLayer();
        assertEquals(6, ok.getNIn());
    }

    @Test
    void sizeIsInferredFromTheInputType() {
        MultiLayerConfiguration ff = withInput(BatchNorm.builder().build(), InputType.feedForward(7));
        assertEquals(7, ((BatchNorm) ff.getConf(0).getLayer()).getNIn());
        assertNull(ff.getInputPreProcess(0));
        MultiLayerConfiguration cnn = withInput(BatchNorm.builder().build(), InputType.convolutional(5, 6, 3));
        assertEquals(3, ((BatchNorm) cnn.getConf(0).getLayer()).getNIn());
        MultiLayerConfiguration flat = withInput(BatchNorm.builder().build(), InputType.convolutionalFlat(4, 4, 2));
        assertEquals(2, ((BatchNorm) flat.getConf(0).getLayer()).getNIn());
        assertInstanceOf(FeedForwardToCnnPreProcessor.class, flat.getInputPreProcess(0));
        assertEquals(8, ((LayerNorm) withInput(LayerNorm.builder().build(), InputType.feedForward(8)).getConf(0)
                .getLayer()).getNIn());

        BatchNorm bn = BatchNorm.builder().nIn(3).build();
        assertEquals(InputType.convolutional(5, 6, 3), bn.getOutputType(0, InputType.convolutional(5, 6, 3)));
        assertEquals(InputType.convolutional(4, 4, 3), bn.getOutputType(0, InputType.convolutionalFlat(4, 4, 3)));
        assertEquals(InputType.feedForward(3), bn.getOutputType(0, InputType.feedForward(3)));
    }

    @Test
    void unsupportedInputTypesFailWithTheLayerName() {
        assertFails("'bn0'", () -> withInput(BatchNorm.builder().name("bn0").build(), InputType.recurrent(4)));
        assertFails("NCHW", () -> withInput(BatchNorm.builder().build(),
                InputType.convolutional(4, 4, 3, CNN2DFormat.NHWC)));
        assertFails("GroupNorm with groups = 1", () -> withInput(LayerNorm.builder().build(),
                InputType.convolutional(4, 4, 3)));
        assertFails("NCHW [N, C, H, W]", () -> withInput(GroupNorm.builder().groups(1).build(),
                InputType.feedForward(4)));
        assertFails("nIn(7)", () -> BatchNorm.builder().nIn(5).build().getOutputType(0, InputType.feedForward(7)));
        // DL4J's list builder overrides nIn from the input type by default (overrideNinUponBuild), as for its own
        assertEquals(7, ((BatchNorm) withInput(BatchNorm.builder().nIn(5).build(), InputType.feedForward(7))
                .getConf(0).getLayer()).getNIn());
    }

    @Test
    void arraysOfTheWrongShapeFailWithTheirShape() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(BatchNorm.builder().name("bn").nIn(4).build()).build());
        net.init();
        assertFails("[2, 5]", () -> net.output(Nd4j.rand(DataType.DOUBLE, 2, 5)));
        assertFails("'bn'", () -> net.getLayer(0).activate(Nd4j.rand(DataType.DOUBLE, 2, 4, 3), true,
                LayerWorkspaceMgr.noWorkspaces()));
    }

    @Test
    void oneBatchNormTakesAnySpatialSize() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(BatchNorm.builder().nIn(3).build()).build());
        net.init();
        for (long[] shape : new long[][] {{2, 3, 4, 4}, {5, 3, 2, 7}, {1, 3, 1, 2}}) {
            INDArray x = Nd4j.randn(DataType.DOUBLE, shape);
            INDArray out = net.output(x, true);
            INDArray expected = CourseNorms.spatialForward(x, Nd4j.ones(DataType.DOUBLE, 3), Nd4j.zeros(DataType.DOUBLE,
                    3), 1e-5).out();
            assertClose("training output " + Arrays.toString(shape), expected,
                    out, 1e-10);
        }
    }

    @Test
    void batchNormParametersFollowDl4jsLayoutAndKeys() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(BatchNorm.builder().nIn(3).build()).build());
        net.init();
        Map<String, ?> table = net.getLayer(0).paramTable();
        assertEquals(List.of("gamma", "beta", "mean", "var"), List.copyOf(table.keySet()));
        assertEquals(12, net.numParams());
        assertEquals(Nd4j.createFromArray(1.0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1), net.params().reshape(12));
    }

    @Test
    void jsonHoldsTheOptionsAndRoundTrips() {
        BatchNorm bn = BatchNorm.builder().name("bn").nIn(4).eps(1e-3).momentum(0.8).build();
        GroupNorm gn = GroupNorm.builder().nIn(6).groups(3).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list().layer(bn)
                .layer(LayerNorm.builder().nIn(4).eps(1e-4).build()).layer(gn).build();
        String json = conf.toJson();
        for (String s : new String[] {"\"momentum\" : 0.8", "\"eps\" : 0.001", "\"groups\" : 3", "\"nin\" : 6",
            "dev.cs231n.layers.norm.BatchNorm", "dev.cs231n.layers.norm.LayerNorm"}) {
            assertTrue(json.contains(s), "JSON holds " + s);
        }
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        for (int i = 0; i < 3; i++) {
            assertEquals(conf.getConf(i).getLayer(), back.getConf(i).getLayer());
            assertEquals(conf.getConf(i).getLayer().hashCode(), back.getConf(i).getLayer().hashCode());
        }
        assertEquals(json, back.toJson());
    }

    @Test
    void clonesAreEqualButIndependent() {
        GroupNorm gn = GroupNorm.builder().nIn(6).groups(3).build();
        GroupNorm c = (GroupNorm) gn.clone();
        assertEquals(gn, c);
        assertNotSame(gn, c);
        c.setGroups(2);
        assertEquals(3, gn.getGroups());
        BatchNorm bn = BatchNorm.builder().momentum(0.5).build();
        BatchNorm bc = (BatchNorm) bn.clone();
        bc.setMomentum(0.6);
        assertEquals(0.5, bn.getMomentum());
        assertTrue(!bn.equals(bc) && !bn.equals(LayerNorm.builder().build()));
        assertArrayEquals(new long[] {4}, BatchNorm.builder().nIn(4).build().getLayerParams().getParamShapes()
                .get(BatchNorm.RUNNING_VAR_KEY));
    }
}
