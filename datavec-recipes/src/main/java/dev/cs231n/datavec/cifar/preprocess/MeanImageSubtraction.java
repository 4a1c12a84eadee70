package dev.cs231n.datavec.cifar.preprocess;

import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import dev.cs231n.datavec.cifar.CifarStatistics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Subtracts the training split's mean image: {@code x[n, j] - mean[j]} for each of the 3072 pixel
 * positions {@code j = c*1024 + y*32 + x} (the course's {@code X -= mean_image}). Values stay on the
 * 0..255 scale, centred. Works on {@code [N, 3, 32, 32]} and {@code [N, 3072]} features.
 */
public final class MeanImageSubtraction implements CifarPreprocessor {

    private static final long serialVersionUID = 1L;

    private final double[] meanImage;

    /**
     * @param meanImage the 3072 means (CHW order, 0..255 scale)
     */
    public MeanImageSubtraction(double[] meanImage) {
        if (meanImage == null || meanImage.length != CifarFormat.IMAGE_BYTES) {
            throw new IllegalArgumentException("mean image must have " + CifarFormat.IMAGE_BYTES + " values, got "
                    + (meanImage == null ? "null" : meanImage.length));
        }
        this.meanImage = meanImage.clone();
    }

    /**
     * Fits on a training split.
     *
     * @param train the training split (never validation or test images)
     * @return the preprocessor
     */
    public static MeanImageSubtraction fit(CifarDataset train) {
        return new MeanImageSubtraction(CifarStatistics.meanImage(train));
    }

    /** @return the 3072 means (a copy) */
    public double[] meanImage() {
        return meanImage.clone();
    }

    @Override
    public INDArray transform(INDArray features) {
        INDArray matrix = FeatureShapes.asImageMatrix(features);
        INDArray mean = Nd4j.create(meanImage, new long[] {1, CifarFormat.IMAGE_BYTES}, 'c')
                .castTo(features.dataType());
        matrix.subiRowVector(mean);
        return matrix.reshape('c', features.shape());
    }
}
