package dev.cs231n.datavec.cifar.preprocess;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * A fitted CIFAR-10 feature preprocessor: a {@link DataSetPreProcessor} (set it on an iterator) whose
 * fitted state is saved and restored with {@link PreprocessorJson} and {@link ModelZipPreprocessors}.
 *
 * <p>Inputs are features {@code [N, 3, 32, 32]} or {@code [N, 3072]} (CHW order), FLOAT or DOUBLE;
 * labels are left alone. Shape-preserving steps modify the features in place when the array is
 * c-contiguous (as every array this module produces is); {@link BiasTrick} returns a new
 * {@code [N, D+1]} array. Implementations are immutable, so one instance may be shared by iterators.
 */
public sealed interface CifarPreprocessor extends DataSetPreProcessor
        permits MeanImageSubtraction, ChannelStandardization, BiasTrick, PreprocessorChain {

    /**
     * Transforms features.
     *
     * @param features {@code [N, 3, 32, 32]} or {@code [N, 3072]}
     * @return the transformed features: the same array (modified in place) or, when the shape changes or
     *         the input is not c-contiguous, a new one
     */
    INDArray transform(INDArray features);

    /** Replaces the data set's features by {@link #transform(INDArray)} of them. */
    @Override
    default void preProcess(DataSet dataSet) {
        dataSet.setFeatures(transform(dataSet.getFeatures()));
    }
}
