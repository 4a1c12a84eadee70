package dev.cs231n.classic.linear;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

import dev.cs231n.classic.Minibatches;
import dev.cs231n.classic.layers.LossAndGradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's {@code LinearClassifier.train}: {@code iterations} steps of vanilla minibatch SGD, each on
 * {@code batchSize} examples drawn uniformly <em>with replacement</em> ({@code np.random.choice(N, batch,
 * replace=True)}) from a {@link Random} seeded by the settings, {@code W -= lr * dL/dW}. The minibatch's feature rows
 * are copied into a reused buffer ({@link RowGather}), its labels stay integers (the loss builds the one-hot matrix it
 * needs once per step), and every operation runs on the calling thread
 * ({@link SingleThreadedOps}: the arrays of one step are too small to gain from more).
 */
public final class SgdTrainer {

    private SgdTrainer() {
    }

    /**
     * @param classifier trained in place
     * @param x          {@code [N, D+1]}, the classifier's type
     * @param y          N labels in {@code 0 .. C-1}
     * @param settings   learning rate, reg, iterations, batch size, seed
     * @param logEvery   log the loss every this many iterations (0: never)
     * @param log        receives the progress lines
     * @return the minibatch loss (incl. regularisation) before each step: {@code iterations} values
     */
    public static double[] train(LinearClassifier classifier, INDArray x, int[] y, SgdSettings settings,
            int logEvery, Consumer<String> log) {
        if (x.rank() != 2 || x.size(0) != y.length || y.length == 0) {
            throw new IllegalArgumentException("x [N, D+1] and N labels need the same N > 0, got "
                    + Arrays.toString(x.shape()) + " and " + y.length + " labels");
        }
        Random rng = new Random(settings.seed());
        double[] history = new double[settings.iterations()];
        RowGather xRows = new RowGather(x, settings.batchSize());
        try (SingleThreadedOps sequential = SingleThreadedOps.enter()) {
            long t0 = System.nanoTime();
            for (int it = 0; it < settings.iterations(); it++) {
                int[] batch = Minibatches.sampleWithReplacement(y.length, settings.batchSize(), rng);
                LossAndGradient lg = classifier.lossAndGradient(xRows.gather(batch), Minibatches.labels(y, batch),
                        settings.reg());
                history[it] = lg.loss();
                if (!Double.isFinite(lg.loss())) {
                    log.accept(String.format(Locale.ROOT, "iteration %d: loss %s, stopping this setting", it,
                            lg.loss()));
                    return Arrays.copyOf(history, it + 1);
                }
                classifier.step(lg.gradient(), settings.learningRate());
                if (logEvery > 0 && (it + 1) % logEvery == 0) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    log.accept(String.format(Locale.ROOT,
                            "iteration %d/%d: loss %.4f (%.1f s, %.0f it/s, ETA %.1f s)", it + 1,
                            settings.iterations(), lg.loss(), s, (it + 1) / s,
                            s / (it + 1) * (settings.iterations() - it - 1)));
                }
            }
        }
        return history;
    }
}
