package dev.cs231n.classic.solver;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints one line per {@link CourseSolver} check, as the course's {@code (Epoch 3 / 10) train acc: ...; val_acc: ...},
 * with the mean loss, learning rate, throughput and the estimated time to the end:
 *
 * <pre>{@code
 * epoch  3/10  iter    735  loss 1.6234  train acc 0.4520  val acc 0.4550 (best 0.4550)  lr 9.03e-04
 *   2.1 s  23.3k ex/s  ETA 15 s          (one line)
 * }</pre>
 */
public final class ConsoleProgress implements EpochListener {

    private final PrintStream out;

    /** @param out where to print */
    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onCheck(EpochReport r) {
        String eta = "";
        if (r.epoch() > 0 && r.epoch() < r.numEpochs()) {
            eta = String.format(Locale.ROOT, "  ETA %.0f s", r.epochSeconds() * (r.numEpochs() - r.epoch()));
        }
        out.printf(Locale.ROOT, "epoch %2d/%d  iter %6d  loss %.4f  train acc %.4f  val acc %.4f (best %.4f)  "
                + "lr %.2e  %.1f s  %.1fk ex/s%s%n", r.epoch(), r.numEpochs(), r.iteration(), r.meanLoss(),
                r.trainAccuracy(), r.valAccuracy(), r.bestValAccuracy(), r.learningRate(), r.epochSeconds(),
                r.examplesPerSecond() / 1000, eta);
        out.flush();
    }
}
