package dev.cs231n.layers.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import dev.cs231n.testing.ArrayJson;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the custom layers' compatibility artifacts ({@link CompatCase}) into a <em>new</em> version folder, e.g.
 * {@code custom-layers/layers/src/test/resources/compat/v2/}. For each case, in {@code <version>/<case>/}:
 *
 * <pre>
 * config.json             the configuration's toJson() (MultiLayerConfiguration or ComputationGraphConfiguration)
 * model.zip               ModelSerializer.writeModel(net, file, true): parameters, updater state, configuration
 * input.json, labels.json the fixed inputs and one-hot labels (ArrayJson), also the minibatch it was trained on
 * output.json             the inference-mode output on input.json
 * output-train.json       the training-mode output (InvertedDropout only: its mask is a function of seed and counters)
 * output-after-step.json  the inference-mode output after one more fit step on (input, labels), taken after the two
 *                         outputs above (proves that the updater state and the iteration counter were restored)
 * </pre>
 *
 * The network was trained {@value CompatCase#FIT_STEPS} Adam steps on (input, labels) before being stored, so that
 * BatchNorm's running statistics and Adam's moments are non-trivial.
 *
 * <p><b>Run only when a format deliberately changes, into a new version folder; never overwrite {@code v1}</b>: the
 * stored artifacts are the record of what users' saved models look like, and {@code CompatArtifactsTest} keeps
 * checking every version that exists. The generator refuses to write into an existing folder. From the repository
 * root:
 *
 * <pre>
 * mvn -B -ntp -q test-compile dependency:build-classpath -pl custom-layers/layers -am -Dmdep.outputFile=/tmp/cp.txt
 * java -cp custom-layers/layers/target/test-classes:custom-layers/layers/target/classes:$(cat /tmp/cp.txt) \
 *     dev.cs231n.layers.compat.CompatArtifactsGenerator custom-layers/layers/src/test/resources/compat v2
 * </pre>
 *
 * A component added later joins the current version with a third argument, its case's name (e.g. {@code NT_XENT}):
 * only that case's folder is written, and only if it does not exist yet.
 */
public final class CompatArtifactsGenerator {

    private CompatArtifactsGenerator() {
    }

    /**
     * @param args the {@code compat} folder and the new version's name (e.g. {@code v2})
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CompatArtifactsGenerator COMPAT_DIR VERSION [NEW_CASE...]   (e.g. "
                    + "custom-layers/layers/src/test/resources/compat v2; with case names, only those cases' new folders, "
                    + "e.g. for a component added after VERSION was written)");
            System.exit(2);
        }
        Path dir = Paths.get(args[0]).resolve(args[1]);
        List<CompatCase> cases = args.length == 2 ? List.of(CompatCase.values())
                : java.util.Arrays.stream(args, 2, args.length).map(CompatCase::valueOf).toList();
        if (args.length == 2 && Files.exists(dir)) {
            throw new IOException(dir + " exists: stored artifacts are never overwritten; choose a new version");
        }
        for (CompatCase c : cases) {
            if (Files.exists(dir.resolve(c.dirName()))) {
                throw new IOException(dir.resolve(c.dirName()) + " exists: stored artifacts are never overwritten");
            }
        }
        for (CompatCase c : cases) {
            write(c, dir.resolve(c.dirName()));
            System.out.println("wrote " + dir.resolve(c.dirName()));
        }
    }

    /**
     * @param c   the case
     * @param dir its new folder
     * @throws IOException when a file cannot be written
     */
    static void write(CompatCase c, Path dir) throws IOException {
        Files.createDirectories(dir);
        Model net = c.newNetwork();
        List<INDArray> x = c.inputs();
        INDArray y = c.labels();
        for (int i = 0; i < CompatCase.FIT_STEPS; i++) {
            CompatNets.fit(net, x, y);
        }
        String json = net instanceof MultiLayerNetwork m ? m.getLayerWiseConfigurations().toJson()
                : ((ComputationGraph) net).getConfiguration().toJson();
        Files.writeString(dir.resolve("config.json"), json + "\n");
        ModelSerializer.writeModel(net, dir.resolve("model.zip").toFile(), true);
        ArrayJson.write(dir.resolve("input.json"), x);
        ArrayJson.write(dir.resolve("labels.json"), List.of(y));
        ArrayJson.write(dir.resolve("output.json"), CompatNets.output(net, x, false));
        if (c.storesTrainingOutput()) {
            ArrayJson.write(dir.resolve("output-train.json"), CompatNets.output(net, x, true));
        }
        CompatNets.fit(net, x, y);
        ArrayJson.write(dir.resolve("output-after-step.json"), CompatNets.output(net, x, false));
    }
}
