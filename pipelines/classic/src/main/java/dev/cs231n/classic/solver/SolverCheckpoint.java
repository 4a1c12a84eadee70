package dev.cs231n.classic.solver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.pipelines.io.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * A {@link CourseSolver}'s checkpoint, written atomically after every epoch and read back by
 * {@link CourseSolver#resume}.
 * A zip file (format {@value #FORMAT}, version {@value #FORMAT_VERSION}):
 *
 * <pre>{@code
 * solver.json            {"format", "formatVersion", "settings": {update_rule, update_rule_<hyper>..., learning_rate,
 *                         lr_decay, batch_size, num_train_samples, num_val_samples, seed}, "trainExamples" (N),
 *                         "numEpochs", "epoch", "iteration", "learningRate" (current, decayed), "trainSeconds",
 *                         "bestValAccuracy", "bestEpoch", "lossHistory": [...], "trainAccHistory": [...],
 *                         "valAccHistory": [...], "params": [names in order], "stateSteps": {name: t}}
 * params/NAME.npy        the model's parameters (NumPy .npy, the model's data type)
 * best/NAME.npy          the parameters at the best validation accuracy
 * state/NAME/SLOT.npy    the update rule's state of each parameter (velocity, cache, m, v)
 * }</pre>
 *
 * <p>The minibatches of epoch e are drawn from a generator seeded by {@code (seed, e)}, so no generator state
 * needs saving: a run resumed at an epoch boundary draws what the uninterrupted run would have drawn. Reading
 * checks the settings, the number of training examples (where recorded: checkpoints written before
 * {@code trainExamples} was added are read without that check) and every name, shape and data type against the
 * model, and fails with an {@link IOException} naming the file and the entry.
 */
public final class SolverCheckpoint {

    /** The value of solver.json's {@code format} field. */
    public static final String FORMAT = "cs231n.solver.checkpoint";
    /** The version written, and the newest read. */
    public static final int FORMAT_VERSION = 1;

    private static final String JSON = "solver.json";
    /** Recorded since the jobs could train on part of the data; checkpoints without it are not checked. */
    private static final String TRAIN_EXAMPLES = "trainExamples";
    /** Recorded since the two-layer job's --reg was found unchecked; checkpoints without it are not checked. */
    private static final String JOB_SETTINGS = "jobSettings";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SolverCheckpoint() {
    }

    /**
     * Writes the checkpoint atomically.
     *
     * @param file          the zip to create or replace
     * @param settings      the solver's settings
     * @param jobSettings   the model's and data's settings, by name (checked on resume)
     * @param trainExamples the number of training examples the solver draws from
     * @param state         the progress
     * @param params        the model's parameters
     * @param optimizer     the update rule's state per parameter
     * @throws IOException when it cannot be written (the previous checkpoint is then left as it was)
     */
    static void write(Path file, SolverSettings settings, Map<String, ?> jobSettings, int trainExamples,
            TrainingState state,
            Map<String, INDArray> params, Map<String, UpdateState> optimizer) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.set("settings", MAPPER.valueToTree(settings.fingerprint()));
        root.set(JOB_SETTINGS, MAPPER.valueToTree(jobSettings));
        root.put(TRAIN_EXAMPLES, trainExamples);
        root.put("numEpochs", settings.numEpochs());
        root.put("epoch", state.epoch);
        root.put("iteration", state.iteration);
        root.put("learningRate", state.learningRate);
        root.put("trainSeconds", state.trainSeconds);
        root.put("bestValAccuracy", state.bestValAccuracy);
        root.put("bestEpoch", state.bestEpoch);
        root.set("lossHistory", MAPPER.valueToTree(state.lossHistory));
        root.set("trainAccHistory", MAPPER.valueToTree(state.trainAccHistory));
        root.set("valAccHistory", MAPPER.valueToTree(state.valAccHistory));
        root.set("params", MAPPER.valueToTree(new ArrayList<>(params.keySet())));
        ObjectNode steps = root.putObject("stateSteps");
        optimizer.forEach((name, s) -> steps.put(name, s.step()));
        byte[] json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            put(zip, JSON, json);
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                put(zip, "params/" + e.getKey() + ".npy", Npy.toBytes(e.getValue()));
                put(zip, "best/" + e.getKey() + ".npy", Npy.toBytes(state.bestParams.get(e.getKey())));
                for (Map.Entry<String, INDArray> s : optimizer.get(e.getKey()).slots().entrySet()) {
                    put(zip, "state/" + e.getKey() + "/" + s.getKey() + ".npy", Npy.toBytes(s.getValue()));
                }
            }
            zip.finish();
        });
    }

    /**
     * Reads a checkpoint into a solver's model, update states and progress, after checking that it belongs to
     * the same settings and model.
     *
     * @param file          the checkpoint
     * @param settings      the resuming solver's settings (all but the number of epochs must match)
     * @param jobSettings   the resuming solver's model and data settings: must match the checkpoint's (where
     *                      recorded)
     * @param trainExamples the resuming solver's number of training examples: must match the checkpoint's (not
     *                      checked for checkpoints written before it was recorded)
     * @param params        the model's parameters: names, shapes and types must match; their values are replaced
     * @param optimizer     the update states per parameter, fresh from the rule: their slots are replaced
     * @return the progress saved
     * @throws IOException when the file is missing, not a checkpoint, corrupt, or from other settings, another
     *                     number of training examples or another model; the message names the file and the entry
     */
    static TrainingState read(Path file, SolverSettings settings, Map<String, ?> jobSettings, int trainExamples,
            Map<String, INDArray> params,
            Map<String, UpdateState> optimizer) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "solver checkpoint not found");
        }
        Map<String, byte[]> entries = unzip(file);
        JsonNode root = json(file, entries);
        checkSettings(file, root.path("settings"), MAPPER.valueToTree(settings.fingerprint()));
        if (root.has(JOB_SETTINGS)) {
            checkSettings(file, root.get(JOB_SETTINGS), MAPPER.valueToTree(jobSettings));
        }
        if (root.has(TRAIN_EXAMPLES) && number(file, root, TRAIN_EXAMPLES).intValue() != trainExamples) {
            throw new IOException(file + ": the checkpoint was trained on " + root.get(TRAIN_EXAMPLES)
                    + " training examples, this run has " + trainExamples + "; resume with the same data or use "
                    + "another output folder");
        }
        List<String> names = new ArrayList<>();
        root.path("params").forEach(n -> names.add(n.asText()));
        if (!names.equals(new ArrayList<>(params.keySet()))) {
            throw new IOException(file + ": checkpoint holds parameters " + names + ", the model has "
                    + params.keySet());
        }
        TrainingState state = new TrainingState(number(file, root, "learningRate").doubleValue());
        state.epoch = number(file, root, "epoch").intValue();
        state.iteration = number(file, root, "iteration").longValue();
        state.trainSeconds = number(file, root, "trainSeconds").doubleValue();
        state.bestValAccuracy = number(file, root, "bestValAccuracy").doubleValue();
        state.bestEpoch = number(file, root, "bestEpoch").intValue();
        doubles(file, root, "lossHistory", state.lossHistory);
        doubles(file, root, "trainAccHistory", state.trainAccHistory);
        doubles(file, root, "valAccHistory", state.valAccHistory);
        Map<String, INDArray> current = new LinkedHashMap<>();
        Map<String, UpdateState> states = new LinkedHashMap<>();
        for (String name : names) {
            INDArray p = params.get(name);
            current.put(name, array(file, entries, "params/" + name + ".npy", p));
            state.bestParams.put(name, array(file, entries, "best/" + name + ".npy", p));
            UpdateState s = optimizer.get(name);
            Map<String, INDArray> slots = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> slot : s.slots().entrySet()) {
                slots.put(slot.getKey(), array(file, entries, "state/" + name + "/" + slot.getKey() + ".npy",
                        slot.getValue()));
            }
            states.put(name, new UpdateState(slots, number(file, root.path("stateSteps"), name).longValue()));
        }
        // Only once everything has been read and checked: a bad checkpoint leaves the model and states untouched.
        current.forEach((name, value) -> params.get(name).assign(value));
        optimizer.putAll(states);
        return state;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static Map<String, byte[]> unzip(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new IOException(file + ": not a readable solver checkpoint (corrupt or truncated zip): "
                    + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new IOException(file + ": not a solver checkpoint (no zip entries; truncated or another file)");
        }
        return entries;
    }

    private static JsonNode json(Path file, Map<String, byte[]> entries) throws IOException {
        byte[] bytes = entries.get(JSON);
        if (bytes == null) {
            throw new IOException(file + ": not a solver checkpoint (no " + JSON + " entry)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IOException(file + ": " + JSON + " is malformed: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + ": " + JSON + " has format '" + root.path("format").asText() + "', expected "
                    + FORMAT);
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException(file + ": checkpoint format version " + version + " is not supported (this build "
                    + "reads 1.." + FORMAT_VERSION + ")");
        }
        return root;
    }

    private static void checkSettings(Path file, JsonNode stored, JsonNode now) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        now.fieldNames().forEachRemaining(keys::add);
        stored.fieldNames().forEachRemaining(keys::add);
        List<String> diffs = new ArrayList<>();
        for (String k : keys) {
            String a = String.valueOf(stored.get(k));
            String b = String.valueOf(now.get(k));
            if (!a.equals(b)) {
                diffs.add(k + ": checkpoint " + a + ", this run " + b);
            }
        }
        if (!diffs.isEmpty()) {
            throw new IOException(file + ": the checkpoint was written with other settings; resume with the same "
                    + "ones (only the number of epochs may change) or use another output folder: " + diffs);
        }
    }

    private static Number number(Path file, JsonNode parent, String key) throws IOException {
        JsonNode n = parent.get(key);
        if (n == null || !n.isNumber()) {
            throw new IOException(file + ": " + JSON + ": '" + key + "' is missing or not a number");
        }
        return n.numberValue();
    }

    private static void doubles(Path file, JsonNode root, String key, List<Double> into) throws IOException {
        JsonNode n = root.get(key);
        if (n == null || !n.isArray()) {
            throw new IOException(file + ": " + JSON + ": '" + key + "' is missing or not an array");
        }
        for (JsonNode v : (ArrayNode) n) {
            if (!v.isNumber()) {
                throw new IOException(file + ": " + JSON + ": '" + key + "' holds a non-number: " + v);
            }
            into.add(v.doubleValue());
        }
    }

    private static INDArray array(Path file, Map<String, byte[]> entries, String name, INDArray like)
            throws IOException {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IOException(file + ": entry " + name + " is missing");
        }
        INDArray a = Npy.fromBytes(bytes, file + ": entry " + name);
        if (!Arrays.equals(a.shape(), like.shape()) || a.dataType() != like.dataType()) {
            throw new IOException(file + ": entry " + name + " is " + a.dataType() + " " + Arrays.toString(a.shape())
                    + ", the model needs " + like.dataType() + " " + Arrays.toString(like.shape()));
        }
        return a;
    }
}
