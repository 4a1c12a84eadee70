package dev.cs231n.datavec.cifar;

import java.util.Arrays;

/**
 * Per-channel pixel statistics of a set of images, on the 0..255 scale: {@code mean[c]} and population
 * standard deviation {@code std[c]} (divisor N, as numpy's default) over every pixel of channel {@code c}
 * (0 = R, 1 = G, 2 = B) of every image. Immutable; getters return copies.
 */
public final class ChannelStatistics {

    private final double[] mean;
    private final double[] std;

    /**
     * @param mean 3 channel means
     * @param std  3 channel standard deviations, each positive
     */
    public ChannelStatistics(double[] mean, double[] std) {
        if (mean.length != CifarFormat.CHANNELS || std.length != CifarFormat.CHANNELS) {
            throw new IllegalArgumentException("expected 3 means and 3 stds, got " + mean.length + " and " + std.length);
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** @return the 3 channel means (a copy) */
    public double[] mean() {
        return mean.clone();
    }

    /** @return the 3 channel standard deviations (a copy) */
    public double[] std() {
        return std.clone();
    }

    @Override
    public String toString() {
        return "ChannelStatistics[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
