package dev.cs231n.layers.compat;

import static dev.cs231n.testing.NdAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.cs231n.layers.norm.OneNativeThread;
import dev.cs231n.layers.norm.fast.FastNorm;
import dev.cs231n.testing.ArrayJson;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Backward compatibility of users' saved networks: the artifacts in {@code compat/v1/} were written by the code
 * of 2025 ({@link CompatArtifactsGenerator}, DL4J 1.0.0-M2.1) and must keep loading and computing the same
 * numbers whatever is refactored later. For each {@link CompatCase}:
 *
 * <ol>
 *   <li>{@code config.json} parses ({@code fromJson}) into a configuration equal to its own fresh
 *       {@code toJson}/{@code fromJson} round trip, with the expected custom class at the expected place, and the
 *       only {@code dev.cs231n} class names in it ({@code "@class"} entries) are that class's, so that a renamed
 *       or moved class shows up here by name;</li>
 *   <li>{@code model.zip} restores with ModelSerializer (updater included), holds the same configuration, and its
 *       inference output on {@code input.json} equals {@code output.json} (and for InvertedDropout the
 *       training-mode output equals {@code output-train.json});</li>
 *   <li>one more fit step on (input, labels) runs, changes the parameters, and gives
 *       {@code output-after-step.json}: Adam's moments, the iteration counter and BatchNorm's running statistics
 *       came back too.</li>
 * </ol>
 *
 * Numbers are compared with the course's relative error at most {@value #TOL} in DOUBLE (they are bit-identical on
 * the machine that wrote them; the tolerance only allows other BLAS kernels to sum in another order). Every folder
 * in {@code compat/v1} must belong to a case, and every case must have its folder.
 */
@ExtendWith(OneNativeThread.class)
class CompatArtifactsTest {

    static final String VERSION = "v1";
    static final double TOL = 1e-12;
    /**
     * The output after one more Adam step on the normalisation layers' fast path ({@link FastNorm}), which rounds in
     * another order than the SameDiff graphs that wrote the artifacts. Adam turns the rounding noise of gradients that
     * are zero in exact arithmetic (the bias of a layer below batch norm: about 1e-17) into updates of about
     * {@code lr * noise / (|noise| + 1e-8)}, around 1e-11, which reach the inference output through the running
     * statistics: the feed-forward batch-norm case differs by 1.2e-12 there. On the SameDiff path the stored values
     * are reproduced to {@value #TOL}.
     */
    static final double FAST_PATH_AFTER_STEP_TOL = 1e-10;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Path dir(CompatCase c) {
        return root().resolve(c.dirName());
    }

