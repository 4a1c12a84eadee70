package dev.cs231n.classic.knn;

import java.util.Arrays;

/**
 * The result of a k-fold cross-validation over k: the accuracy on each fold for each candidate k, with the mean
 * and the population standard deviation (numpy's {@code std}, ddof 0) over folds, and the best k.
 *
 * @param ks       the candidate k, in the order tried
 * @param accuracy {@code [ks.length][folds]}: the accuracy of each k on each held-out fold
 */
public record CrossValidation(int[] ks, double[][] accuracy) {

    /** Checks that there is a row of fold accuracies per k. */
    public CrossValidation {
        if (ks.length == 0 || accuracy.length != ks.length) {
            throw new IllegalArgumentException("need one row of fold accuracies per k: " + ks.length + " k, "
                    + accuracy.length + " rows");
        }
    }

    /**
     * @param i index into {@link #ks()}
     * @return the mean accuracy over folds of {@code ks[i]}
     */
    public double mean(int i) {
        return Arrays.stream(accuracy[i]).average().orElse(Double.NaN);
    }

    /**
     * @param i index into {@link #ks()}
     * @return the population standard deviation over folds of {@code ks[i]}'s accuracy
     */
    public double std(int i) {
        double m = mean(i);
        double ss = 0;
        for (double a : accuracy[i]) {
            ss += (a - m) * (a - m);
        }
        return Math.sqrt(ss / accuracy[i].length);
    }

    /** @return the k with the highest mean accuracy; ties go to the smaller k */
    public int bestK() {
        int best = 0;
        for (int i = 1; i < ks.length; i++) {
            double a = mean(i);
            double b = mean(best);
            if (a > b || (a == b && ks[i] < ks[best])) {
                best = i;
            }
        }
        return ks[best];
    }
}
