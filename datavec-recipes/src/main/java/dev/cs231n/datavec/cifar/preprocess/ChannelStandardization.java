package dev.cs231n.datavec.cifar.preprocess;

import dev.cs231n.datavec.cifar.ChannelStatistics;
import dev.cs231n.datavec.cifar.CifarDataset;
import dev.cs231n.datavec.cifar.CifarFormat;
import dev.cs231n.datavec.cifar.CifarStatistics;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-channel standardisation: {@code (x[n, c, y, x] - mean[c]) / std[c]}, with the 3 channel means and
 * population standard deviations of the training split (0..255 scale). After it the training split has
 * mean 0 and standard deviation 1 in each channel. Works on {@code [N, 3, 32, 32]} and {@code [N, 3072]}
 * features (channel {@code c} = columns {@code c*1024 .. c*1024+1023}).
 */
public final class ChannelStandardization implements CifarPreprocessor {

    private static final long serialVersionUID = 1L;

    private final double[] mean;
    private final double[] std;

    /**
     * @param mean 3 channel means
     * @param std  3 channel standard deviations, each positive and finite
     */
    public ChannelStandardization(double[] mean, double[] std) {
        if (mean == null || std == null || mean.length != CifarFormat.CHANNELS || std.length != CifarFormat.CHANNELS) {
            throw new IllegalArgumentException("expected 3 channel means and 3 channel stds");
        }
        for (int c = 0; c < CifarFormat.CHANNELS; c++) {
            if (!(std[c] > 0) || Double.isInfinite(std[c]) || !Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("channel " + c + " has mean " + mean[c] + ", std " + std[c]
                        + "; the std must be positive (was the training split constant?)");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * Fits on a training split.
     *
     * @param train the training split (never validation or test images)
     * @return the preprocessor
     */
    public static ChannelStandardization fit(CifarDataset train) {
        ChannelStatistics stats = CifarStatistics.channels(train);
        return new ChannelStandardization(stats.mean(), stats.std());
    }

    /** @return the 3 channel means (a copy) */
    public double[] mean() {
        return mean.clone();
    }

    /** @return the 3 channel standard deviations (a copy) */
    public double[] std() {
        return std.clone();
    }

    /**
     * Subtracts and divides by per-position rows ({@code mean[c]} and {@code std[c]} repeated over each
     * channel's 1024 columns): row-vector broadcasts over {@code [N, 3072]} run far faster in ND4J than a
     * broadcast along the channel dimension of {@code [N, 3, 1024]}, with identical results.
     */
    @Override
    public INDArray transform(INDArray features) {
        INDArray matrix = FeatureShapes.asImageMatrix(features);
        matrix.subiRowVector(perPosition(mean, features.dataType()));
        matrix.diviRowVector(perPosition(std, features.dataType()));
        return matrix.reshape('c', features.shape());
    }

    private static INDArray perPosition(double[] perChannel, DataType type) {
        double[] row = new double[CifarFormat.IMAGE_BYTES];
        for (int c = 0; c < CifarFormat.CHANNELS; c++) {
            Arrays.fill(row, c * CifarFormat.PIXELS_PER_CHANNEL, (c + 1) * CifarFormat.PIXELS_PER_CHANNEL,
                    perChannel[c]);
        }
        return Nd4j.create(row, new long[] {1, CifarFormat.IMAGE_BYTES}, 'c').castTo(type);
    }
}
