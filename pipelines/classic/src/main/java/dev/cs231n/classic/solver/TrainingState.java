package dev.cs231n.classic.solver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link CourseSolver}'s progress between epochs: what a checkpoint saves besides the parameters and the update
 * rule's state. Mutable; owned by one solver.
 */
final class TrainingState {

    /** Completed epochs. */
    int epoch;
    /** Completed iterations (minibatch updates). */
    long iteration;
    /** The current (decayed) learning rate. */
    double learningRate;
    /** Seconds spent in {@link CourseSolver#train()} so far, over every run that contributed. */
    double trainSeconds;
    /** The best validation accuracy seen at a check; -1 before the first check. */
    double bestValAccuracy = -1;
    /** The epoch of the best validation accuracy (0 = the check after the first iteration). */
    int bestEpoch;
    /** The loss of every iteration. */
    final List<Double> lossHistory = new ArrayList<>();
    /** Train accuracy at every check. */
    final List<Double> trainAccHistory = new ArrayList<>();
    /** Validation accuracy at every check. */
    final List<Double> valAccHistory = new ArrayList<>();
    /** Copies of the parameters at the best validation accuracy, by name; empty before the first check. */
    final Map<String, INDArray> bestParams = new LinkedHashMap<>();

    /** @param learningRate the initial learning rate */
    TrainingState(double learningRate) {
        this.learningRate = learningRate;
    }
}
