package dev.cs231n.layers.norm.fast;

/**
 * {@link ChannelNorm} for FLOAT arrays: the same passes and formulas on {@code float[]} tiles read from and written
 * to the buffers without conversion (JDK 17 does not vectorise the float/double conversions of {@link RawArray#get};
 * they were about a third of the DOUBLE-tile kernels' time on FLOAT data). Elementwise arithmetic is in
 * {@code float}; sums run in {@code float} over short runs and are added in {@code double} (feed-forward columns:
 * every {@link #ROWS} rows; planes: {@link FloatSums}); the statistics and the per-channel coefficients are computed
 * in {@code double} and rounded once to {@code float}. Results agree with the DOUBLE kernels to float rounding, and
 * do not depend on the thread count (each channel is reduced by one thread in a fixed order).
 */
final class FloatChannelNorm {

    /** Elements per tile of the per-channel loops ({@code B > 1}). */
    private static final int TILE = 4096;
    /** Channels per column block of the feed-forward loops ({@code B = 1}). */
    private static final int COLUMNS = 256;
    /** Rows of a column block summed in {@code float} before the partial sums are added in {@code double}. */
    private static final int ROWS = 16;

    private FloatChannelNorm() {
    }

    /**
     * Training-mode forward pass, as {@link ChannelNorm#forward}.
     *
     * @param x     the input (FLOAT)
     * @param s     its shape
     * @param gamma {@code [C]}
     * @param beta  {@code [C]}
     * @param eps   added to the variance
     * @param out   the output (FLOAT, same shape), or null for the statistics only
     * @param mean  receives the batch mean {@code [C]}
     * @param var   receives the biased batch variance {@code [C]}
     * @param inv   receives {@code 1 / sqrt(var + eps)}
     */
    static void forward(RawArray x, ChannelNorm.Shape s, double[] gamma, double[] beta, double eps, RawArray out,
            double[] mean, double[] var, double[] inv) {
        if (s.b() == 1) {
            Parallel.forRange(blocks(s.c()), (long) s.a() * COLUMNS, (from, to) -> {
                for (int blk = from; blk < to; blk++) {
                    forwardColumns(x, s, blk * COLUMNS, Math.min(s.c(), (blk + 1) * COLUMNS), gamma, beta, eps, out,
                            mean, var, inv);
                }
            });
            return;
        }
        Parallel.forRange(s.c(), s.m(), (from, to) -> {
            float[] t = new float[Math.min(TILE, s.b())];
            double[] acc = new double[2];
            for (int c = from; c < to; c++) {
                x.getFloats((long) c * s.b(), t, 0, 1);
                float k = t[0];
                acc[0] = 0;
                acc[1] = 0;
                for (int a = 0; a < s.a(); a++) {
                    long base = ((long) a * s.c() + c) * s.b();
                    for (int done = 0; done < s.b(); done += t.length) {
                        int n = Math.min(t.length, s.b() - done);
                        x.getFloats(base + done, t, 0, n);
                        FloatSums.shiftedMoments(t, 0, n, k, acc);
                    }
                }
                moments(k, acc[0], acc[1], s.m(), eps, c, mean, var, inv);
                if (out != null) {
                    affineChannel(x, s, c, (float) mean[c], (float) (inv[c] * gamma[c]), (float) beta[c], out, t);
                }
            }
        });
    }

    /**
     * Inference-mode output {@code out = (x - center) * scale + shift} per channel, as {@link ChannelNorm#affine}.
     *
     * @param x      the input (FLOAT)
     * @param s      its shape
     * @param center {@code [C]}
     * @param scale  {@code [C]}
     * @param shift  {@code [C]}
     * @param out    the output (FLOAT, same shape)
     */
    static void affine(RawArray x, ChannelNorm.Shape s, double[] center, double[] scale, double[] shift,
            RawArray out) {
        if (s.b() == 1) {
            float[] cf = narrow(center);
            float[] sf = narrow(scale);
            float[] hf = narrow(shift);
            Parallel.forRange(blocks(s.c()), (long) s.a() * COLUMNS, (from, to) -> {
                float[] t = new float[COLUMNS];
                for (int blk = from; blk < to; blk++) {
                    int c0 = blk * COLUMNS;
                    affineColumns(x, s, c0, Math.min(s.c(), c0 + COLUMNS), cf, sf, hf, out, t);
                }
            });
            return;
        }
        Parallel.forRange(s.c(), s.m(), (from, to) -> {
            float[] t = new float[Math.min(TILE, s.b())];
            for (int c = from; c < to; c++) {
                affineChannel(x, s, c, (float) center[c], (float) scale[c], (float) shift[c], out, t);
            }
        });
    }