    /**
     * @return {@code compat/<version>} in this module's test classes (not the first of that name on the class path:
     *         another module's test-jar may hold one too)
     */
    static Path root() {
        try {
            Path classes = Paths.get(CompatArtifactsTest.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            Path root = classes.resolve("compat").resolve(VERSION);
            assertTrue(Files.isDirectory(root), root + " is missing from the test resources");
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyStoredFolderBelongsToACaseAndEveryCaseHasOne() throws IOException {
        Set<String> stored;
        try (Stream<Path> s = Files.list(root())) {
            stored = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> cases = Arrays.stream(CompatCase.values()).map(CompatCase::dirName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(cases, stored);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CompatCase.class)
    void configJsonParsesIntoTheSameConfigurationWithTheExpectedClass(CompatCase c) throws IOException {
        String json = Files.readString(dir(c).resolve("config.json"));
        if (c.graph()) {
            ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
            ComputationGraphConfiguration again = ComputationGraphConfiguration.fromJson(conf.toJson());
            assertEquals(conf, again, "fromJson(toJson) of the stored configuration");
            assertEquals(conf.toJson(), again.toJson());
            assertComponent(c, conf);
        } else {
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
            MultiLayerConfiguration again = MultiLayerConfiguration.fromJson(conf.toJson());
            assertEquals(conf, again, "fromJson(toJson) of the stored configuration");
            assertEquals(conf.toJson(), again.toJson());
            assertComponent(c, conf);
        }
        assertEquals(Set.of(c.component().getName()), projectClassNames(MAPPER.readTree(json)),
                "dev.cs231n class names stored in config.json");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CompatCase.class)
    void modelZipRestoresWithItsUpdaterAndGivesTheStoredOutputs(CompatCase c) throws IOException {
        String saved = System.getProperty(FastNorm.PROPERTY);
        try {
            for (boolean fastPath : new boolean[] {false, true}) {
                System.setProperty(FastNorm.PROPERTY, Boolean.toString(fastPath));
                restoresAndGivesTheStoredOutputs(c, fastPath ? FAST_PATH_AFTER_STEP_TOL : TOL);
            }
        } finally {
            if (saved == null) {
                System.clearProperty(FastNorm.PROPERTY);
            } else {
                System.setProperty(FastNorm.PROPERTY, saved);
            }
        }
    }

    private static void restoresAndGivesTheStoredOutputs(CompatCase c, double afterStepTol) throws IOException {
        Path d = dir(c);
        Model net = restore(c, d.resolve("model.zip"));
        String json = Files.readString(d.resolve("config.json"));
        if (c.graph()) {
            ComputationGraphConfiguration conf = ((ComputationGraph) net).getConfiguration();
            assertEquals(ComputationGraphConfiguration.fromJson(json), conf, "model.zip's configuration");
            assertComponent(c, conf);
        } else {
            MultiLayerConfiguration conf = ((MultiLayerNetwork) net).getLayerWiseConfigurations();
            assertEquals(MultiLayerConfiguration.fromJson(json), conf, "model.zip's configuration");
            assertComponent(c, conf);
        }
        List<INDArray> x = ArrayJson.read(d.resolve("input.json"));
        INDArray y = ArrayJson.read(d.resolve("labels.json")).get(0);

        assertOutputs("inference output", ArrayJson.read(d.resolve("output.json")), CompatNets.output(net, x, false));
        if (c.storesTrainingOutput()) {
            assertOutputs("training-mode output (dropout mask of the stored seed and counters)",
                    ArrayJson.read(d.resolve("output-train.json")), CompatNets.output(net, x, true));
        } else {
            assertTrue(Files.notExists(d.resolve("output-train.json")));
        }

        INDArray before = net.params().dup();
        CompatNets.fit(net, x, y);
        assertNotEquals(before, net.params(), "one more fit step changes the parameters");
        assertOutputs("inference output after one more fit step (restored updater state)",
                ArrayJson.read(d.resolve("output-after-step.json")), CompatNets.output(net, x, false), afterStepTol);
    }

    private static Model restore(CompatCase c, Path zip) throws IOException {
        return c.graph() ? ModelSerializer.restoreComputationGraph(zip.toFile(), true)
                : ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
    }

    private static void assertComponent(CompatCase c, MultiLayerConfiguration conf) {
        Object layer = conf.getConf(Integer.parseInt(c.location())).getLayer();
        assertEquals(c.component(), layer.getClass(), "layer " + c.location());
        assertEquals(DataType.DOUBLE, conf.getDataType());
    }

    private static void assertComponent(CompatCase c, ComputationGraphConfiguration conf) {
        GraphVertex v = conf.getVertices().get(c.location());
        Object component = v instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : v;
        assertEquals(c.component(), component.getClass(), "vertex " + c.location());
        assertEquals(DataType.DOUBLE, conf.getDataType());
    }

    private static void assertOutputs(String what, List<INDArray> expected, List<INDArray> actual) {
        assertOutputs(what, expected, actual, TOL);
    }

    private static void assertOutputs(String what, List<INDArray> expected, List<INDArray> actual, double tol) {
        assertEquals(expected.size(), actual.size(), what + ": number of outputs");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(DataType.DOUBLE, actual.get(i).dataType(), what + " " + i + ": data type");
            assertClose(what + " " + i + " (" + FastNorm.PROPERTY + "=" + System.getProperty(FastNorm.PROPERTY) + ")",
                    expected.get(i), actual.get(i), tol);
        }
    }

    /** @return every {@code "@class"} value of the JSON that names one of this project's classes */
    static Set<String> projectClassNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        collect(node, names);
        return names;
    }

    private static void collect(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("@class") && e.getValue().asText().startsWith("dev.cs231n.")) {
                    into.add(e.getValue().asText());
                }
                collect(e.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        }
    }
}
