package dev.cs231n.pipelines.compat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import dev.cs231n.datavec.cifar.preprocess.ModelZipPreprocessors;
import dev.cs231n.datavec.coco.FeatureTable;
import dev.cs231n.datavec.coco.ModelZipVocabulary;
import dev.cs231n.pipelines.Cs231n;
import dev.cs231n.pipelines.caption.CaptionSampler;
import dev.cs231n.pipelines.train.Checkpoint;
import dev.cs231n.classic.linear.LinearModel;
import dev.cs231n.classic.linear.LinearModelFile;
import dev.cs231n.classic.net.TwoLayerModelZip;
import dev.cs231n.classic.net.TwoLayerNet;
import dev.cs231n.classic.solver.CourseSolver;
import dev.cs231n.classic.solver.SolverData;
import dev.cs231n.classic.solver.SolverSettings;
import dev.cs231n.classic.solver.UpdateRuleKind;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import picocli.CommandLine;

/**
 * What the generator and the test do alike with a {@link JobCase}: running a job's command line, deriving the resume
 * command, and computing the outputs of the stored models on the first {@value JobCase#OUTPUT_IMAGES} test images
 * with today's loaders.
 */
final class JobArtifacts {

    /** The arguments file of an artifact (one argument per line). */
    static final String ARGS = "args.txt";
    /** The resume command of an artifact. */
    static final String RESUME_ARGS = "resume-args.txt";
    /** The metrics of the resumed run. */
    static final String RESUMED_METRICS = "resumed-metrics.json";
    /** The stored model outputs (ArrayJson). */
    static final String OUTPUTS = "outputs.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JobArtifacts() {
    }

    /**
     * Runs {@code ./cs231n ARGS} in this JVM.
     *
     * @param args    the command line, with placeholders
     * @param dataDir replaces {@value JobCase#DATA_DIR}
     * @param out     replaces {@value JobCase#OUT}
     * @throws IllegalStateException when the job exits with another code than 0 (with its error output)
     */
    static void run(List<String> args, Path dataDir, Path out) {
        List<String> resolved = resolve(args, dataDir, out);
        CommandLine cl = Cs231n.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(resolved.toArray(new String[0]));
        if (code != 0) {
            throw new IllegalStateException("./cs231n " + String.join(" ", resolved) + " exited with " + code + ":\n"
                    + err);
        }
    }

    static List<String> resolve(List<String> args, Path dataDir, Path out) {
        List<String> r = new ArrayList<>();
        for (String a : args) {
            r.add(a.replace(JobCase.DATA_DIR, dataDir.toString()).replace(JobCase.OUT, out.toString()));
        }
        return r;
    }

    /**
     * @param args the stored command line
     * @param c    the case
     * @return the command that resumes it: {@code --epochs} one higher (or, for bn-weight-scale, the same
     *         settings), plus {@code --resume}
     */
    static List<String> resumeArgs(List<String> args, JobCase c) {
        List<String> r = new ArrayList<>(args);
        if (c.resume() == JobCase.Resume.MORE_EPOCHS) {
            int i = r.indexOf("--epochs");
            r.set(i + 1, Integer.toString(Integer.parseInt(r.get(i + 1)) + 1));
        }
        r.add("--resume");
        return r;
    }

    /**
     * Fills a fresh output folder for {@code --resume} from a stored artifact: its persisted files (relative paths
     * kept) and, for {@link JobCase.Resume#LAST_RUN_AGAIN}, {@code results.json} without its last run.
     *
     * @param c      the case
     * @param stored the artifact folder
     * @param out    the output folder to fill
     * @throws IOException on read or write errors
     */
    static void prepareResume(JobCase c, Path stored, Path out) throws IOException {
        for (String f : c.persisted()) {
            Path to = out.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(stored.resolve(f), to, StandardCopyOption.REPLACE_EXISTING);
        }
        if (c.resume() == JobCase.Resume.LAST_RUN_AGAIN) {
            Path results = out.resolve("results.json");
            ObjectNode root = (ObjectNode) MAPPER.readTree(Files.readAllBytes(results));
            ObjectNode runs = (ObjectNode) root.get("runs");
            List<String> keys = new ArrayList<>();
            runs.fieldNames().forEachRemaining(keys::add);
            runs.remove(keys.get(keys.size() - 1));
            Files.write(results, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        }
    }

    /**
     * @param args a command line
     * @return option name to value (flags map to "true")
     */
    static Map<String, String> options(List<String> args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                boolean flag = i + 1 >= args.size() || args.get(i + 1).startsWith("--");
                m.put(a, flag ? "true" : args.get(++i));
            }
        }
        return m;
    }

    /**
     * @param args an {@code args.txt}
     * @return its arguments, one per line
     * @throws IOException on read errors
     */
    static List<String> readArgs(Path args) throws IOException {
        return Files.readAllLines(args).stream().filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @param batches the synthetic batches folder
     * @param layout  FLAT or NCHW
     * @return the first {@value JobCase#OUTPUT_IMAGES} test images, raw 0..255, float32
     * @throws IOException on read errors
     */
    static INDArray testImages(Path batches, FeatureLayout layout) throws IOException {
        CifarDataset test = CifarDataset.loadTest(batches).range(0, JobCase.OUTPUT_IMAGES);
        return CifarTensors.features(test, layout, DataType.FLOAT);
    }

    /**
     * The stored models' outputs, computed with today's loaders:
     * <ul>
     *   <li>two-layer: {@code TwoLayerModelZip.read(model.zip)} scores; ModelSerializer's
     *       {@code restoreMultiLayerNetwork(model.zip).output} probabilities; the scores of the parameters that
     *       {@link CourseSolver#resume} loads from {@code checkpoint.zip};</li>
     *   <li>svm, softmax: {@code LinearModelFile.read(model.zip)} scores;</li>
     *   <li>fc-net, cnn: probabilities of {@code model.zip} and of {@code checkpoint/model.zip} (restored with its
     *       updater), both on the images preprocessed by the preprocessor stored in {@code model.zip};</li>
     *   <li>caption-rnn, caption-transformer: {@link #captionOutputs}.</li>
     * </ul>
     *
     * @param c       the case
     * @param dir     a folder holding the persisted files
     * @param args    the command line they were made with
     * @param batches the synthetic batches folder
     * @return the outputs, one {@code [20, 10]} array per item above
     * @throws IOException when a file cannot be read
     */
    static List<INDArray> outputs(JobCase c, Path dir, List<String> args, Path batches) throws IOException {
        switch (c.outputs()) {
            case TWO_LAYER -> {
                TwoLayerModelZip.Loaded loaded = TwoLayerModelZip.read(dir.resolve("model.zip"));
                CifarPreprocessor pre = loaded.preprocessor().orElseThrow();
                INDArray scores = loaded.net().scores(pre.transform(testImages(batches, FeatureLayout.FLAT)));
                MultiLayerNetwork dl4j = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("model.zip").toFile(),
                        false);
                INDArray probs = dl4j.output(pre.transform(testImages(batches, FeatureLayout.FLAT)));
                TwoLayerNet fromCheckpoint = resumeTwoLayer(dir.resolve("checkpoint.zip"), args,
                        loaded.net().inputDim(), loaded.net().hiddenDim()).net();
                INDArray checkpointScores = fromCheckpoint.scores(pre.transform(testImages(batches,
                        FeatureLayout.FLAT)));
                return List.of(scores.dup(), probs.dup(), checkpointScores.dup());
            }
            case LINEAR -> {
                LinearModel m = LinearModelFile.read(dir.resolve("model.zip"));
                return List.of(m.classifier().scores(m.preprocessor().transform(testImages(batches,
                        FeatureLayout.FLAT))).dup());
            }
            case DL4J_FLAT, DL4J_NCHW -> {
                FeatureLayout layout = c.outputs() == JobCase.Outputs.DL4J_FLAT ? FeatureLayout.FLAT
                        : FeatureLayout.NCHW;
                Optional<CifarPreprocessor> pre = ModelZipPreprocessors.load(dir.resolve("model.zip").toFile());
                MultiLayerNetwork best = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("model.zip").toFile(),
                        false);
                MultiLayerNetwork checkpoint = ModelSerializer.restoreMultiLayerNetwork(
                        dir.resolve("checkpoint/model.zip").toFile(), true);
                INDArray x = pre.orElseThrow().transform(testImages(batches, layout));
                return List.of(best.output(x.dup()).dup(), checkpoint.output(x.dup()).dup());
            }
            case CAPTION -> {
                return captionOutputs(dir);
            }
            default -> {
                return List.of();
            }
        }
    }

    /** The synthetic COCO training images whose stored features the captioning outputs use. */
    static final long[] CAPTION_IMAGES = {1000, 1001, 1002, 1003, 1004, 1005};
    /** Token inputs per caption of the captioning outputs (the jobs' 17 tokens less one). */
    static final int CAPTION_STEPS = 16;

    /**
     * The captioning jobs' stored files read with today's loaders: {@code model.zip} (ModelSerializer, the vocabulary
     * by ModelZipVocabulary), {@code checkpoint.zip} ({@link Checkpoint#load}, with its updater) and the features of
     * {@link #CAPTION_IMAGES} from {@code features.h5} ({@link FeatureTable#read}).
     *
     * @param dir a folder holding the persisted files
     * @return model.zip's and the checkpoint's softmax {@code [6, V, 16]} on those features with the token inputs
     *         {@code 1 + (3i + 5t) mod (V - 1)}, and model.zip's greedy captions (tokens as floats, {@code [6, 30]},
     *         padded with -1)
     * @throws IOException when a file cannot be read
     */
    static List<INDArray> captionOutputs(Path dir) throws IOException {
        ComputationGraph model = ModelSerializer.restoreComputationGraph(dir.resolve("model.zip").toFile(), false);
        int vocab = ModelZipVocabulary.load(dir.resolve("model.zip").toFile()).orElseThrow(() -> new IOException(
                dir.resolve("model.zip") + " holds no vocabulary")).size();
        ComputationGraph checkpoint = Checkpoint.load(dir, f -> ModelSerializer.restoreComputationGraph(f.toFile(),
                true)).net();
        FeatureTable table = FeatureTable.read(dir.resolve("features.h5"));
        INDArray features = Nd4j.create(DataType.FLOAT, CAPTION_IMAGES.length, table.dimension());
        for (int i = 0; i < CAPTION_IMAGES.length; i++) {
            features.putRow(i, table.load(CAPTION_IMAGES[i]).reshape(table.dimension()).castTo(DataType.FLOAT));
        }
        INDArray tokens = Nd4j.create(DataType.FLOAT, CAPTION_IMAGES.length, CAPTION_STEPS);
        for (int i = 0; i < CAPTION_IMAGES.length; i++) {
            for (int t = 0; t < CAPTION_STEPS; t++) {
                tokens.putScalar(i, t, 1 + (3 * i + 5 * t) % (vocab - 1));
            }
        }
        List<INDArray> out = new ArrayList<>();
        for (ComputationGraph g : List.of(model, checkpoint)) {
            g.clearLayerMaskArrays();
            out.add(g.output(false, new INDArray[] {features.dup(), tokens.dup()}, null, null)[0].castTo(
                    DataType.FLOAT).dup());
        }
        List<int[]> greedy = new CaptionSampler(model, 1, 2, 30).greedy(features.dup());
        INDArray captions = Nd4j.valueArrayOf(new long[] {CAPTION_IMAGES.length, 30}, -1f, DataType.FLOAT);
        for (int i = 0; i < greedy.size(); i++) {
            for (int t = 0; t < greedy.get(i).length; t++) {
                captions.putScalar(i, t, greedy.get(i)[t]);
            }
        }
        out.add(captions);
        return out;
    }

    /**
     * A two-layer checkpoint loaded into a net and a solver.
     *
     * @param net    the net, holding the checkpoint's current parameters
     * @param solver the solver, at the checkpoint's epoch and learning rate
     */
    record ResumedTwoLayer(TwoLayerNet net, CourseSolver solver) {
    }

    /**
     * Loads a two-layer checkpoint through the public path, {@link CourseSolver#resume}, into a fresh net of the stored
     * shape; the solver's settings are those of the stored command line (the checkpoint refuses others).
     */
    static ResumedTwoLayer resumeTwoLayer(Path checkpoint, List<String> args, int inputDim, int hidden)
            throws IOException {
        Map<String, String> o = options(args);
        TwoLayerNet net = TwoLayerNet.create(inputDim, hidden, 10, Double.parseDouble(o.get("--weight-scale")),
                Double.parseDouble(o.get("--reg")), DataType.valueOf(o.get("--dtype").toUpperCase(Locale.ROOT)),
                Long.parseLong(o.get("--seed")));
        SolverSettings settings = SolverSettings.builder(UpdateRuleKind.valueOf(
                o.get("--update-rule").toUpperCase(Locale.ROOT)).create())
                .learningRate(Double.parseDouble(o.get("--lr"))).lrDecay(Double.parseDouble(o.get("--lr-decay")))
                .batchSize(Integer.parseInt(o.get("--batch"))).numEpochs(Integer.parseInt(o.get("--epochs")))
                .seed(Long.parseLong(o.get("--seed"))).build();
        // the data only sizes the solver; resume() reads parameters, update state and progress
        INDArray x = Nd4j.zeros(net.dataType(), 1, inputDim);
        CourseSolver solver = new CourseSolver(net, new SolverData(x, new int[] {0}, x, new int[] {0}), settings);
        solver.resume(checkpoint);
        return new ResumedTwoLayer(net, solver);
    }
}
