package dev.cs231n.layers.norm.fast;

/**
 * {@link RowNorm} for FLOAT arrays: the same passes and formulas on {@code float[]} row tiles read and written
 * without conversion (see {@link FloatChannelNorm}). Elementwise arithmetic is in {@code float}; sums over a row run
 * through {@link FloatSums}; per-channel parameter-gradient sums are accumulated in {@code float} over at most
 * {@link #ROWS} rows and then in {@code double}, in the same fixed row chunks as {@link RowNorm} (independent of
 * the thread count); statistics and coefficients are computed in {@code double} and rounded once to {@code float}.
 */
final class FloatRowNorm {

    /** Row chunks of the parameter-gradient sums (fixed, for reproducibility). */
    private static final int CHUNKS = 16;
    /** Rows of a chunk whose per-channel sums run in {@code float} before they are added in {@code double}. */
    private static final int ROWS = 16;

    private FloatRowNorm() {
    }

    /**
     * Forward pass, as {@link RowNorm#forward}.
     *
     * @param x     the input (FLOAT)
     * @param s     its grouping
     * @param gamma {@code [C]}
     * @param beta  {@code [C]}
     * @param eps   added to the variance
     * @param out   the output (FLOAT), same shape
     * @param mean  receives each row's mean {@code [R]}
     * @param inv   receives each row's {@code 1 / sqrt(var + eps)} {@code [R]}
     */
    static void forward(RawArray x, RowNorm.Shape s, double[] gamma, double[] beta, double eps, RawArray out,
            double[] mean, double[] inv) {
        int m = s.m();
        float[] gf = narrow(gamma);
        float[] bf = narrow(beta);
        Parallel.forRange(s.rows(), m, (from, to) -> {
            float[] t = new float[m];
            double[] acc = new double[2];
            for (int r = from; r < to; r++) {
                long base = (long) r * m;
                x.getFloats(base, t, 0, m);
                float k = t[0];
                acc[0] = 0;
                acc[1] = 0;
                FloatSums.shiftedMoments(t, 0, m, k, acc);
                double d = acc[0] / m;
                double mu = k + d;
                double iv = 1.0 / Math.sqrt(Math.max(0.0, acc[1] / m - d * d) + eps);
                mean[r] = mu;
                inv[r] = iv;
                float muf = (float) mu;
                float ivf = (float) iv;
                int c0 = s.firstChannel(r);
                if (s.block() == 1 && s.groups() == 1) {
                    // layer norm: one group, channel j is element j (indices without offset let C2 vectorise)
                    for (int j = 0; j < m; j++) {
                        t[j] = ((t[j] - muf) * ivf) * gf[j] + bf[j];
                    }
                } else {
                    for (int cg = 0, j = 0; cg < s.perGroup(); cg++) {
                        float sc = (float) (iv * gamma[c0 + cg]);
                        float sh = bf[c0 + cg];
                        for (int end = j + s.block(); j < end; j++) {
                            t[j] = (t[j] - muf) * sc + sh;
                        }
                    }
                }
                out.putFloats(base, t, 0, m);
            }
        });
    }

