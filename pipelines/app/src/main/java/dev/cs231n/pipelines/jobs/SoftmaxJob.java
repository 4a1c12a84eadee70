package dev.cs231n.pipelines.jobs;

import dev.cs231n.classic.layers.DataLoss;
import picocli.CommandLine.Command;

/**
 * {@code ./cs231n softmax}: the course's softmax classifier on raw CIFAR-10 pixels ({@link DataLoss#SOFTMAX}); data, grid,
 * training and outputs as {@link LinearClassifierJob} describes.
 */
@Command(name = "softmax", mixinStandardHelpOptions = true,
        description = {"Softmax classifier on CIFAR-10 pixels (mean image subtracted, bias trick), minibatch SGD over a"
                + " grid of learning rate x regularisation chosen on validation, test once with the best.",
            "Default grid: lr 1e-7,2e-7,5e-7,1e-6 x reg 1e3,2.5e3,5e3,1e4,2.5e4,5e4; 1500 steps of batch 200 each."})
public final class SoftmaxJob extends LinearClassifierJob {

    @Override
    DataLoss loss() {
        return DataLoss.SOFTMAX;
    }
}
