package dev.cs231n.layers.norm.fast;

/**
 * Layer and group normalisation kernels on an array viewed as {@code R} rows of {@code M} elements in row-major
 * order, with statistics per row: layer norm of {@code [N, D]} has {@code R = N, M = D}; group norm of NCHW
 * {@code [N, C, H, W]} with {@code G} groups has {@code R = N * G} rows of {@code M = (C / G) * H * W} (each group's
 * channels are contiguous). Element {@code j} of row {@code r} belongs to channel {@code (r % G) * Cg + j / B}
 * ({@code Cg = C / G} channels per group, {@code B = H * W} positions per channel; layer norm: {@code G = 1, B = 1}).
 *
 * <pre>
 * forward:  mu = mean(row),  s2 = mean((row - mu)^2)  (biased),  inv = 1 / sqrt(s2 + eps)
 *           xhat = (x - mu) * inv,  out = xhat * gamma + beta
 * backward: dxhat = dout * gamma,  dx = inv / M * (M * dxhat - sum(dxhat) - xhat * sum(dxhat * xhat))   (per row)
 *           dgamma = sum(dout * xhat),  dbeta = sum(dout)    (per channel, over rows and positions)
 * </pre>
 * Each row is read once into a tile and processed there. The per-channel sums of the backward pass are accumulated
 * in a fixed number of row chunks and added in chunk order, so they do not depend on the thread count.
 */
final class RowNorm {

    /** Row chunks of the parameter-gradient sums (fixed, for reproducibility). */
    private static final int CHUNKS = 16;

    private RowNorm() {
    }

    /**
     * The grouping.
     *
     * @param rows   {@code R}
     * @param groups {@code G}
     * @param perGroup channels per group {@code Cg}
     * @param block  positions per channel {@code B}
     */
    record Shape(int rows, int groups, int perGroup, int block) {
        int m() {
            return perGroup * block;
        }

        int channels() {
            return groups * perGroup;
        }

        int firstChannel(int row) {
            return (row % groups) * perGroup;
        }
    }

    /**
     * Forward pass (the same in training and inference).
     *
     * @param x     the input
     * @param s     its grouping
     * @param gamma {@code [C]}
     * @param beta  {@code [C]}
     * @param eps   added to the variance
     * @param out   the output, same shape
     * @param mean  receives each row's mean {@code [R]}
     * @param inv   receives each row's {@code 1 / sqrt(var + eps)} {@code [R]}
     */
    static void forward(RawArray x, Shape s, double[] gamma, double[] beta, double eps, RawArray out, double[] mean,
            double[] inv) {
        int m = s.m();
        Parallel.forRange(s.rows(), m, (from, to) -> {
            double[] t = new double[m];
            double[] acc = new double[2];
            for (int r = from; r < to; r++) {
                long base = (long) r * m;
                x.get(base, t, 0, m);
                double k = t[0];
                acc[0] = 0;
                acc[1] = 0;
                Sums.shiftedMoments(t, 0, m, k, acc);
                double d = acc[0] / m;
                double mu = k + d;
                double iv = 1.0 / Math.sqrt(Math.max(0.0, acc[1] / m - d * d) + eps);
                mean[r] = mu;
                inv[r] = iv;
                int c0 = s.firstChannel(r);
                if (s.block() == 1) {
                    for (int j = 0; j < m; j++) {
                        t[j] = ((t[j] - mu) * iv) * gamma[c0 + j] + beta[c0 + j];
                    }
                } else {
                    for (int cg = 0, j = 0; cg < s.perGroup(); cg++) {
                        double ga = gamma[c0 + cg];
                        double be = beta[c0 + cg];
                        for (int end = j + s.block(); j < end; j++) {
                            t[j] = ((t[j] - mu) * iv) * ga + be;
                        }
                    }
                }
                out.put(base, t, 0, m);
            }
        });
    }

    /**
     * Backward pass (the closed form above).
     *
     * @param x      the forward pass's input
     * @param g      dL/dout, same shape
     * @param s      the grouping
     * @param mean   each row's mean
     * @param inv    each row's {@code 1 / sqrt(var + eps)}
     * @param gamma  {@code [C]}
     * @param dx     receives dL/dx (may be {@code g} itself)
     * @param dgamma receives dL/dgamma {@code [C]}
     * @param dbeta  receives dL/dbeta {@code [C]}
     */
    static void backward(RawArray x, RawArray g, Shape s, double[] mean, double[] inv, double[] gamma, RawArray dx,
            double[] dgamma, double[] dbeta) {
        int m = s.m();
        int chunks = Math.min(CHUNKS, s.rows());
        double[][] dg = new double[chunks][s.channels()];
        double[][] db = new double[chunks][s.channels()];
        long rowsPerChunk = (s.rows() + chunks - 1) / chunks;
        Parallel.forRange(chunks, 2 * rowsPerChunk * m, (from, to) -> {
            double[] tx = new double[m];
            double[] tg = new double[m];
            double[] th = new double[m];
            double[] acc = new double[2];
            for (int p = from; p < to; p++) {
                int r0 = (int) ((long) s.rows() * p / chunks);
                int r1 = (int) ((long) s.rows() * (p + 1) / chunks);
                for (int r = r0; r < r1; r++) {
                    backwardRow(x, g, s, r, mean[r], inv[r], gamma, dx, dg[p], db[p], tx, tg, th, acc);
                }
            }
        });
        for (int c = 0; c < s.channels(); c++) {
            double a = 0;
            double b = 0;
            for (int p = 0; p < chunks; p++) {
                a += dg[p][c];
                b += db[p][c];
            }
            dgamma[c] = a;
            dbeta[c] = b;
        }
    }

    private static void backwardRow(RawArray x, RawArray g, Shape s, int r, double mu, double iv, double[] gamma,
            RawArray dx, double[] dg, double[] db, double[] tx, double[] tg, double[] th, double[] acc) {
        int m = s.m();
        long base = (long) r * m;
        x.get(base, tx, 0, m);
        g.get(base, tg, 0, m);
        int c0 = s.firstChannel(r);
        if (s.block() == 1) {
            for (int j = 0; j < m; j++) {
                double xh = (tx[j] - mu) * iv;
                tx[j] = xh;
                th[j] = tg[j] * gamma[c0 + j];
                dg[c0 + j] += tg[j] * xh;
                db[c0 + j] += tg[j];
            }
        } else {
            for (int cg = 0, j0 = 0; cg < s.perGroup(); cg++, j0 += s.block()) {
                double ga = gamma[c0 + cg];
                for (int j = j0, end = j0 + s.block(); j < end; j++) {
                    tx[j] = (tx[j] - mu) * iv;
                    th[j] = tg[j] * ga;
                }
                acc[0] = 0;
                acc[1] = 0;
                Sums.sumAndCentredDot(tg, tx, j0, s.block(), 0.0, acc);
                db[c0 + cg] += acc[0];
                dg[c0 + cg] += acc[1];
            }
        }
        acc[0] = 0;
        acc[1] = 0;
        Sums.sumAndCentredDot(th, tx, 0, m, 0.0, acc);
        double s1 = acc[0];
        double s2 = acc[1];
        double k = iv / m;
        for (int j = 0; j < m; j++) {
            th[j] = k * (m * th[j] - s1 - tx[j] * s2);
        }
        dx.put(base, th, 0, m);
    }
}
