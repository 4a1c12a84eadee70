package dev.cs231n.pipelines.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.cs231n.pipelines.io.AtomicFiles;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * What a training run has done so far, saved beside each epoch's checkpoint ({@code state.json}) so that
 * {@code --resume} continues where it stopped: epochs completed, per-epoch histories, the best validation accuracy
 * and its epoch, and the training time spent.
 */
public final class TrainState {

    /** Version of the state file format. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Format version. */
    public int format = FORMAT;
    /** Epochs completed. */
    public int epochsDone;
    /** Mean training loss per epoch. */
    public List<Double> trainLoss = new ArrayList<>();
    /** Training accuracy per epoch (on a fixed 1,000-image sample). */
    public List<Double> trainAccuracy = new ArrayList<>();
    /** Validation accuracy per epoch. */
    public List<Double> valAccuracy = new ArrayList<>();
    /** Best validation accuracy so far. */
    public double bestVal = -1;
    /** Epoch (1-based) of the best validation accuracy. */
    public int bestEpoch;
    /** Seconds spent training (excluding evaluation) over all sessions. */
    public double trainSeconds;

    /**
     * @param file where to write (atomically)
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> MAPPER.writeValue(out, this));
    }

    /**
     * @param file a state file written by {@link #write}
     * @return the state
     * @throws IOException when it is missing, malformed or of another format version (the message names the file)
     */
    public static TrainState read(Path file) throws IOException {
        TrainState s;
        try {
            s = MAPPER.readValue(Files.readAllBytes(file), TrainState.class);
        } catch (IOException e) {
            throw new IOException("Cannot read training state " + file + ": " + e.getMessage(), e);
        }
        if (s.format != FORMAT) {
            throw new IOException("Training state " + file + " has format " + s.format + ", this build reads "
                    + FORMAT);
        }
        if (s.valAccuracy.size() != s.epochsDone || s.trainLoss.size() != s.epochsDone) {
            throw new IOException("Training state " + file + " is inconsistent: " + s.epochsDone
                    + " epochs done but " + s.valAccuracy.size() + " validation entries");
        }
        return s;
    }
}
