package dev.cs231n.classic.layers;

import dev.cs231n.classic.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The course's softmax (cross-entropy) loss over scores {@code x [N, C]} and labels {@code y [N]}:
 * {@code L = -(1/N) sum_n log p[n, y_n]} with {@code p[n, :] = softmax(x[n, :])}, computed from the shifted
 * scores {@code x - max_c x} for stability. Gradient: {@code dx = (p - onehot(y)) / N}.
 */
public final class SoftmaxLoss {

    private SoftmaxLoss() {
    }

    /**
     * @param x scores {@code [N, C]}
     * @param y labels, N values in {@code 0 .. C-1}
     * @return the mean loss and {@code dx [N, C]}
     */
    public static LossAndGradient compute(INDArray x, int[] y) {
        INDArray hot = Labels.oneHotLike(x, y, "softmax loss");
        long n = x.size(0);
        INDArray shifted = x.sub(x.max(1).reshape(n, 1));
        INDArray logZ = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(n, 1);
        INDArray logProbs = shifted.subi(logZ);
        double loss = -logProbs.mul(hot).sumNumber().doubleValue() / n;
        INDArray dx = Transforms.exp(logProbs, false).subi(hot).divi(n);
        return new LossAndGradient(loss, dx);
    }
}
