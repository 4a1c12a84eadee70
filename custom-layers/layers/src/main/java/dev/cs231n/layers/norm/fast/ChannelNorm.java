package dev.cs231n.layers.norm.fast;

/**
 * Batch normalisation kernels on an array viewed as {@code [A, C, B]} in row-major order, with statistics per
 * channel {@code c} over {@code M = A * B} elements: feed-forward {@code [N, D]} is {@code A = N, C = D, B = 1}; NCHW
 * {@code [N, C, H, W]} is {@code A = N, B = H * W}. Channels are independent, so each thread owns a range of
 * channels and computes everything about them (statistics, output, gradients) in one visit, in a fixed order.
 *
 * <pre>
 * forward:  mu = mean(x),  s2 = mean((x - mu)^2)  (biased),  inv = 1 / sqrt(s2 + eps)
 *           out = (x - mu) * (inv * gamma) + beta
 * backward: dbeta = sum(dout),  dgamma = sum(dout * xhat),  xhat = (x - mu) * inv
 *           dx = (gamma * inv) * (dout - dbeta / M - xhat * dgamma / M)      (the course's batchnorm_backward_alt)
 * </pre>
 * The moments are accumulated in {@code double} in one pass, shifted by the channel's first element ({@code
 * sum(x - k)}, {@code sum((x - k)^2)}), which keeps the variance accurate without a second pass.
 */
final class ChannelNorm {

    /** Elements per tile of the per-channel loops ({@code B > 1}). */
    private static final int TILE = 4096;
    /** Channels per column block of the feed-forward loops ({@code B = 1}): a block of all rows stays in cache. */
    private static final int COLUMNS = 256;

    private ChannelNorm() {
    }

    /** The shape {@code [A, C, B]}. */
    record Shape(int a, int c, int b) {
        long m() {
            return (long) a * b;
        }
    }

