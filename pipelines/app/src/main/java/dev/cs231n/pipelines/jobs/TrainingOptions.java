package dev.cs231n.pipelines.jobs;

import java.io.IOException;
import java.nio.file.Path;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.pipelines.nn.UpdateRule;
import dev.cs231n.pipelines.cli.CommonOptions;
import dev.cs231n.pipelines.cli.Range;
import picocli.CommandLine.Option;

/** Options shared by the jobs that train DL4J networks epoch by epoch. */
final class TrainingOptions {

    @Range(min = 1)
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    // no defaultValue where an alias sets the field: picocli applies it after parsing, over the alias's value
    @Range(min = 1)
    @Option(names = "--batch-size", paramLabel = "B",
            description = "Minibatch size (default: ${DEFAULT-VALUE}; alias --batch).")
    int batch = 128;

    @Option(names = "--update-rule", paramLabel = "RULE",
            description = "Update rule: ${COMPLETION-CANDIDATES} (default: adam; alias --update).")
    UpdateRule update = UpdateRule.ADAM;

    @Range(min = 0, minExclusive = true)
    @Option(names = "--lr", defaultValue = "1e-3", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Range(min = 0, minExclusive = true, max = 1)
    @Option(names = "--lr-decay", defaultValue = "0.95",
            description = "Learning-rate factor per epoch (default: ${DEFAULT-VALUE}).")
    double lrDecay;

    @Range(min = 0)
    @Option(names = "--reg", defaultValue = "1e-4",
            description = "L2 regularisation of the weights (default: ${DEFAULT-VALUE}).")
    double reg;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint.zip: every setting must be the same as the "
            + "checkpoint's, except --epochs, which may grow; starts from the first epoch, saying so, when there is no "
            + "checkpoint yet.")
    boolean resume;

    @Range(min = 1, max = 49000)
    @Option(names = "--num-train", defaultValue = "49000",
            description = "Train on the first N images of the course's 49,000-image training split, for quick runs "
                    + "(default: ${DEFAULT-VALUE}).")
    int numTrain;

    @Option(names = "--batch", paramLabel = "B", hidden = true, description = "Old name of --batch-size.")
    private void batchAlias(int v) {
        batch = v;
    }

    @Option(names = "--update", paramLabel = "RULE", hidden = true, description = "Old name of --update-rule.")
    private void updateAlias(UpdateRule v) {
        update = v;
    }

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
     * @param common the job's common options (where the data is)
     * @return the course's splits, with the training split cut to {@code --num-train}
     * @throws IOException when the data cannot be read
     */
    CifarSplits splits(CommonOptions common) throws IOException {
        return common.courseSplits(numTrain);
    }
}
