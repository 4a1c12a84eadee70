package dev.cs231n.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Save/load round trips of whole networks: through {@link ModelSerializer} (configuration, parameters,
 * updater state) and through the configuration's JSON form (configuration only; parameters copied).
 */
public final class RoundTrip {

    private RoundTrip() {
    }

    /**
     * @param net a network
     * @return the network written by ModelSerializer to a temporary file and restored from it
     */
    public static MultiLayerNetwork viaModelSerializer(MultiLayerNetwork net) {
        File f = tempFile();
        try {
            ModelSerializer.writeModel(net, f, true);
            return ModelSerializer.restoreMultiLayerNetwork(f, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            f.delete();
        }
    }

    /**
     * @param net a graph
     * @return the graph written by ModelSerializer to a temporary file and restored from it
     */
    public static ComputationGraph viaModelSerializer(ComputationGraph net) {
        File f = tempFile();
        try {
            ModelSerializer.writeModel(net, f, true);
            return ModelSerializer.restoreComputationGraph(f, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            f.delete();
        }
    }

    /**
     * Rebuilds the network from its configuration's JSON and copies the parameters over; asserts the JSON of
     * the rebuilt configuration equals the original's.
     *
     * @param net a network
     * @return the rebuilt network
     */
    public static MultiLayerNetwork viaJson(MultiLayerNetwork net) {
        String json = net.getLayerWiseConfigurations().toJson();
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
        assertEquals(json, conf.toJson(), "configuration JSON changed in a round trip");
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params().dup(), false);
        return copy;
    }

    /**
     * Rebuilds the graph from its configuration's JSON and copies the parameters over; asserts the JSON of the
     * rebuilt configuration equals the original's.
     *
     * @param net a graph
     * @return the rebuilt graph
     */
    public static ComputationGraph viaJson(ComputationGraph net) {
        String json = net.getConfiguration().toJson();
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
        assertEquals(json, conf.toJson(), "configuration JSON changed in a round trip");
        ComputationGraph copy = new ComputationGraph(conf);
        copy.init(net.params().dup(), false);
        return copy;
    }

    /**
     * Asserts that two networks give bit-identical inference outputs.
     *
     * @param expected the original
     * @param actual   the restored copy
     * @param input    an input
     */
    public static void assertSameOutput(MultiLayerNetwork expected, MultiLayerNetwork actual, INDArray input) {
        assertEquals(expected.output(input, false), actual.output(input, false), "outputs differ after round trip");
    }

    /**
     * Asserts that two graphs give bit-identical inference outputs.
     *
     * @param expected the original
     * @param actual   the restored copy
     * @param inputs   the inputs
     */
    public static void assertSameOutput(ComputationGraph expected, ComputationGraph actual, INDArray... inputs) {
        INDArray[] a = expected.output(false, inputs);
        INDArray[] b = actual.output(false, inputs);
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], "output " + i + " differs after round trip");
        }
    }

    private static File tempFile() {
        try {
            return Files.createTempFile("roundtrip", ".zip").toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
