package dev.cs231n.pipelines.data;

import java.util.function.Function;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarSplits;
import dev.cs231n.datavec.cifar.CifarTensors;
import dev.cs231n.datavec.cifar.FeatureLayout;
import dev.cs231n.datavec.cifar.preprocess.CifarPreprocessor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's CIFAR-10 splits as whole arrays, for the classic classifiers that work on full matrices: train
 * (the first 49,000 training images), val (the last 1,000), test (the first 1,000 test images, the course's test
 * split) and testFull (all 10,000). Features are {@code [N, 3072]} (CHW order: all red values, then green, then
 * blue) or {@code [N, 3, 32, 32]}, 0-255 unless a preprocessor fitted on the training split was applied to every
 * split.
 *
 * @param train    the training split
 * @param val      the validation split
 * @param test     the course's test split
 * @param testFull all 10,000 test images
 * @param preprocessor the preprocessor fitted on train and applied to every split, or null
 */
public record CourseArrays(Split train, Split val, Split test, Split testFull, CifarPreprocessor preprocessor) {

    /**
     * Features and integer labels of one split.
     *
     * @param x features
     * @param y labels 0..9
     */
    public record Split(INDArray x, int[] y) {
        /** @return the number of examples */
        public int size() {
            return y.length;
        }
    }

    /**
     * The splits as arrays, with an optional preprocessor fitted on the training split.
     *
     * @param splits the course's splits (a job's {@code CommonOptions.courseSplits()})
     * @param layout FLAT {@code [N, 3072]} or NCHW
     * @param type   FLOAT or DOUBLE
     * @param fit    fits a preprocessor on the training split (e.g. {@code MeanImageSubtraction::fit}), or null
     * @return the arrays
     */
    public static CourseArrays of(CifarSplits splits, FeatureLayout layout, DataType type,
            Function<CifarDataset, CifarPreprocessor> fit) {
        CifarPreprocessor p = fit == null ? null : fit.apply(splits.train());
        return new CourseArrays(split(splits.train(), layout, type, p), split(splits.val(), layout, type, p),
                split(splits.test(), layout, type, p), split(splits.testFull(), layout, type, p), p);
    }

    private static Split split(CifarDataset d, FeatureLayout layout, DataType type, CifarPreprocessor p) {
        INDArray x = CifarTensors.features(d, layout, type);
        return new Split(p == null ? x : p.transform(x), d.labels());
    }
}
