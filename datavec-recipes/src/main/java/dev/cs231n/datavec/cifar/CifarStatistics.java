package dev.cs231n.datavec.cifar;

/**
 * Exact statistics of a {@link CifarDataset} on the 0..255 pixel scale, computed from integer sums (so
 * they do not depend on summation order): the mean image and per-channel mean and standard deviation.
 * Fit preprocessing on the training split only.
 */
public final class CifarStatistics {

    private CifarStatistics() {
    }

    /**
     * The mean image: element {@code j} (CHW order, {@code c*1024 + y*32 + x}) is the mean of pixel
     * {@code j} over all images.
     *
     * @param data a non-empty dataset
     * @return 3072 means
     */
    public static double[] meanImage(CifarDataset data) {
        requireNonEmpty(data);
        byte[] raw = data.rawRecords();
        long[] sums = new long[CifarFormat.IMAGE_BYTES];
        for (int i = 0; i < data.size(); i++) {
            int base = data.offset(i) + 1;
            for (int j = 0; j < CifarFormat.IMAGE_BYTES; j++) {
                sums[j] += raw[base + j] & 0xFF;
            }
        }
        double[] mean = new double[CifarFormat.IMAGE_BYTES];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = (double) sums[j] / data.size();
        }
        return mean;
    }

    /**
     * Per-channel mean and population standard deviation over all pixels of all images.
     *
     * @param data a non-empty dataset
     * @return the statistics
     */
    public static ChannelStatistics channels(CifarDataset data) {
        requireNonEmpty(data);
        byte[] raw = data.rawRecords();
        long[] sum = new long[CifarFormat.CHANNELS];
        long[] sumSq = new long[CifarFormat.CHANNELS];
        for (int i = 0; i < data.size(); i++) {
            int base = data.offset(i) + 1;
            for (int c = 0; c < CifarFormat.CHANNELS; c++) {
                long s = 0;
                long sq = 0;
                int start = base + c * CifarFormat.PIXELS_PER_CHANNEL;
                for (int p = 0; p < CifarFormat.PIXELS_PER_CHANNEL; p++) {
                    int v = raw[start + p] & 0xFF;
                    s += v;
                    sq += v * v;
                }
                sum[c] += s;
                sumSq[c] += sq;
            }
        }
        double n = (double) data.size() * CifarFormat.PIXELS_PER_CHANNEL;
        double[] mean = new double[CifarFormat.CHANNELS];
        double[] std = new double[CifarFormat.CHANNELS];
        for (int c = 0; c < CifarFormat.CHANNELS; c++) {
            mean[c] = sum[c] / n;
            // Exact integer sums: sum((v - m)^2) = sumSq - sum^2 / n, evaluated once in double.
            double centred = sumSq[c] - (double) sum[c] * sum[c] / n;
            std[c] = Math.sqrt(Math.max(0.0, centred / n));
        }
        return new ChannelStatistics(mean, std);
    }

    private static void requireNonEmpty(CifarDataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot compute statistics of an empty dataset");
        }
    }
}
