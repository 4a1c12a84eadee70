package dev.cs231n.classic.linear;

import dev.cs231n.classic.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's softmax (cross-entropy) loss, {@code softmax_loss_vectorized}:
 * {@code L = -(1/N) sum_i log p_iy_i} with {@code p_ij = exp(s_ij) / sum_k exp(s_ik)}, computed on scores shifted by
 * their row maximum (which changes nothing mathematically and keeps {@code exp} finite). Gradient with respect to the
 * scores: {@code dL/ds = (p - onehot(y)) / N}.
 */
public final class SoftmaxLoss implements ScoreLoss {

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public LossAndGradient evaluate(INDArray scores, INDArray yOneHot) {
        ScoreLoss.check(scores, yOneHot);
        // One implementation of the course's loss: the two-layer net's score layer.
        dev.cs231n.classic.layers.ScoreLoss r =
                dev.cs231n.classic.layers.SoftmaxLoss.compute(scores, Labels.argMax(yOneHot));
        return new LossAndGradient(r.loss(), r.dscores());
    }
}
