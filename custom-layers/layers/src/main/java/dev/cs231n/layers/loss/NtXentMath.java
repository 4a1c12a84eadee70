package dev.cs231n.layers.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * NT-Xent in a few fused ND4J calls: the per-anchor losses and the closed-form gradient of their sum, for the
 * input {@code x: [2N, D]} of {@link NtXentLoss} (row {@code k} and row {@code k + N} a positive pair).
 *
 * <p>With {@code z_i = x_i / ||x_i||}, {@code S = Z Z^T}, logits {@code S / tau} with the diagonal excluded
 * ({@code -inf}), {@code P} their row-wise softmax and {@code Z_p} each row's partner:
 * {@code l_i = logsumexp_{j != i}(s_ij / tau) - s_{i,p(i)} / tau}; the gradient of {@code sum_i l_i} is
 * {@code G = ((P + P^T) Z - 2 Z_p) / tau} with respect to Z and {@code (G_i - z_i (z_i . G_i)) / ||x_i||} with
 * respect to {@code x_i}. The log-sum-exp subtracts each row's largest logit, so any temperature is safe.
 * Arrays are allocated in the caller's current workspace, in the input's data type.
 */
public final class NtXentMath {

    private NtXentMath() {
    }

    /**
     * @param x   {@code [2N, D]}, at least 2 pairs (not checked here)
     * @param tau the temperature
     * @return {@code l_i}, {@code [2N, 1]}
     */
    public static INDArray perAnchorLoss(INDArray x, double tau) {
        return new Pass(x, tau).perAnchorLoss();
    }

    /**
     * @param x   {@code [2N, D]}, at least 2 pairs (not checked here)
     * @param tau the temperature
     * @return {@code d(sum_i l_i)/dx}, {@code [2N, D]}
     */
    public static INDArray gradientOfSum(INDArray x, double tau) {
        return new Pass(x, tau).gradientOfSum();
    }

    /**
     * The loss and its gradient from one forward pass.
     *
     * @param sum      {@code sum_i l_i}
     * @param gradient {@code d(sum_i l_i)/dx}, {@code [2N, D]}
     */
    public record SumAndGradient(double sum, INDArray gradient) {
    }

    /**
     * @param x   {@code [2N, D]}, at least 2 pairs (not checked here)
     * @param tau the temperature
     * @return the summed loss and its gradient, sharing one forward pass
     */
    public static SumAndGradient sumAndGradient(INDArray x, double tau) {
        Pass p = new Pass(x, tau);
        return new SumAndGradient(p.perAnchorLoss().sumNumber().doubleValue(), p.gradientOfSum());
    }

    /** One forward pass, kept for the backward pass. */
    private static final class Pass {
        private final double tau;
        private final INDArray norms;
        private final INDArray z;
        private final INDArray partner;
        private final INDArray softmax;
        private final INDArray logDenominator;

        Pass(INDArray x, double tau) {
            this.tau = tau;
            long m = x.size(0);
            long n = m / 2;
            norms = x.norm2(1).reshape(m, 1);
            z = x.divColumnVector(norms);
            INDArray logits = z.mmul(z.transpose()).divi(tau);
            for (long i = 0; i < m; i++) {
                logits.putScalar(i, i, Double.NEGATIVE_INFINITY);
            }
            INDArray rowMax = logits.max(true, 1);
            softmax = Transforms.exp(logits.subiColumnVector(rowMax), false);
            INDArray denominator = softmax.sum(true, 1);
            softmax.diviColumnVector(denominator);
            logDenominator = Transforms.log(denominator, false).addi(rowMax);
            partner = Nd4j.concat(0, z.get(NDArrayIndex.interval(n, m), NDArrayIndex.all()),
                    z.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()));
        }

        INDArray perAnchorLoss() {
            INDArray positive = z.mul(partner).sum(true, 1).divi(tau);
            return logDenominator.sub(positive);
        }

        INDArray gradientOfSum() {
            INDArray dz = softmax.add(softmax.transpose()).mmul(z).subi(partner.mul(2.0)).divi(tau);
            INDArray radial = z.mul(dz).sum(true, 1);
            return dz.subi(z.mulColumnVector(radial)).diviColumnVector(norms);
        }
    }
}