    /**
     * Training-mode backward pass, as {@link ChannelNorm#backward}.
     *
     * @param x      the forward pass's input (FLOAT)
     * @param g      dL/dout (FLOAT), the same shape
     * @param s      the shape
     * @param mean   the batch mean {@code [C]}
     * @param inv    {@code 1 / sqrt(var + eps)} {@code [C]}
     * @param gamma  {@code [C]}
     * @param dx     receives dL/dx (FLOAT; may be {@code g} itself)
     * @param dgamma receives dL/dgamma {@code [C]}
     * @param dbeta  receives dL/dbeta {@code [C]}
     */
    static void backward(RawArray x, RawArray g, ChannelNorm.Shape s, double[] mean, double[] inv, double[] gamma,
            RawArray dx, double[] dgamma, double[] dbeta) {
        if (s.b() == 1) {
            Parallel.forRange(blocks(s.c()), 2L * s.a() * COLUMNS, (from, to) -> {
                for (int blk = from; blk < to; blk++) {
                    backwardColumns(x, g, s, blk * COLUMNS, Math.min(s.c(), (blk + 1) * COLUMNS), mean, inv, gamma,
                            dx, dgamma, dbeta);
                }
            });
            return;
        }
        double m = s.m();
        Parallel.forRange(s.c(), 2 * s.m(), (from, to) -> {
            int len = Math.min(TILE, s.b());
            float[] tx = new float[len];
            float[] tg = new float[len];
            double[] acc = new double[2];
            for (int c = from; c < to; c++) {
                float mu = (float) mean[c];
                acc[0] = 0;
                acc[1] = 0;
                for (int a = 0; a < s.a(); a++) {
                    long base = ((long) a * s.c() + c) * s.b();
                    for (int done = 0; done < s.b(); done += len) {
                        int n = Math.min(len, s.b() - done);
                        x.getFloats(base + done, tx, 0, n);
                        g.getFloats(base + done, tg, 0, n);
                        FloatSums.sumAndCentredDot(tg, tx, 0, n, mu, acc);
                    }
                }
                double sb = acc[0];
                // sum(g * (x - mu)) with mu rounded to float; the exact mean's correction is sb * (mu - mean)
                double sxg = acc[1] + sb * ((double) mu - mean[c]);
                dbeta[c] = sb;
                dgamma[c] = sxg * inv[c];
                float k0 = (float) (gamma[c] * inv[c]);
                float k1 = (float) (sb / m);
                float k2 = (float) (dgamma[c] / m * inv[c]);
                for (int a = 0; a < s.a(); a++) {
                    long base = ((long) a * s.c() + c) * s.b();
                    for (int done = 0; done < s.b(); done += len) {
                        int n = Math.min(len, s.b() - done);
                        x.getFloats(base + done, tx, 0, n);
                        g.getFloats(base + done, tg, 0, n);
                        for (int i = 0; i < n; i++) {
                            tg[i] = k0 * (tg[i] - k1 - (tx[i] - mu) * k2);
                        }
                        dx.putFloats(base + done, tg, 0, n);
                    }
                }
            }
        });
    }

    private static int blocks(int columns) {
        return (columns + COLUMNS - 1) / COLUMNS;
    }

