package dev.cs231n.classic.layers;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's data losses over class scores {@code [N, C]} and N integer labels, averaged over the examples, with
 * their gradient with respect to the scores (no regularisation: the classifier adds it): the multiclass SVM
 * ({@link SvmLoss}) and softmax ({@link SoftmaxLoss}). Each has a short {@link #id()} ({@code svm}, {@code softmax})
 * that the linear classifiers' model file stores and their metrics report.
 */
public enum DataLoss {
    /** The multiclass SVM (hinge) loss, margin 1: {@link SvmLoss}. */
    SVM("svm"),
    /** The softmax (cross-entropy) loss: {@link SoftmaxLoss}. */
    SOFTMAX("softmax");

    private final String id;

    DataLoss(String id) {
        this.id = id;
    }

    /** @return the loss's short lower-case name, as stored in a model file: {@code svm} or {@code softmax} */
    public String id() {
        return id;
    }

    /**
     * @param scores {@code [N, C]}
     * @param y      N labels in {@code 0 .. C-1}
     * @return the mean loss and {@code dloss/dscores [N, C]}, in the scores' type
     */
    public LossAndGradient compute(INDArray scores, int[] y) {
        return switch (this) {
            case SVM -> SvmLoss.compute(scores, y);
            case SOFTMAX -> SoftmaxLoss.compute(scores, y);
        };
    }

    /**
     * @param id {@code svm} or {@code softmax}
     * @return that loss
     * @throws IllegalArgumentException naming the known ids when there is none of that name
     */
    public static DataLoss byId(String id) {
        for (DataLoss l : values()) {
            if (l.id.equals(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + id + "'; known: "
                + Arrays.stream(values()).map(DataLoss::id).collect(Collectors.joining(", ")));
    }
}