    /**
     * Training-mode forward pass: batch statistics, and the output unless {@code out} is null.
     *
     * @param x     the input
     * @param s     its shape
     * @param gamma {@code [C]}
     * @param beta  {@code [C]}
     * @param eps   added to the variance
     * @param out   the output (same shape), or null for the statistics only
     * @param mean  receives the batch mean {@code [C]}
     * @param var   receives the biased batch variance {@code [C]}
     * @param inv   receives {@code 1 / sqrt(var + eps)}
     */
    static void forward(RawArray x, Shape s, double[] gamma, double[] beta, double eps, RawArray out, double[] mean,
            double[] var, double[] inv) {
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
            double[] t = new double[Math.min(TILE, s.b())];
            double[] acc = new double[2];
            for (int c = from; c < to; c++) {
                double k = first(x, s, c, t);
                acc[0] = 0;
                acc[1] = 0;
                for (int a = 0; a < s.a(); a++) {
                    long base = ((long) a * s.c() + c) * s.b();
                    for (int done = 0; done < s.b(); done += t.length) {
                        int n = Math.min(t.length, s.b() - done);
                        x.get(base + done, t, 0, n);
                        Sums.shiftedMoments(t, 0, n, k, acc);
                    }
                }
                moments(k, acc[0], acc[1], s.m(), eps, c, mean, var, inv);
                if (out != null) {
                    affineChannel(x, s, c, mean[c], inv[c] * gamma[c], beta[c], out, t);
                }
            }
        });
    }

    /**
     * Inference-mode output {@code out = (x - center) * scale + shift} per channel.
     *
     * @param x      the input
     * @param s      its shape
     * @param center {@code [C]}
     * @param scale  {@code [C]}
     * @param shift  {@code [C]}
     * @param out    the output (same shape)
     */
    static void affine(RawArray x, Shape s, double[] center, double[] scale, double[] shift, RawArray out) {
        if (s.b() == 1) {
            Parallel.forRange(blocks(s.c()), (long) s.a() * COLUMNS, (from, to) -> {
                for (int blk = from; blk < to; blk++) {
                    int c0 = blk * COLUMNS;
                    affineColumns(x, s, c0, Math.min(s.c(), c0 + COLUMNS), center, scale, shift, out,
                            new double[COLUMNS]);
                }
            });
            return;
        }
        Parallel.forRange(s.c(), s.m(), (from, to) -> {
            double[] t = new double[Math.min(TILE, s.b())];
            for (int c = from; c < to; c++) {
                affineChannel(x, s, c, center[c], scale[c], shift[c], out, t);
            }
        });
    }

    /**
     * Training-mode backward pass (the closed form above).
     *
     * @param x      the forward pass's input
     * @param g      dL/dout, the same shape
     * @param s      the shape
     * @param mean   the batch mean {@code [C]}
     * @param inv    {@code 1 / sqrt(var + eps)} {@code [C]}
     * @param gamma  {@code [C]}
     * @param dx     receives dL/dx (may be {@code g} itself)
     * @param dgamma receives dL/dgamma {@code [C]}
     * @param dbeta  receives dL/dbeta {@code [C]}
     */
    static void backward(RawArray x, RawArray g, Shape s, double[] mean, double[] inv, double[] gamma, RawArray dx,
            double[] dgamma, double[] dbeta) {
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
            double[] tx = new double[len];
            double[] tg = new double[len];
            double[] acc = new double[2];
            for (int c = from; c < to; c++) {
                double mu = mean[c];
                acc[0] = 0;
                acc[1] = 0;
                for (int a = 0; a < s.a(); a++) {
                    long base = ((long) a * s.c() + c) * s.b();
                    for (int done = 0; done < s.b(); done += len) {
                        int n = Math.min(len, s.b() - done);
                        x.get(base + done, tx, 0, n);
                        g.get(base + done, tg, 0, n);
                        Sums.sumAndCentredDot(tg, tx, 0, n, mu, acc);
                    }
                }
                double sb = acc[0];
                double sxg = acc[1];
                dbeta[c] = sb;
                dgamma[c] = sxg * inv[c];
                double k0 = gamma[c] * inv[c];
                double k1 = sb / m;
                double k2 = dgamma[c] / m * inv[c];
                for (int a = 0; a < s.a(); a++) {
                    long base = ((long) a * s.c() + c) * s.b();
                    for (int done = 0; done < s.b(); done += len) {
                        int n = Math.min(len, s.b() - done);
                        x.get(base + done, tx, 0, n);
                        g.get(base + done, tg, 0, n);
                        for (int i = 0; i < n; i++) {
                            tg[i] = k0 * (tg[i] - k1 - (tx[i] - mu) * k2);
                        }
                        dx.put(base + done, tg, 0, n);
                    }
                }
            }
        });
    }

    private static int blocks(int columns) {
        return (columns + COLUMNS - 1) / COLUMNS;
    }

    /** The channel's first element, the shift of its moment sums. */
    private static double first(RawArray x, Shape s, int c, double[] t) {
        x.get((long) c * s.b(), t, 0, 1);
        return t[0];
    }

    private static void moments(double k, double s1, double s2, long count, double eps, int c, double[] mean,
            double[] var, double[] inv) {
        double d = s1 / count;
        double v = Math.max(0.0, s2 / count - d * d);
        mean[c] = k + d;
        var[c] = v;
        inv[c] = 1.0 / Math.sqrt(v + eps);
    }

    private static void affineChannel(RawArray x, Shape s, int c, double center, double scale, double shift,
            RawArray out, double[] t) {
        for (int a = 0; a < s.a(); a++) {
            long base = ((long) a * s.c() + c) * s.b();
            for (int done = 0; done < s.b(); done += t.length) {
                int n = Math.min(t.length, s.b() - done);
                x.get(base + done, t, 0, n);
                for (int i = 0; i < n; i++) {
                    t[i] = (t[i] - center) * scale + shift;
                }
                out.put(base + done, t, 0, n);
            }
        }
    }

    private static void forwardColumns(RawArray x, Shape s, int c0, int c1, double[] gamma, double[] beta,
            double eps, RawArray out, double[] mean, double[] var, double[] inv) {
        int w = c1 - c0;
        double[] k = new double[w];
        double[] s1 = new double[w];
        double[] s2 = new double[w];
        double[] t = new double[w];
        x.get(c0, k, 0, w);
        for (int a = 0; a < s.a(); a++) {
            x.get((long) a * s.c() + c0, t, 0, w);
            for (int j = 0; j < w; j++) {
                double d = t[j] - k[j];
                s1[j] += d;
                s2[j] += d * d;
            }
        }
        for (int j = 0; j < w; j++) {
            moments(k[j], s1[j], s2[j], s.m(), eps, c0 + j, mean, var, inv);
        }
        if (out != null) {
            double[] scale = new double[s.c()];
            for (int c = c0; c < c1; c++) {
                scale[c] = inv[c] * gamma[c];
            }
            affineColumns(x, s, c0, c1, mean, scale, beta, out, t);
        }
    }

    private static void affineColumns(RawArray x, Shape s, int c0, int c1, double[] center, double[] scale,
            double[] shift, RawArray out, double[] t) {
        int w = c1 - c0;
        for (int a = 0; a < s.a(); a++) {
            long base = (long) a * s.c() + c0;
            x.get(base, t, 0, w);
            for (int j = 0; j < w; j++) {
                int c = c0 + j;
                t[j] = (t[j] - center[c]) * scale[c] + shift[c];
            }
            out.put(base, t, 0, w);
        }
    }

    private static void backwardColumns(RawArray x, RawArray g, Shape s, int c0, int c1, double[] mean,
            double[] inv, double[] gamma, RawArray dx, double[] dgamma, double[] dbeta) {
        int w = c1 - c0;
        double[] sb = new double[w];
        double[] sxg = new double[w];
        double[] tx = new double[w];
        double[] tg = new double[w];
        for (int a = 0; a < s.a(); a++) {
            long base = (long) a * s.c() + c0;
            x.get(base, tx, 0, w);
            g.get(base, tg, 0, w);
            for (int j = 0; j < w; j++) {
                sb[j] += tg[j];
                sxg[j] += tg[j] * (tx[j] - mean[c0 + j]);
            }
        }
        double m = s.m();
        double[] k0 = new double[w];
        double[] k1 = new double[w];
        double[] k2 = new double[w];
        double[] mu = new double[w];
        for (int j = 0; j < w; j++) {
            int c = c0 + j;
            dbeta[c] = sb[j];
            dgamma[c] = sxg[j] * inv[c];
            k0[j] = gamma[c] * inv[c];
            k1[j] = sb[j] / m;
            k2[j] = dgamma[c] / m * inv[c];
            mu[j] = mean[c];
        }
        for (int a = 0; a < s.a(); a++) {
            long base = (long) a * s.c() + c0;
            x.get(base, tx, 0, w);
            g.get(base, tg, 0, w);
            for (int j = 0; j < w; j++) {
                tg[j] = k0[j] * (tg[j] - k1[j] - (tx[j] - mu[j]) * k2[j]);
            }
            dx.put(base, tg, 0, w);
        }
    }
}
