package dev.cs231n.classic.linear;

import dev.cs231n.classic.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's multiclass SVM (hinge) loss, {@code svm_loss_vectorized}:
 * {@code L = (1/N) sum_i sum_{j != y_i} max(0, s_ij - s_iy_i + delta)} with {@code delta = 1}. Gradient with respect
 * to the scores: {@code dL/ds_ij = [m_ij > 0] / N} for {@code j != y_i} and {@code dL/ds_iy_i = -(1/N) sum_{j != y_i}
 * [m_ij > 0]}, where {@code m} are the margins (a margin of exactly 0 counts as inactive, as in the course).
 */
public final class MulticlassSvmLoss implements ScoreLoss {

    @Override
    public String name() {
        return "svm";
    }

    @Override
    public LossAndGradient evaluate(INDArray scores, INDArray yOneHot) {
        ScoreLoss.check(scores, yOneHot);
        // One implementation of the course's loss: the two-layer net's score layer.
        dev.cs231n.classic.layers.ScoreLoss r =
                dev.cs231n.classic.layers.SvmLoss.compute(scores, Labels.argMax(yOneHot));
        return new LossAndGradient(r.loss(), r.dscores());
    }
}