    private static float[] narrow(double[] v) {
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (float) v[i];
        }
        return r;
    }

    /** As {@link ChannelNorm}'s: the moments of values shifted by {@code k} (here a float). */
    private static void moments(double k, double s1, double s2, long count, double eps, int c, double[] mean,
            double[] var, double[] inv) {
        double d = s1 / count;
        double v = Math.max(0.0, s2 / count - d * d);
        mean[c] = k + d;
        var[c] = v;
        inv[c] = 1.0 / Math.sqrt(v + eps);
    }

    private static void affineChannel(RawArray x, ChannelNorm.Shape s, int c, float center, float scale, float shift,
            RawArray out, float[] t) {
        for (int a = 0; a < s.a(); a++) {
            long base = ((long) a * s.c() + c) * s.b();
            for (int done = 0; done < s.b(); done += t.length) {
                int n = Math.min(t.length, s.b() - done);
                x.getFloats(base + done, t, 0, n);
                for (int i = 0; i < n; i++) {
                    t[i] = (t[i] - center) * scale + shift;
                }
                out.putFloats(base + done, t, 0, n);
            }
        }
    }

    private static void forwardColumns(RawArray x, ChannelNorm.Shape s, int c0, int c1, double[] gamma,
            double[] beta, double eps, RawArray out, double[] mean, double[] var, double[] inv) {
        int w = c1 - c0;
        float[] k = new float[w];
        float[] p1 = new float[w];
        float[] p2 = new float[w];
        double[] s1 = new double[w];
        double[] s2 = new double[w];
        float[] t = new float[w];
        x.getFloats(c0, k, 0, w);
        for (int a0 = 0; a0 < s.a(); a0 += ROWS) {
            int a1 = Math.min(s.a(), a0 + ROWS);
            for (int a = a0; a < a1; a++) {
                x.getFloats((long) a * s.c() + c0, t, 0, w);
                for (int j = 0; j < w; j++) {
                    float d = t[j] - k[j];
                    p1[j] += d;
                    p2[j] += d * d;
                }
            }
            for (int j = 0; j < w; j++) {
                s1[j] += p1[j];
                s2[j] += p2[j];
                p1[j] = 0;
                p2[j] = 0;
            }
        }
        for (int j = 0; j < w; j++) {
            moments(k[j], s1[j], s2[j], s.m(), eps, c0 + j, mean, var, inv);
        }
        if (out != null) {
            float[] center = new float[w];
            float[] scale = new float[w];
            float[] shift = new float[w];
            for (int j = 0; j < w; j++) {
                int c = c0 + j;
                center[j] = (float) mean[c];
                scale[j] = (float) (inv[c] * gamma[c]);
                shift[j] = (float) beta[c];
            }
            affineBlock(x, s, c0, w, center, scale, shift, out, t);
        }
    }

    /** {@code out = (x - center) * scale + shift} on the columns {@code [c0, c0 + w)}, coefficients of the block. */
    private static void affineBlock(RawArray x, ChannelNorm.Shape s, int c0, int w, float[] center, float[] scale,
            float[] shift, RawArray out, float[] t) {
        for (int a = 0; a < s.a(); a++) {
            long base = (long) a * s.c() + c0;
            x.getFloats(base, t, 0, w);
            for (int j = 0; j < w; j++) {
                t[j] = (t[j] - center[j]) * scale[j] + shift[j];
            }
            out.putFloats(base, t, 0, w);
        }
    }

    /** As {@link #affineBlock} with coefficients indexed by channel. */
    private static void affineColumns(RawArray x, ChannelNorm.Shape s, int c0, int c1, float[] center, float[] scale,
            float[] shift, RawArray out, float[] t) {
        int w = c1 - c0;
        float[] ce = new float[w];
        float[] sc = new float[w];
        float[] sh = new float[w];
        System.arraycopy(center, c0, ce, 0, w);
        System.arraycopy(scale, c0, sc, 0, w);
        System.arraycopy(shift, c0, sh, 0, w);
        affineBlock(x, s, c0, w, ce, sc, sh, out, t);
    }

    private static void backwardColumns(RawArray x, RawArray g, ChannelNorm.Shape s, int c0, int c1, double[] mean,
            double[] inv, double[] gamma, RawArray dx, double[] dgamma, double[] dbeta) {
        int w = c1 - c0;
        float[] mu = new float[w];
        for (int j = 0; j < w; j++) {
            mu[j] = (float) mean[c0 + j];
        }
        float[] p1 = new float[w];
        float[] p2 = new float[w];
        double[] sb = new double[w];
        double[] sxg = new double[w];
        float[] tx = new float[w];
        float[] tg = new float[w];
        for (int a0 = 0; a0 < s.a(); a0 += ROWS) {
            int a1 = Math.min(s.a(), a0 + ROWS);
            for (int a = a0; a < a1; a++) {
                long base = (long) a * s.c() + c0;
                x.getFloats(base, tx, 0, w);
                g.getFloats(base, tg, 0, w);
                for (int j = 0; j < w; j++) {
                    p1[j] += tg[j];
                    p2[j] += tg[j] * (tx[j] - mu[j]);
                }
            }
            for (int j = 0; j < w; j++) {
                sb[j] += p1[j];
                sxg[j] += p2[j];
                p1[j] = 0;
                p2[j] = 0;
            }
        }
        double m = s.m();
        float[] k0 = new float[w];
        float[] k1 = new float[w];
        float[] k2 = new float[w];
        for (int j = 0; j < w; j++) {
            int c = c0 + j;
            double sx = sxg[j] + sb[j] * ((double) mu[j] - mean[c]);
            dbeta[c] = sb[j];
            dgamma[c] = sx * inv[c];
            k0[j] = (float) (gamma[c] * inv[c]);
            k1[j] = (float) (sb[j] / m);
            k2[j] = (float) (dgamma[c] / m * inv[c]);
        }
        for (int a = 0; a < s.a(); a++) {
            long base = (long) a * s.c() + c0;
            x.getFloats(base, tx, 0, w);
            g.getFloats(base, tg, 0, w);
            for (int j = 0; j < w; j++) {
                tg[j] = k0[j] * (tg[j] - k1[j] - (tx[j] - mu[j]) * k2[j]);
            }
            dx.putFloats(base, tg, 0, w);
        }
    }
}
