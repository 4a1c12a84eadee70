package dev.cs231n.pipelines.train;

import java.util.Locale;

import dev.cs231n.pipelines.progress.Progress;
import me.tongfei.progressbar.ProgressBar;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * A DL4J training listener for one epoch: steps a {@link Progress} bar (rate, ETA; plain lines when stdout is not a
 * terminal) and averages the minibatch scores DL4J reports after each iteration.
 */
final class EpochProgress extends BaseTrainingListener implements AutoCloseable {

    private final ProgressBar bar;
    private double lossSum;
    private int steps;

    /**
     * @param task  e.g. {@code epoch 3/10}
     * @param steps minibatches per epoch, or -1 when unknown
     */
    EpochProgress(String task, long steps) {
        this.bar = Progress.start(task, steps);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        lossSum += model.score();
        steps++;
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f", meanLoss()));
    }

    /** @return the mean minibatch score so far (0 before the first) */
    double meanLoss() {
        return lossSum / Math.max(1, steps);
    }

    @Override
    public void close() {
        bar.close();
    }
}
