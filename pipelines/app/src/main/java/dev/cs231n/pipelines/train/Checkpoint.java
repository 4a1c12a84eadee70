package dev.cs231n.pipelines.train;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.cs231n.pipelines.io.AtomicFiles;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The checkpoint of a training run as one unit: {@code OUT/checkpoint.zip}, a DL4J ModelSerializer zip (network,
 * updater state) with the run's {@link TrainState} as one more entry ({@value #STATE_ENTRY}). It is written to a
 * temporary file and published by one atomic rename, so a run killed at any moment leaves either the previous
 * checkpoint or the new one, never a network of one epoch beside the state of another.
 *
 * <p>Checkpoints of the first layout (before the training engine: {@code OUT/checkpoint/model.zip} and
 * {@code OUT/checkpoint/state.json}, format-1 state) are still read.
 */
public final class Checkpoint {

    /** File name of the checkpoint in the output folder. */
    public static final String FILE = "checkpoint.zip";
    /** Entry of the training state inside the checkpoint zip. */
    public static final String STATE_ENTRY = "cs231n-train-state.json";
    /** Folder of the first layout's checkpoint. */
    static final String LEGACY_DIR = "checkpoint";

    /**
     * A checkpoint read back.
     *
     * @param <M>   the network type
     * @param net   the network with its updater state
     * @param state the run's history
     */
    public record Loaded<M extends Model>(M net, TrainState state) {
    }

    /** Reads a network from a ModelSerializer zip. */
    @FunctionalInterface
    public interface Restorer<M extends Model> {
        /**
         * @param zip a ModelSerializer zip
         * @return the network, with its updater
         * @throws IOException when it cannot be read
         */
        M restore(Path zip) throws IOException;
    }

    private Checkpoint() {
    }

    /**
     * @param out an output folder
     * @return whether it holds a checkpoint (of either layout)
     */
    public static boolean exists(Path out) {
        return Files.isRegularFile(out.resolve(FILE)) || Files.isRegularFile(legacyState(out));
    }

    /**
     * Publishes {@code OUT/checkpoint.zip} atomically.
     *
     * @param out   the output folder
     * @param net   the network (saved with its updater)
     * @param state the run's history
     * @throws IOException when it cannot be written
     */
    public static void save(Path out, Model net, TrainState state) throws IOException {
        Path target = out.resolve(FILE);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + FILE, ".tmp");
        try {
            ModelSerializer.writeModel(net, tmp.toFile(), true);
            putEntry(tmp, STATE_ENTRY, state.toJson());
            AtomicFiles.move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Path legacy = out.resolve(LEGACY_DIR);
        if (Files.isDirectory(legacy)) { // a run resumed from the first layout now has the new one
            Files.deleteIfExists(legacy.resolve("state.json"));
            Files.deleteIfExists(legacy.resolve("model.zip"));
            Files.deleteIfExists(legacy);
        }
    }

    /**
     * @param <M>      the network type
     * @param out      the output folder
     * @param restorer how to read the network
     * @return the network and the state
     * @throws IOException when there is no checkpoint or it cannot be read (the message names the file)
     */
    public static <M extends Model> Loaded<M> load(Path out, Restorer<M> restorer) throws IOException {
        Path zip = out.resolve(FILE);
        if (Files.isRegularFile(zip)) {
            TrainState state = TrainState.fromJson(readEntry(zip, STATE_ENTRY), zip + "!" + STATE_ENTRY);
            return new Loaded<>(restore(restorer, zip), state);
        }
        Path legacyState = legacyState(out);
        if (Files.isRegularFile(legacyState)) {
            TrainState state = TrainState.fromJson(Files.readAllBytes(legacyState), legacyState.toString());
            return new Loaded<>(restore(restorer, out.resolve(LEGACY_DIR).resolve("model.zip")), state);
        }
        throw new IOException("no checkpoint in " + out + " (" + FILE + " is missing)");
    }

    private static Path legacyState(Path out) {
        return out.resolve(LEGACY_DIR).resolve("state.json");
    }

    private static <M extends Model> M restore(Restorer<M> restorer, Path zip) throws IOException {
        try {
            return restorer.restore(zip);
        } catch (IOException | RuntimeException e) {
            throw new IOException("Cannot restore the network from " + zip + ": " + e.getMessage(), e);
        }
    }

    private static void putEntry(Path zip, String entry, String text) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of())) {
            Files.writeString(fs.getPath(entry), text, StandardCharsets.UTF_8);
        }
    }

    private static byte[] readEntry(Path zip, String entry) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(zip)) {
            Path p = fs.getPath(entry);
            if (!Files.isRegularFile(p)) {
                throw new IOException("Checkpoint " + zip + " has no " + entry + " entry (not written by this "
                        + "project, or damaged)");
            }
            return Files.readAllBytes(p);
        } catch (java.util.zip.ZipException e) {
            throw new IOException("Checkpoint " + zip + " is not a readable zip: " + e.getMessage(), e);
        }
    }
}
