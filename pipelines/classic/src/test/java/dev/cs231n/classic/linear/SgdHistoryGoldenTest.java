package dev.cs231n.classic.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.cs231n.classic.TestArrays;
import dev.cs231n.classic.layers.DataLoss;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The linear classifiers' minibatch SGD reproduces, bit for bit, what it computed before its labels stayed integers
 * through each step (issue 8; before, every step gathered one-hot rows, took their arg-max and built a one-hot matrix
 * again): the loss before every step and the final weights of seeded runs of both losses in FLOAT and DOUBLE, and a
 * small grid search's accuracies and histories. {@value #RESOURCE} was written by the code before that change
 * (commit a23e108). Regenerate it, only for an intended change of the numbers, with
 * {@code -Dcs231n.regenerate.golden=true} (it is then written to {@code src/test/resources} and the test passes).
 */
class SgdHistoryGoldenTest {

    private static final String RESOURCE = "/linear/sgd-history-v1.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final int N = 300;
    private static final int C = 5;
    private static final int ITERATIONS = 25;

    /** 300 examples of 12 features plus the bias column; labels 0..4; not separable. */
    private static INDArray features(DataType type) {
        INDArray f = TestArrays.gaussian(21, N, 12).muli(3);
        return Nd4j.hstack(f, Nd4j.ones(DataType.DOUBLE, N, 1)).castTo(type);
    }

    private static int[] labels() {
        return TestArrays.ints(22, N, C);
    }

    private static ObjectNode computed() {
        ObjectNode root = MAPPER.createObjectNode();
        for (String loss : List.of("svm", "softmax")) {
            for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
                LinearClassifier c = LinearClassifier.initialised(DataLoss.byId(loss), 13, C, type, 23);
                double[] h = SgdTrainer.train(c, features(type), labels(),
                        new SgdSettings(1e-2, 1e-2, ITERATIONS, 32, 24), 0, s -> { });
                ObjectNode run = root.putObject(loss + "_" + type.name().toLowerCase());
                run.set("loss_history", doubles(h));
                run.set("weights", doubles(c.weights().castTo(DataType.DOUBLE).data().asDouble()));
            }
        }
        INDArray x = features(DataType.FLOAT);
        int[] y = labels();
        List<GridResult> grid = LinearGridSearch.run(DataLoss.SOFTMAX,
                new LinearGrid(new double[] {1e-3, 1e-2}, new double[] {0.0, 0.1}, 20, 16, 5), x, y,
                x.get(NDArrayIndex.interval(0, 100), NDArrayIndex.all()), Arrays.copyOf(y, 100), C, s -> { });
        ArrayNode results = root.putArray("grid_softmax_float");
        for (GridResult r : grid) {
            ObjectNode o = results.addObject();
            o.put("train_accuracy", r.trainAccuracy());
            o.put("val_accuracy", r.valAccuracy());
            o.set("loss_history", doubles(r.lossHistory()));
        }
        return root;
    }

    @Test
    void lossHistoriesWeightsAndGridResultsAreTheStoredOnes() throws IOException {
        ObjectNode now = computed();
        if (Boolean.getBoolean("cs231n.regenerate.golden")) {
            Path file = Path.of("src/test/resources" + RESOURCE);
            Files.createDirectories(file.getParent());
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), now);
            return;
        }
        JsonNode stored;
        try (InputStream in = SgdHistoryGoldenTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is missing");
            stored = MAPPER.readTree(in);
        }
        assertEquals(List.of("svm_float", "svm_double", "softmax_float", "softmax_double", "grid_softmax_float"),
                fieldNames(stored));
        for (String run : List.of("svm_float", "svm_double", "softmax_float", "softmax_double")) {
            assertArrayEquals(values(stored.path(run).path("loss_history")),
                    values(now.path(run).path("loss_history")), run + " loss history");
            assertArrayEquals(values(stored.path(run).path("weights")), values(now.path(run).path("weights")),
                    run + " weights");
        }
        JsonNode grid = stored.path("grid_softmax_float");
        assertEquals(4, grid.size());
        for (int i = 0; i < grid.size(); i++) {
            JsonNode s = grid.get(i);
            JsonNode n = now.path("grid_softmax_float").get(i);
            assertEquals(s.path("train_accuracy").doubleValue(), n.path("train_accuracy").doubleValue(), "grid " + i);
            assertEquals(s.path("val_accuracy").doubleValue(), n.path("val_accuracy").doubleValue(), "grid " + i);
            assertArrayEquals(values(s.path("loss_history")), values(n.path("loss_history")), "grid " + i);
        }
    }

    private static ArrayNode doubles(double[] v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }

    private static double[] values(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).doubleValue();
        }
        return v;
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
