package dev.cs231n.classic.solver;

/**
 * What {@link CourseSolver#train()} returns: the course's histories and the best validation accuracy, over the whole
 * training (a resumed run includes what the checkpoint held).
 *
 * @param lossHistory     the loss of every iteration
 * @param trainAccHistory train accuracy at each check (after the first iteration, then after every epoch)
 * @param valAccHistory   validation accuracy at the same checks
 * @param bestValAccuracy the best validation accuracy; the model holds the parameters that reached it
 * @param bestEpoch       the epoch at which it was reached (0 = the check after the first iteration)
 * @param epochs          epochs completed
 * @param iterations      iterations completed
 * @param learningRate    the learning rate after the last epoch's decay
 * @param trainSeconds    seconds spent training, over every run that contributed
 */
public record SolverResult(double[] lossHistory, double[] trainAccHistory, double[] valAccHistory,
        double bestValAccuracy, int bestEpoch, int epochs, long iterations, double learningRate,
        double trainSeconds) {
}
