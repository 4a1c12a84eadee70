package dev.cs231n.pipelines.classic.linear;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
        long n = scores.size(0);
        INDArray shifted = scores.subColumnVector(scores.max(true, 1));
        INDArray exp = Transforms.exp(shifted, true);
        INDArray sumExp = exp.sum(true, 1);
        double logSum = Transforms.log(sumExp, true).sumNumber().doubleValue();
        double correct = shifted.mul(yOneHot).sumNumber().doubleValue();
        double loss = (logSum - correct) / n;
        INDArray grad = exp.diviColumnVector(sumExp).subi(yOneHot).divi(n);
        return new LossAndGradient(loss, grad);
    }
}
