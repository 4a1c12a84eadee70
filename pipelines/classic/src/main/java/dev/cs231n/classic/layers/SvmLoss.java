package dev.cs231n.classic.layers;

import dev.cs231n.classic.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The course's multiclass SVM (hinge) loss over scores {@code x [N, C]} and labels {@code y [N]}, margin 1:
 * {@code L = (1/N) sum_n sum_{c != y_n} max(0, x[n, c] - x[n, y_n] + 1)}. Gradient: {@code dx[n, c] = [m > 0] / N}
 * for {@code c != y_n} and {@code dx[n, y_n] = -(number of positive margins of n) / N}.
 */
public final class SvmLoss {

    private SvmLoss() {
    }

    /**
     * @param x scores {@code [N, C]}
     * @param y labels, N values in {@code 0 .. C-1}
     * @return the mean loss and {@code dx [N, C]}
     */
    public static LossAndGradient compute(INDArray x, int[] y) {
        INDArray hot = Labels.oneHotLike(x, y, "svm loss");
        long n = x.size(0);
        INDArray correct = x.mul(hot).sum(1).reshape(n, 1);
        INDArray notCorrect = hot.rsub(1.0);
        INDArray margins = Transforms.relu(x.sub(correct).addi(1.0), false).muli(notCorrect);
        double loss = margins.sumNumber().doubleValue() / n;
        INDArray positive = margins.gt(0.0).castTo(x.dataType());
        INDArray count = positive.sum(1).reshape(n, 1);
        INDArray dx = positive.subi(hot.mul(count)).divi(n);
        return new LossAndGradient(loss, dx);
    }
}
