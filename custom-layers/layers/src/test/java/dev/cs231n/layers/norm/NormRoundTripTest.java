package dev.cs231n.layers.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.cs231n.layers.norm.NormNets.Kind;
import dev.cs231n.testing.RoundTrip;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * ModelSerializer and JSON round trips of networks holding each layer, after some training: identical inference
 * outputs, identical parameters (BatchNorm's running statistics included), equal configurations, and identical
 * training afterwards (updater state, iteration counter and so dropout masks included).
 */
@ExtendWith(OneNativeThread.class)
class NormRoundTripTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cs231n.layers.norm.NormLayers#all")
    void multiLayerNetwork(String name, Kind kind, NormLayers.Factory layer) {
        Nd4j.getRandom().setSeed(80);
        MultiLayerNetwork net = NormNets.mln(kind, layer.create(), new Adam(0.01), WorkspaceMode.ENABLED,
                DataType.DOUBLE);
        INDArray initial = net.params().dup();
        INDArray x = NormNets.features(kind, 6, DataType.DOUBLE);
        INDArray y = NormNets.labels(6, DataType.DOUBLE);
        for (int i = 0; i < 3; i++) {
            net.fit(x, y);
        }
        assertNotEquals(initial, net.params());

        MultiLayerNetwork restored = RoundTrip.viaModelSerializer(net);
        RoundTrip.assertSameOutput(net, restored, x);
        assertEquals(net.params(), restored.params(), "parameters, running statistics included");
        assertEquals(net.getLayerWiseConfigurations().getConf(1).getLayer(),
                restored.getLayerWiseConfigurations().getConf(1).getLayer());
        net.fit(x, y);
        restored.fit(x, y);
        assertEquals(net.params(), restored.params(), "one more step: identical training");

        MultiLayerNetwork json = RoundTrip.viaJson(net);
        RoundTrip.assertSameOutput(net, json, x);
        assertEquals(net.getLayerWiseConfigurations().getConf(1).getLayer(),
                json.getLayerWiseConfigurations().getConf(1).getLayer());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cs231n.layers.norm.NormLayers#all")
    void computationGraph(String name, Kind kind, NormLayers.Factory layer) {
        Nd4j.getRandom().setSeed(81);
        ComputationGraph g = NormNets.graph(kind, layer.create(), new Adam(0.01), WorkspaceMode.NONE,
                DataType.DOUBLE);
        INDArray x = NormNets.features(kind, 5, DataType.DOUBLE);
        INDArray[] y = {NormNets.labels(5, DataType.DOUBLE)};
        for (int i = 0; i < 2; i++) {
            g.fit(new INDArray[] {x}, y);
        }
        ComputationGraph restored = RoundTrip.viaModelSerializer(g);
        RoundTrip.assertSameOutput(g, restored, x);
        assertEquals(g.params(), restored.params());
        ComputationGraph json = RoundTrip.viaJson(g);
        RoundTrip.assertSameOutput(g, json, x);
        assertEquals(g.getConfiguration().getVertices().get("norm"), json.getConfiguration().getVertices().get("norm"));
    }
}
