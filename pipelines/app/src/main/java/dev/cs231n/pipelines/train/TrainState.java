package dev.cs231n.pipelines.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonSetter;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * What a training run has done so far, saved inside each epoch's checkpoint so that {@code --resume} continues where
 * it stopped: epochs completed, the mean training loss and every evaluated metric per epoch, the metric the best
 * epoch is chosen on with its best value and epoch, the training time spent, and the settings the run was started
 * with (a resumed run must have the same).
 *
 * <p>JSON, format {@value #FORMAT}. Format 1 (written before the training engine, with {@code trainAccuracy},
 * {@code valAccuracy} and {@code bestVal} fields) is still read: its histories become the metrics
 * {@code train_accuracy} and {@code val_accuracy}.
 */
public final class TrainState {

    /** Version of the state format. */
    public static final int FORMAT = 2;

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Format version. */
    public int format = FORMAT;
    /** Epochs completed. */
    public int epochsDone;
    /** Mean training loss (DL4J's score, regularisation included) per epoch. */
    public List<Double> trainLoss = new ArrayList<>();
    /** Each evaluated metric, one value per epoch. */
    public Map<String, List<Double>> metrics = new LinkedHashMap<>();
    /** The metric the best epoch is chosen on. */
    public String selectOn = Trainer.VAL_ACCURACY;
    /** Best value of {@link #selectOn} so far (NaN before the first epoch). */
    public double bestValue = Double.NaN;
    /** Epoch (1-based) of {@link #bestValue}; 0 before the first epoch. */
    public int bestEpoch;
    /** Seconds spent training (excluding evaluation) over all sessions. */
    public double trainSeconds;
    /** The settings the run started with, by option name; empty in format-1 states. */
    public Map<String, String> settings = new LinkedHashMap<>();

    /**
     * @param name a metric
     * @return its value per epoch (empty if never evaluated)
     */
    public List<Double> metric(String name) {
        return metrics.getOrDefault(name, List.of());
    }

    /**
     * @param name a metric
     * @return its values per epoch as an array
     */
    public double[] metricArray(String name) {
        return metric(name).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return the mean training loss per epoch as an array */
    @JsonIgnore
    public double[] trainLossArray() {
        return trainLoss.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return the epochs 1..n as doubles, for plots */
    @JsonIgnore
    public double[] epochAxis() {
        double[] x = new double[epochsDone];
        for (int e = 0; e < epochsDone; e++) {
            x[e] = e + 1;
        }
        return x;
    }

    /** @return this state as JSON */
    String toJson() throws IOException {
        return MAPPER.writeValueAsString(this);
    }

    /**
     * @param file a state file ({@code state.json} of the first checkpoint layout, or the state entry extracted from
     *             a {@link Checkpoint})
     * @return the state
     * @throws IOException when it is missing, malformed, inconsistent or of an unknown format (the message names the
     *                     file)
     */
    public static TrainState read(java.nio.file.Path file) throws IOException {
        return fromJson(java.nio.file.Files.readAllBytes(file), file.toString());
    }

    /**
     * @param json   a state written by {@link #toJson()} (or a format-1 state)
     * @param source where it came from, for messages
     * @return the state
     * @throws IOException when it is malformed, inconsistent or of an unknown format (the message names the source)
     */
    static TrainState fromJson(byte[] json, String source) throws IOException {
        TrainState s;
        try {
            s = MAPPER.readValue(json, TrainState.class);
        } catch (IOException e) {
            throw new IOException("Cannot read training state " + source + ": " + e.getMessage(), e);
        }
        s.check(source);
        return s;
    }

    /**
     * @param source where this state came from, for messages
     * @throws IOException when it is of an unknown format or its histories do not match its epoch count
     */
    void check(String source) throws IOException {
        if (format != 1 && format != FORMAT) {
            throw new IOException("Training state " + source + " has format " + format + ", this build reads 1 and "
                    + FORMAT);
        }
        if (trainLoss.size() != epochsDone) {
            throw new IOException("Training state " + source + " is inconsistent: " + epochsDone
                    + " epochs done but " + trainLoss.size() + " loss entries");
        }
        for (Map.Entry<String, List<Double>> e : metrics.entrySet()) {
            if (e.getValue().size() != epochsDone) {
                throw new IOException("Training state " + source + " is inconsistent: " + epochsDone
                        + " epochs done but " + e.getValue().size() + " entries of " + e.getKey());
            }
        }
    }

    @JsonSetter("trainAccuracy")
    private void legacyTrainAccuracy(List<Double> v) {
        metrics.put(Trainer.TRAIN_ACCURACY, v);
    }

    @JsonSetter("valAccuracy")
    private void legacyValAccuracy(List<Double> v) {
        metrics.put(Trainer.VAL_ACCURACY, v);
    }

    @JsonSetter("bestVal")
    private void legacyBestVal(double v) {
        bestValue = v;
    }
}
