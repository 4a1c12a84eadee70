package dev.cs231n.pipelines.jobs;

import java.io.IOException;
import java.nio.file.Path;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.pipelines.nn.UpdateRule;
import picocli.CommandLine.Option;

/** Options shared by the jobs that train DL4J networks epoch by epoch. */
final class TrainingOptions {

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = {"--batch-size", "--batch"}, defaultValue = "128",
            description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = {"--update-rule", "--update"}, defaultValue = "adam",
            description = "Update rule: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    UpdateRule update;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-decay", defaultValue = "0.95",
            description = "Learning-rate factor per epoch (default: ${DEFAULT-VALUE}).")
    double lrDecay;

    @Option(names = "--reg", defaultValue = "1e-4",
            description = "L2 regularisation of the weights (default: ${DEFAULT-VALUE}).")
    double reg;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint.zip: every setting must be the same as the "
            + "checkpoint's, except --epochs, which may grow.")
    boolean resume;

    @Option(names = "--num-train", defaultValue = "49000",
            description = "Train on the first N images of the course's 49,000-image training split, for quick runs "
                    + "(default: ${DEFAULT-VALUE}).")
    int numTrain;

    /**
     * @return the settings that determine the result, by option name (for the checkpoint; --epochs excluded)
     */
    java.util.Map<String, Object> settings() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("update-rule", update);
        m.put("lr", lr);
        m.put("lr-decay", lrDecay);
        m.put("reg", reg);
        return m;
    }

    /**
     * @param batches the folder holding the CIFAR-10 batch files
     * @return the course's splits, with the training split cut to {@code --num-train}
     * @throws IOException when the data cannot be read
     */
    CifarSplits splits(Path batches) throws IOException {
        if (numTrain < 1 || numTrain > CifarSplits.COURSE_TRAIN) {
            throw new IllegalArgumentException("--num-train must be in [1, " + CifarSplits.COURSE_TRAIN + "], got "
                    + numTrain);
        }
        CifarSplits s = CifarSplits.course(CifarDataset.loadTrain(batches), CifarDataset.loadTest(batches));
        return numTrain == CifarSplits.COURSE_TRAIN ? s : s.withTrainPrefix(numTrain);
    }
}
