package dev.cs231n.searches.run;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Every completed candidate's network as a file {@code DIR/candidate-NNNN.zip} (DL4J's {@link ModelSerializer},
 * updater state included: {@code writeModel(net, file, true)}), and the source a promoted candidate of a
 * successive-halving search continues from ({@code restoreMultiLayerNetwork(file, true)}: parameters, Adam's or
 * SGD's state, and the iteration and epoch counts that schedules read). A file is written to a temporary name in the
 * same folder and moved into place, so a killed worker never leaves a half-written model under a candidate's name.
 *
 * <p>Workers on several machines need this folder shared (or the parent's file copied there): a promoted
 * candidate whose parent's file is missing fails, naming the file.
 */
public final class ModelFiles implements NetworkTask.ModelSink, NetworkTask.ModelSource {

    private final Path dir;

    private ModelFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir the folder (created on the first write)
     * @return the model files in it
     */
    public static ModelFiles in(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("a models folder is required");
        }
        return new ModelFiles(dir);
    }

    /**
     * @param candidateIndex a candidate
     * @return its file, {@code DIR/candidate-NNNN.zip}
     */
    public Path file(int candidateIndex) {
        return dir.resolve(String.format(Locale.ROOT, "candidate-%04d.zip", candidateIndex));
    }

    @Override
    public void accept(int candidateIndex, MultiLayerNetwork net) throws IOException {
        Files.createDirectories(dir);
        Path target = file(candidateIndex);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            ModelSerializer.writeModel(net, tmp.toFile(), true);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public MultiLayerNetwork load(int candidateIndex) throws IOException {
        Path f = file(candidateIndex);
        if (!Files.isRegularFile(f)) {
            throw new FileNotFoundException("candidate " + candidateIndex + "'s network is not in " + f + " (a "
                    + "promoted candidate continues it: workers on several machines need this folder shared)");
        }
        return ModelSerializer.restoreMultiLayerNetwork(f.toFile(), true);
    }
}
