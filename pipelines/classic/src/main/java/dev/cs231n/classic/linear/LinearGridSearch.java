package dev.cs231n.classic.linear;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import dev.cs231n.classic.Labels;
import dev.cs231n.classic.layers.DataLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's hyperparameter search for the linear classifiers: every setting of a {@link LinearGrid} is trained
 * ({@link SgdTrainer}) from the same initial weights on the same minibatch sequence (one seed for all settings, so
 * settings differ only in lr and reg), scored on the <em>validation</em> split, and the best validation accuracy wins
 * (ties: the first setting in grid order). The test split is not seen here.
 */
public final class LinearGridSearch {

    private LinearGridSearch() {
    }

    /**
     * @param loss       the data loss
     * @param grid       the settings
     * @param xTrain     training features {@code [N, D+1]} (FLOAT or DOUBLE: the training type)
     * @param yTrain     N training labels
     * @param xVal       validation features {@code [M, D+1]}, same type
     * @param yVal       M validation labels
     * @param numClasses C
     * @param log        progress lines
     * @return every setting's result, in grid order
     */
    public static List<GridResult> run(DataLoss loss, LinearGrid grid, INDArray xTrain, int[] yTrain, INDArray xVal,
            int[] yVal, int numClasses, Consumer<String> log) {
        for (int i = 0; i < yTrain.length; i++) {
            Labels.checkLabel(yTrain, i, numClasses);
        }
        List<GridResult> results = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            SgdSettings s = grid.setting(i);
            log.accept(String.format(Locale.ROOT, "setting %d/%d: lr %.3g, reg %.3g", i + 1, grid.size(),
                    s.learningRate(), s.reg()));
            long t0 = System.nanoTime();
            LinearClassifier c = LinearClassifier.initialised(loss, (int) xTrain.size(1), numClasses,
                    xTrain.dataType(), s.seed());
            double[] history = SgdTrainer.train(c, xTrain, yTrain, s, Math.max(1, s.iterations() / 3),
                    line -> log.accept("  " + line));
            double seconds = (System.nanoTime() - t0) / 1e9;
            GridResult r = new GridResult(s, Labels.accuracy(c.predict(xTrain), yTrain),
                    Labels.accuracy(c.predict(xVal), yVal), history, seconds, c);
            log.accept(String.format(Locale.ROOT, "  -> train accuracy %.4f, val accuracy %.4f (%.1f s)",
                    r.trainAccuracy(), r.valAccuracy(), seconds));
            results.add(r);
        }
        return results;
    }

    /**
     * @param results a grid's results
     * @return the one with the highest validation accuracy; ties go to the earliest in grid order
     */
    public static GridResult best(List<GridResult> results) {
        GridResult best = null;
        for (GridResult r : results) {
            if (best == null || r.valAccuracy() > best.valAccuracy()) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no grid results");
        }
        return best;
    }
}
