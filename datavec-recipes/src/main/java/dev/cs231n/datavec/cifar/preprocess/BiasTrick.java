package dev.cs231n.datavec.cifar.preprocess;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bias trick for linear classifiers: appends a column of ones, {@code [N, D] -> [N, D + 1]}, so that
 * {@code x W} with {@code W} of shape {@code [D + 1, C]} includes the bias as its last row. Rank-4
 * features {@code [N, 3, 32, 32]} are first flattened to {@code [N, 3072]} (CHW order), so the output is
 * always {@code [N, 3073]} for images. Stateless; apply it last.
 */
public final class BiasTrick implements CifarPreprocessor {

    private static final long serialVersionUID = 1L;

    /** The single instance (it has no state). */
    public static final BiasTrick INSTANCE = new BiasTrick();

    private BiasTrick() {
    }

    @Override
    public INDArray transform(INDArray features) {
        INDArray matrix = FeatureShapes.asMatrix(features);
        INDArray ones = Nd4j.ones(features.dataType(), matrix.size(0), 1);
        return Nd4j.hstack(matrix, ones);
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
