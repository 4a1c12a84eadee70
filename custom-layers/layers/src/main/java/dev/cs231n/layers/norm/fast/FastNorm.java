package dev.cs231n.layers.norm.fast;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime fast path of the normalisation layers: forward pass and closed-form backward pass (the course's "alt"
 * formulas) of batch, layer and group normalisation computed directly on the arrays' off-heap buffers, each in one
 * visit of the data per pass, on up to {@link #threads()} threads. The layers' SameDiff definitions stay their
 * reference; the layers' runtime implementations call this class when {@link #enabled()} and {@link #supports} hold,
 * and their tests assert that both paths agree to rounding in DOUBLE.
 *
 * <p>System properties, read on every call: {@value #PROPERTY}{@code =false} forces the SameDiff path (default
 * {@code true}); {@value #THREADS_PROPERTY}{@code =T} sets the thread count (default: the number of processors,
 * at most ND4J's {@code maxThreads}); {@value #FLOAT_KERNELS_PROPERTY}{@code =false} runs FLOAT arrays through the
 * kernels on {@code double} tiles instead of the {@code float} ones (default {@code true}; for comparisons).
 *
 * <p>Apart from allocating its outputs, the fast path runs no ND4J operation: parameters and gradients are read and
 * written element by element ({@link #values}, {@link #write}), because every native operation wakes libnd4j's
 * worker threads, which then spin for a while on the same cores as this path's threads.
 *
 * <p>Gradients are exact (no release-dependent correction applies: this path does not go through SameDiff's
 * external-errors function). FLOAT arrays run kernels on {@code float} tiles ({@link FloatChannelNorm},
 * {@link FloatRowNorm}): elementwise arithmetic in {@code float}, sums in {@code float} over short runs added in
 * {@code double}, statistics in {@code double}.
 */
public final class FastNorm {

    /** Set to {@code false} to run the layers' SameDiff graphs instead. */
    public static final String PROPERTY = "cs231n.norm.fast";
    /** The number of threads of the fast path. */
    public static final String THREADS_PROPERTY = "cs231n.norm.threads";
    /** Set to {@code false} to run FLOAT arrays through the double-tile kernels. */
    public static final String FLOAT_KERNELS_PROPERTY = "cs231n.norm.floatKernels";

    private FastNorm() {
    }

    /** Batch statistics of one training-mode forward pass, per channel. */
    public record Stats(double[] mean, double[] var, double[] inv) {
    }

    /** Parameter gradients of one backward pass, per channel. */
    public record ParamGrads(double[] dgamma, double[] dbeta) {
    }

    /** @return whether the layers take the fast path (system property {@value #PROPERTY}, default true) */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /**
     * @param a an input or gradient array
     * @return whether the fast path handles its data type and size (FLOAT or DOUBLE, fewer than 2^28 elements)
     */
    public static boolean supports(INDArray a) {
        DataType t = a.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && !a.isEmpty() && a.length() <= Integer.MAX_VALUE / 8;
    }

    /** @return whether a FLOAT array takes the float-tile kernels (system property {@value #FLOAT_KERNELS_PROPERTY}) */
    private static boolean floatKernels(INDArray x) {
        return x.dataType() == DataType.FLOAT
                && !"false".equalsIgnoreCase(System.getProperty(FLOAT_KERNELS_PROPERTY, "true").trim());
    }

    /** @return the fast path's thread count */
    static int threads() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p != null && !p.isBlank()) {
            return Math.max(1, Integer.parseInt(p.trim()));
        }
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                Nd4j.getEnvironment().maxThreads()));
    }

    /**
     * Training-mode batch normalisation: batch statistics per feature of {@code [N, D]} or per channel of NCHW
     * {@code [N, C, H, W]} (biased variance) and {@code out = (x - mean) * (gamma / sqrt(var + eps)) + beta}.
     *
     * @param x     the input, rank 2 or 4
     * @param gamma {@code [C]}
     * @param beta  {@code [C]}
     * @param eps   added to the variance
     * @param out   receives the output: a row-major array of the input's shape and type; null for the statistics
     *              only
     * @return the batch statistics
     */
    public static Stats batchNormForward(INDArray x, INDArray gamma, INDArray beta, double eps, INDArray out) {
        ChannelNorm.Shape s = channelShape(x);
        double[] mean = new double[s.c()];
        double[] var = new double[s.c()];
        double[] inv = new double[s.c()];
        RawArray o = out == null ? null : output(out, x);
        if (floatKernels(x)) {
            FloatChannelNorm.forward(raw(x), s, values(gamma), values(beta), eps, o, mean, var, inv);
        } else {
            ChannelNorm.forward(raw(x), s, values(gamma), values(beta), eps, o, mean, var, inv);
        }
        return new Stats(mean, var, inv);
    }

    /**
     * Inference-mode batch normalisation with fixed statistics:
     * {@code out = (x - mean) * (gamma / sqrt(var + eps)) + beta}.
     *
     * @param x     the input, rank 2 or 4
     * @param gamma {@code [C]}
     * @param beta  {@code [C]}
     * @param mean  the running mean {@code [C]}
     * @param var   the running variance {@code [C]}
     * @param eps   added to the variance
     * @param out   receives the output (row-major, the input's shape and type)
     * @return {@code out}
     */
    public static INDArray batchNormInference(INDArray x, INDArray gamma, INDArray beta, INDArray mean,
            INDArray var, double eps, INDArray out) {
        ChannelNorm.Shape s = channelShape(x);
        double[] g = values(gamma);
        double[] v = values(var);
        double[] scale = new double[s.c()];
        for (int c = 0; c < scale.length; c++) {
            scale[c] = g[c] / Math.sqrt(v[c] + eps);
        }
        if (floatKernels(x)) {
            FloatChannelNorm.affine(raw(x), s, values(mean), scale, values(beta), output(out, x));
        } else {
            ChannelNorm.affine(raw(x), s, values(mean), scale, values(beta), output(out, x));
        }
        return out;
    }

    /**
     * Training-mode batch normalisation backward pass: {@code dx = gamma * inv * (dout - mean(dout) - xhat *
     * mean(dout * xhat))} per channel, {@code dgamma = sum(dout * xhat)}, {@code dbeta = sum(dout)}.
     *
     * @param x     the forward pass's input
     * @param dout  dL/dout, the input's shape
     * @param stats the forward pass's statistics
     * @param gamma {@code [C]}
     * @param dx    receives dL/dx (row-major, the input's shape and type)
     * @return dL/dgamma and dL/dbeta
     */
    public static ParamGrads batchNormBackward(INDArray x, INDArray dout, Stats stats, INDArray gamma, INDArray dx) {
        ChannelNorm.Shape s = channelShape(x);
        double[] dgamma = new double[s.c()];
        double[] dbeta = new double[s.c()];
        if (floatKernels(x)) {
            FloatChannelNorm.backward(raw(x), raw(like(dout, x)), s, stats.mean(), stats.inv(), values(gamma),
                    output(dx, x), dgamma, dbeta);
        } else {
            ChannelNorm.backward(raw(x), raw(like(dout, x)), s, stats.mean(), stats.inv(), values(gamma),
                    output(dx, x), dgamma, dbeta);
        }
        return new ParamGrads(dgamma, dbeta);
    }

    /**
     * Group normalisation of NCHW {@code [N, C, H, W]} with {@code groups} contiguous channel groups, or layer
     * normalisation of {@code [N, D]} ({@code groups = 1}): statistics per example (and group), then
     * {@code out = (x - mean) * inv * gamma + beta} per channel.
     *
     * @param x      the input, rank 2 or 4
     * @param groups {@code G}, dividing {@code C}; 1 for rank 2
     * @param gamma  {@code [C]}
     * @param beta   {@code [C]}
     * @param eps    added to the variance
     * @param out    receives the output (row-major, the input's shape and type)
     * @return the statistics per example and group ({@code [N * G]}; {@code var} is not kept)
     */
    public static Stats rowNormForward(INDArray x, int groups, INDArray gamma, INDArray beta, double eps,
            INDArray out) {
        RowNorm.Shape s = rowShape(x, groups);
        double[] mean = new double[s.rows()];
        double[] inv = new double[s.rows()];
        if (floatKernels(x)) {
            FloatRowNorm.forward(raw(x), s, values(gamma), values(beta), eps, output(out, x), mean, inv);
        } else {
            RowNorm.forward(raw(x), s, values(gamma), values(beta), eps, output(out, x), mean, inv);
        }
        return new Stats(mean, null, inv);
    }

    /**
     * The backward pass of {@link #rowNormForward}.
     *
     * @param x      the forward pass's input
     * @param groups {@code G}
     * @param dout   dL/dout, the input's shape
     * @param stats  the forward pass's statistics
     * @param gamma  {@code [C]}
     * @param dx     receives dL/dx (row-major, the input's shape and type)
     * @return dL/dgamma and dL/dbeta
     */
    public static ParamGrads rowNormBackward(INDArray x, int groups, INDArray dout, Stats stats, INDArray gamma,
            INDArray dx) {
        RowNorm.Shape s = rowShape(x, groups);
        double[] dgamma = new double[s.channels()];
        double[] dbeta = new double[s.channels()];
        if (floatKernels(x)) {
            FloatRowNorm.backward(raw(x), raw(like(dout, x)), s, stats.mean(), stats.inv(), values(gamma),
                    output(dx, x), dgamma, dbeta);
        } else {
            RowNorm.backward(raw(x), raw(like(dout, x)), s, stats.mean(), stats.inv(), values(gamma),
                    output(dx, x), dgamma, dbeta);
        }
        return new ParamGrads(dgamma, dbeta);
    }

    /**
     * @param v a vector (any layout, e.g. a view of a network's parameters)
     * @return its elements
     */
    public static double[] values(INDArray v) {
        double[] r = new double[Math.toIntExact(v.length())];
        for (int i = 0; i < r.length; i++) {
            r[i] = v.getDouble(i);
        }
        return r;
    }

    /**
     * Writes values into a vector element by element (e.g. a view of a network's gradients).
     *
     * @param v      the vector
     * @param values as many values as {@code v} has elements; null writes zeros
     */
    public static void write(INDArray v, double[] values) {
        long n = v.length();
        for (long i = 0; i < n; i++) {
            v.putScalar(i, values == null ? 0.0 : values[(int) i]);
        }
    }

    /**
     * {@code running = momentum * running + (1 - momentum) * batch}, in place, in the course's order of operations.
     *
     * @param running  a running statistic {@code [C]}
     * @param batch    the batch statistic
     * @param momentum the weight of the old value
     */
    public static void updateRunning(INDArray running, double[] batch, double momentum) {
        double[] r = values(running);
        for (int i = 0; i < r.length; i++) {
            r[i] = r[i] * momentum + batch[i] * (1.0 - momentum);
        }
        write(running, r);
    }

    private static ChannelNorm.Shape channelShape(INDArray x) {
        if (x.rank() == 2) {
            return new ChannelNorm.Shape(toInt(x.size(0)), toInt(x.size(1)), 1);
        }
        if (x.rank() == 4) {
            return new ChannelNorm.Shape(toInt(x.size(0)), toInt(x.size(1)), toInt(x.size(2) * x.size(3)));
        }
        throw new IllegalArgumentException("batch norm takes rank 2 or 4, got rank " + x.rank());
    }

    private static RowNorm.Shape rowShape(INDArray x, int groups) {
        long c = x.size(1);
        if ((x.rank() != 2 && x.rank() != 4) || groups <= 0 || c % groups != 0 || (x.rank() == 2 && groups != 1)) {
            throw new IllegalArgumentException("row norm takes [N, D] with 1 group or [N, C, H, W] with G dividing C,"
                    + " got rank " + x.rank() + " with " + groups + " groups");
        }
        long block = x.rank() == 4 ? x.size(2) * x.size(3) : 1;
        return new RowNorm.Shape(toInt(x.size(0) * groups), groups, toInt(c / groups), toInt(block));
    }

    private static int toInt(long v) {
        return Math.toIntExact(v);
    }

    /** Reads {@code a} directly if its layout allows, else a row-major copy (in the current workspace). */
    private static RawArray raw(INDArray a) {
        return RawArray.of(RawArray.isDirect(a) ? a : a.dup('c'));
    }

    /** {@code a} in the data type of {@code ref}. */
    private static INDArray like(INDArray a, INDArray ref) {
        if (a.dataType() != ref.dataType()) {
            return a.castTo(ref.dataType());
        }
        return a;
    }

    private static RawArray output(INDArray out, INDArray x) {
        if (!RawArray.isDirect(out) || out.dataType() != x.dataType() || out.length() != x.length()) {
            throw new IllegalArgumentException("the output must be a row-major " + x.dataType() + " array of "
                    + x.length() + " elements at offset 0, got " + out.dataType() + " " + out.shapeInfoToString());
        }
        return RawArray.of(out);
    }
}
