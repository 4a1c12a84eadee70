package dev.cs231n.classic.solver;

/**
 * One accuracy check of a {@link CourseSolver}, reported to its {@link EpochListener}: after the first iteration
 * ({@code epoch == 0}, as the course) and after every epoch.
 *
 * @param epoch             epochs completed (0 for the check after the first iteration)
 * @param numEpochs         epochs the run trains in all
 * @param iteration         iterations completed
 * @param meanLoss          the mean minibatch loss of the epoch (of the first iteration, for epoch 0)
 * @param trainAccuracy     accuracy on the training subsample
 * @param valAccuracy       accuracy on the validation set (or its subsample)
 * @param bestValAccuracy   the best validation accuracy so far, this check included
 * @param learningRate      the learning rate the next epoch uses (after this epoch's decay)
 * @param epochSeconds      seconds since the epoch started (training, checks, checkpoint)
 * @param examplesPerSecond training examples of the epoch so far per second over that time
 * @param runSeconds        seconds since this run's {@code train()} started (a resumed run counts from its start)
 */
public record EpochReport(int epoch, int numEpochs, long iteration, double meanLoss, double trainAccuracy,
        double valAccuracy, double bestValAccuracy, double learningRate, double epochSeconds,
        double examplesPerSecond, double runSeconds) {
}
