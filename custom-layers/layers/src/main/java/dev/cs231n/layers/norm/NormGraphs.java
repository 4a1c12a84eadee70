package dev.cs231n.layers.norm;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The SameDiff building blocks the normalisation layers share: centring with the statistics over some axes, and
 * broadcast products written so that their gradients stay on libnd4j's fast kernels.
 */
final class NormGraphs {

    private NormGraphs() {
    }

    /**
     * One input centred by its statistics over some axes.
     *
     * @param xc   {@code x - mean}, the shape of {@code x}
     * @param inv  {@code 1 / sqrt(var + eps)}, shaped like the statistics
     * @param mean the mean over the reduced axes, kept as size-1 dimensions
     * @param var  the biased variance ({@code 1/M} sum of squared deviations) over the reduced axes, kept likewise
     */
    record Centered(SDVariable xc, SDVariable inv, SDVariable mean, SDVariable var) {
    }

    /**
     * Centres {@code x} and computes {@code 1 / sqrt(var + eps)} with the mean and the biased variance over
     * {@code axes}, written with primitive ops so that SameDiff differentiates through the statistics (the
     * training-mode gradient); {@code xhat = xc * inv}.
     *
     * @param sd       the graph
     * @param x        the input
     * @param eps      added to the variance
     * @param meanName the mean's name in the graph (null: generated). A named statistic can be fetched with the
     *                 output; it must stay an intermediate of the graph (no op only for it), because SameDiff infers
     *                 a SameDiff layer's loss from its only terminal variable
     * @param varName  the variance's name in the graph (null: generated)
     * @param axes     the axes reduced over
     * @return the centred input and the statistics
     */
    static Centered center(SameDiff sd, SDVariable x, double eps, String meanName, String varName, int... axes) {
        SDVariable mean = x.mean(meanName, true, axes);
        SDVariable xc = x.sub(mean);
        SDVariable var = xc.mul(xc).mean(varName, true, axes); // square's gradient (pow derivative) is slower
        return new Centered(xc, sd.math().rsqrt(var.add(eps)), mean, var);
    }

    /**
     * {@code a * b} where {@code b} broadcasts against {@code a}, as {@code a * (zeros_like(a) + b)}. The value is
     * the same; the gradient with respect to {@code b} then comes from the broadcast addition's backward op (a
     * reduction) and an elementwise product, instead of libnd4j's broadcast {@code multiply_bp}, which in DL4J
     * 1.0.0-M2.1 runs 20 to 100 times slower than the product itself (about 20 ms against 0.3 ms for
     * {@code [256, 3072] x [1, 3072]} on one core).
     *
     * @param sd the graph
     * @param a  the full-size operand
     * @param b  an operand that broadcasts against {@code a}
     * @return {@code a * b}, the shape of {@code a}
     */
    static SDVariable broadcastMul(SameDiff sd, SDVariable a, SDVariable b) {
        return a.mul(sd.zerosLike(a).add(b));
    }

    /**
     * {@code [N, D] -> [N, 1, D]}, before reducing a feed-forward input (over axis 0 for batch statistics, axis 2
     * for per-example statistics). DL4J 1.0.0-M2.1's SameDiff executor fails (a NullPointerException in
     * {@code BaseReduceOp.noOp}) on a reduction whose input is a vector and which reduces only size-1 dimensions,
     * e.g. the batch mean of a single example {@code [1, D]}; a rank-3 input never takes that path. Keeping
     * {@code D} innermost also keeps libnd4j's broadcasts on their fast path.
     *
     * @param x a rank-2 input {@code [N, D]}
     * @param d its static size {@code D}
     * @return {@code x} as {@code [N, 1, D]}
     */
    static SDVariable toRank3(SDVariable x, long d) {
        return x.reshape(-1, 1, d);
    }

    /**
     * @param v    a per-channel vector {@code [C]}
     * @param rank the rank it must broadcast against
     * @param axis the channel axis there
     * @return {@code v} reshaped to size 1 everywhere but {@code axis}
     */
    static SDVariable along(SDVariable v, int rank, int axis) {
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = i == axis ? -1 : 1;
        }
        return v.reshape(shape);
    }
}