    /**
     * Backward pass, as {@link RowNorm#backward}.
     *
     * @param x      the forward pass's input (FLOAT)
     * @param g      dL/dout (FLOAT), same shape
     * @param s      the grouping
     * @param mean   each row's mean
     * @param inv    each row's {@code 1 / sqrt(var + eps)}
     * @param gamma  {@code [C]}
     * @param dx     receives dL/dx (FLOAT; may be {@code g} itself)
     * @param dgamma receives dL/dgamma {@code [C]}
     * @param dbeta  receives dL/dbeta {@code [C]}
     */
    static void backward(RawArray x, RawArray g, RowNorm.Shape s, double[] mean, double[] inv, double[] gamma,
            RawArray dx, double[] dgamma, double[] dbeta) {
        int m = s.m();
        int chunks = Math.min(CHUNKS, s.rows());
        double[][] dg = new double[chunks][s.channels()];
        double[][] db = new double[chunks][s.channels()];
        float[] gf = narrow(gamma);
        long rowsPerChunk = (s.rows() + chunks - 1) / chunks;
        Parallel.forRange(chunks, 2 * rowsPerChunk * m, (from, to) -> {
            float[] tx = new float[m];
            float[] tg = new float[m];
            float[] th = new float[m];
            float[] pg = new float[s.channels()];
            float[] pb = new float[s.channels()];
            double[] acc = new double[2];
            for (int p = from; p < to; p++) {
                int r0 = (int) ((long) s.rows() * p / chunks);
                int r1 = (int) ((long) s.rows() * (p + 1) / chunks);
                for (int q0 = r0; q0 < r1; q0 += ROWS) {
                    int q1 = Math.min(r1, q0 + ROWS);
                    for (int r = q0; r < q1; r++) {
                        backwardRow(x, g, s, r, mean[r], inv[r], gf, dx, pg, pb, dg[p], db[p], tx, tg, th, acc);
                    }
                    if (s.block() == 1 && s.groups() == 1) {
                        for (int c = 0; c < pg.length; c++) {
                            dg[p][c] += pg[c];
                            db[p][c] += pb[c];
                            pg[c] = 0;
                            pb[c] = 0;
                        }
                    }
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

    private static float[] narrow(double[] v) {
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (float) v[i];
        }
        return r;
    }

    /**
     * One row: {@code dx} written, and its per-channel sums added to {@code pg, pb} (float, feed-forward rows) or
     * to {@code dg, db} (double, per channel plane of a group).
     */
    private static void backwardRow(RawArray x, RawArray g, RowNorm.Shape s, int r, double mu, double iv,
            float[] gamma, RawArray dx, float[] pg, float[] pb, double[] dg, double[] db, float[] tx, float[] tg,
            float[] th, double[] acc) {
        int m = s.m();
        long base = (long) r * m;
        x.getFloats(base, tx, 0, m);
        g.getFloats(base, tg, 0, m);
        float muf = (float) mu;
        float ivf = (float) iv;
        int c0 = s.firstChannel(r);
        if (s.block() == 1 && s.groups() == 1) {
            // layer norm: one group, channel j is element j. One store per loop, indices without offset: C2
            // vectorises these loops (it did not vectorise the single loop with four stores at offset indices).
            for (int j = 0; j < m; j++) {
                tx[j] = (tx[j] - muf) * ivf;
            }
            for (int j = 0; j < m; j++) {
                th[j] = tg[j] * gamma[j];
            }
            for (int j = 0; j < m; j++) {
                pg[j] += tg[j] * tx[j];
            }
            for (int j = 0; j < m; j++) {
                pb[j] += tg[j];
            }
        } else {
            for (int cg = 0, j0 = 0; cg < s.perGroup(); cg++, j0 += s.block()) {
                float ga = gamma[c0 + cg];
                for (int j = j0, end = j0 + s.block(); j < end; j++) {
                    tx[j] = (tx[j] - muf) * ivf;
                    th[j] = tg[j] * ga;
                }
                acc[0] = 0;
                acc[1] = 0;
                FloatSums.sumAndCentredDot(tg, tx, j0, s.block(), 0f, acc);
                db[c0 + cg] += acc[0];
                dg[c0 + cg] += acc[1];
            }
        }
        acc[0] = 0;
        acc[1] = 0;
        FloatSums.sumAndCentredDot(th, tx, 0, m, 0f, acc);
        float s1 = (float) acc[0];
        float s2 = (float) acc[1];
        float k = (float) (iv / m);
        float mf = m;
        for (int j = 0; j < m; j++) {
            th[j] = k * (mf * th[j] - s1 - tx[j] * s2);
        }
        dx.putFloats(base, th, 0, m);
    }
}
