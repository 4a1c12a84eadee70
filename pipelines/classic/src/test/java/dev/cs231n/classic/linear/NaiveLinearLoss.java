package dev.cs231n.classic.linear;

import java.util.Arrays;

/**
 * The course's naive loop implementations ({@code svm_loss_naive}, {@code softmax_loss_naive}), kept only as test
 * oracles: plain Java loops over examples and classes in float64, with the course's regularisation
 * {@code reg * sum(W^2)} and gradient {@code 2 reg W}.
 */
final class NaiveLinearLoss {

    private NaiveLinearLoss() {
    }

    /**
     * @param w   [D][C]
     * @param x   [N][D]
     * @param y   N labels
     * @param reg regularisation strength
     * @param dW  [D][C], overwritten with the gradient
     * @return the loss
     */
    static double svm(double[][] w, double[][] x, int[] y, double reg, double[][] dW) {
        int n = x.length;
        int c = w[0].length;
        clear(dW);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double[] s = scores(w, x[i]);
            for (int j = 0; j < c; j++) {
                if (j == y[i]) {
                    continue;
                }
                double margin = s[j] - s[y[i]] + 1;
                if (margin > 0) {
                    loss += margin;
                    for (int d = 0; d < x[i].length; d++) {
                        dW[d][j] += x[i][d];
                        dW[d][y[i]] -= x[i][d];
                    }
                }
            }
        }
        return finish(loss, w, reg, dW, n);
    }

    /** Same contract as {@link #svm}, for the softmax loss. */
    static double softmax(double[][] w, double[][] x, int[] y, double reg, double[][] dW) {
        int n = x.length;
        int c = w[0].length;
        clear(dW);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double[] s = scores(w, x[i]);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : s) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += Math.exp(s[j] - max);
            }
            loss += -(s[y[i]] - max) + Math.log(sum);
            for (int j = 0; j < c; j++) {
                double p = Math.exp(s[j] - max) / sum - (j == y[i] ? 1 : 0);
                for (int d = 0; d < x[i].length; d++) {
                    dW[d][j] += p * x[i][d];
                }
            }
        }
        return finish(loss, w, reg, dW, n);
    }

    private static double[] scores(double[][] w, double[] xi) {
        double[] s = new double[w[0].length];
        for (int d = 0; d < xi.length; d++) {
            for (int j = 0; j < s.length; j++) {
                s[j] += xi[d] * w[d][j];
            }
        }
        return s;
    }

    private static double finish(double loss, double[][] w, double reg, double[][] dW, int n) {
        double penalty = 0;
        for (int d = 0; d < w.length; d++) {
            for (int j = 0; j < w[d].length; j++) {
                penalty += w[d][j] * w[d][j];
                dW[d][j] = dW[d][j] / n + 2 * reg * w[d][j];
            }
        }
        return loss / n + reg * penalty;
    }

    private static void clear(double[][] a) {
        for (double[] row : a) {
            Arrays.fill(row, 0.0);
        }
    }
}
