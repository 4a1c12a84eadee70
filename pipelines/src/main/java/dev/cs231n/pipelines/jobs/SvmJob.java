package dev.cs231n.pipelines.jobs;

import dev.cs231n.pipelines.classic.linear.MulticlassSvmLoss;
import dev.cs231n.pipelines.classic.linear.ScoreLoss;
import picocli.CommandLine.Command;

/**
 * {@code ./cs231n svm}: the course's linear SVM on raw CIFAR-10 pixels ({@link MulticlassSvmLoss}); everything else
 * as {@link LinearClassifierJob} describes. Default grid: learning rates {@code 1e-7, 5e-7, 1e-6} x regularisation
 * {@code 2.5e4, 5e4}.
 */
@Command(name = "svm", mixinStandardHelpOptions = true,
        description = {"Linear SVM on CIFAR-10 pixels (mean image subtracted, bias trick), minibatch SGD over a grid of"
                + " learning rate x regularisation chosen on validation, test once with the best.",
            "Default grid: lr 1e-7,5e-7,1e-6 x reg 2.5e4,5e4; 1500 iterations of batch 200 each."})
public final class SvmJob extends LinearClassifierJob {

    @Override
    ScoreLoss loss() {
        return new MulticlassSvmLoss();
    }

    @Override
    double[] defaultLearningRates() {
        return new double[] {1e-7, 5e-7, 1e-6};
    }

    @Override
    double[] defaultRegs() {
        return new double[] {2.5e4, 5e4};
    }
}
