package dev.cs231n.pipelines.jobs;

import dev.cs231n.pipelines.nn.UpdateRule;
import picocli.CommandLine.Option;

/** Options shared by the jobs that train DL4J networks epoch by epoch. */
final class TrainingOptions {

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--update", defaultValue = "adam",
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

    @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
    boolean resume;
}
