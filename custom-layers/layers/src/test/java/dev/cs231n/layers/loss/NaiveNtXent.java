package dev.cs231n.layers.loss;

/**
 * The course's NT-Xent definition written out in plain double loops, as an oracle independent of ND4J: for
 * {@code out = [left; right]} ({@code [2N, D]}), every anchor {@code k} against its positive {@code k +- N} and the
 * {@code 2N - 2} other rows, {@code loss = (1/2N) sum_k -log(exp(sim(k, pos)/tau) / sum_{i != k} exp(sim(k, i)/tau))}
 * with {@code sim} the cosine similarity; and its gradient by the chain rule, element by element.
 */
final class NaiveNtXent {

    private NaiveNtXent() {
    }

    static double[][] normalise(double[][] x) {
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (double v : x[i]) {
                s += v * v;
            }
            double n = Math.sqrt(s);
            z[i] = new double[x[i].length];
            for (int d = 0; d < x[i].length; d++) {
                z[i][d] = x[i][d] / n;
            }
        }
        return z;
    }

    static double sim(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }

    static int partner(int k, int n) {
        return k < n ? k + n : k - n;
    }

    /** @return the mean loss over the 2N anchors */
    static double loss(double[][] x, double tau) {
        int m = x.length;
        int n = m / 2;
        double[][] z = normalise(x);
        double total = 0;
        for (int k = 0; k < m; k++) {
            double numerator = Math.exp(sim(z[k], z[partner(k, n)]) / tau);
            double denominator = 0;
            for (int i = 0; i < m; i++) {
                if (i != k) {
                    denominator += Math.exp(sim(z[k], z[i]) / tau);
                }
            }
            total += -Math.log(numerator / denominator);
        }
        return total / m;
    }

    /** @return d(mean loss)/dx */
    static double[][] gradient(double[][] x, double tau) {
        int m = x.length;
        int n = m / 2;
        int dim = x[0].length;
        double[][] z = normalise(x);
        // dL/dsim(k, i): anchor k's softmax over i != k, minus 1 at its positive, over tau and 2N
        double[][] dSim = new double[m][m];
        for (int k = 0; k < m; k++) {
            double denominator = 0;
            for (int i = 0; i < m; i++) {
                if (i != k) {
                    denominator += Math.exp(sim(z[k], z[i]) / tau);
                }
            }
            for (int i = 0; i < m; i++) {
                if (i != k) {
                    double p = Math.exp(sim(z[k], z[i]) / tau) / denominator;
                    dSim[k][i] = (p - (i == partner(k, n) ? 1 : 0)) / tau / m;
                }
            }
        }
        // sim(k, i) = z_k . z_i
        double[][] dz = new double[m][dim];
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < m; i++) {
                for (int d = 0; d < dim; d++) {
                    dz[k][d] += dSim[k][i] * z[i][d];
                    dz[i][d] += dSim[k][i] * z[k][d];
                }
            }
        }
        // z = x / ||x||: dx_j = (dz_j - z_j sum_d(z_d dz_d)) / ||x||
        double[][] dx = new double[m][dim];
        for (int k = 0; k < m; k++) {
            double norm = 0;
            for (double v : x[k]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            double radial = sim(z[k], dz[k]);
            for (int d = 0; d < dim; d++) {
                dx[k][d] = (dz[k][d] - z[k][d] * radial) / norm;
            }
        }
        return dx;
    }
}
