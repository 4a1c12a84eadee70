package dev.cs231n.pipelines.classic.linear;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The course's multiclass SVM (hinge) loss, {@code svm_loss_vectorized}:
 * {@code L = (1/N) sum_i sum_{j != y_i} max(0, s_ij - s_iy_i + delta)} with {@code delta = 1}. Gradient with respect
 * to the scores: {@code dL/ds_ij = [m_ij > 0] / N} for {@code j != y_i} and {@code dL/ds_iy_i = -(1/N) sum_{j != y_i}
 * [m_ij > 0]}, where {@code m} are the margins (a margin of exactly 0 counts as inactive, as in the course).
 */
public final class MulticlassSvmLoss implements ScoreLoss {

    /** The margin, {@code delta = 1} as in the course. */
    public static final double DELTA = 1.0;

    @Override
    public String name() {
        return "svm";
    }

    @Override
    public LossAndGradient evaluate(INDArray scores, INDArray yOneHot) {
        ScoreLoss.check(scores, yOneHot);
        long n = scores.size(0);
        INDArray correct = scores.mul(yOneHot).sum(true, 1);
        // margins s_ij - s_iy_i + delta, zeroed at the correct class, clamped at 0
        INDArray margins = scores.subColumnVector(correct).addi(DELTA).muli(yOneHot.rsub(1.0));
        Transforms.max(margins, 0.0, false);
        double loss = margins.sumNumber().doubleValue() / n;
        INDArray active = margins.gt(0.0).castTo(scores.dataType());
        INDArray perRow = active.sum(true, 1);
        INDArray grad = active.subi(yOneHot.mulColumnVector(perRow)).divi(n);
        return new LossAndGradient(loss, grad);
    }
}
