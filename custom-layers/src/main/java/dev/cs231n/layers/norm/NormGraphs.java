package dev.cs231n.layers.norm;

import java.util.Arrays;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The SameDiff building blocks the normalisation layers share: standardisation and the per-channel affine map. */
final class NormGraphs {

    private NormGraphs() {
    }

    /**
     * The statistics of one standardisation.
     *
     * @param xhat {@code (x - mean) / sqrt(var + eps)}, the shape of {@code x}
     * @param mean the mean over the reduced axes, kept as size-1 dimensions
     * @param var  the biased variance ({@code 1/M} sum of squared deviations) over the reduced axes, kept likewise
     */
    record Standardized(SDVariable xhat, SDVariable mean, SDVariable var) {
    }

    /**
     * {@code xhat = (x - mean) / sqrt(var + eps)} with the mean and the biased variance over {@code axes}, written
     * with primitive ops so that SameDiff differentiates through the statistics (the train-mode gradient).
     *
     * @param sd       the graph
     * @param x        the input
     * @param eps      added to the variance
     * @param meanName the mean's name in the graph (null: generated). A named statistic can be fetched with the
     *                 output; it must stay an intermediate of the graph (no op only for it), because SameDiff infers
     *                 a SameDiff layer's loss from its only terminal variable
     * @param varName  the variance's name in the graph (null: generated)
     * @param axes     the axes reduced over
     * @return xhat and the statistics
     */
    static Standardized standardize(SameDiff sd, SDVariable x, double eps, String meanName, String varName,
            int... axes) {
        SDVariable mean = x.mean(meanName, true, axes);
        SDVariable xc = x.sub(mean);
        SDVariable var = xc.mul(xc).mean(varName, true, axes);
        SDVariable xhat = xc.mul(sd.math().rsqrt(var.add(eps)));
        return new Standardized(xhat, mean, var);
    }

    /**
     * {@code [N, D] -> [N, D, 1]}, before reducing a feed-forward input. DL4J 1.0.0-M2.1's SameDiff executor fails
     * (a NullPointerException in {@code BaseReduceOp.noOp}) on a reduction whose input is a vector and which
     * reduces only size-1 dimensions, e.g. the batch mean of a single example {@code [1, D]} or the feature mean of
     * {@code [N, 1]}; a rank-3 input never takes that path.
     *
     * @param x a rank-2 input {@code [N, D]}
     * @param d its static size {@code D}
     * @return {@code x} as {@code [N, D, 1]}
     */
    static SDVariable toRank3(SDVariable x, long d) {
        return x.reshape(-1, d, 1);
    }

    /**
     * {@code out = xhat * gamma + beta} with {@code gamma, beta: [C]} applied along dimension 1 of {@code xhat}.
     *
     * @param sd    the graph
     * @param name  the output's name
     * @param xhat  the standardised input, rank 2 {@code [N, C]} or rank 4 {@code [N, C, H, W]}
     * @param gamma the scale {@code [C]}
     * @param beta  the shift {@code [C]}
     * @param rank  the rank of {@code xhat}
     * @return the output
     */
    static SDVariable affine(SameDiff sd, String name, SDVariable xhat, SDVariable gamma, SDVariable beta, int rank) {
        if (rank == 2) {
            return xhat.mul(gamma).add(name, beta);
        }
        long[] bshape = new long[rank];
        Arrays.fill(bshape, 1);
        bshape[1] = -1;
        return xhat.mul(gamma.reshape(bshape)).add(name, beta.reshape(bshape));
    }
}
